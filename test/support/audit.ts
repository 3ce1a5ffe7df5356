import type { TestApp } from './test-app.js';

/** Runs SQL on audit_entries with its append-only trigger off, as someone with the owner's rights could. */
export async function bypassingAuditTrigger(t: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  await t.asOwner(async (query) => {
    await query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change`);
    await query(sql, params);
    await query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change`);
  });
}
