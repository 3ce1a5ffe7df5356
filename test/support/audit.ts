import type { TestApp } from './test-app.js';

/** Runs SQL on audit_entries with its append-only trigger off, as someone with the owner's rights could. */
export async function bypassingAuditTrigger(t: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  await t.dataSource.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change`);
  try {
    await t.dataSource.query(sql, params);
  } finally {
    await t.dataSource.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change`);
  }
}
