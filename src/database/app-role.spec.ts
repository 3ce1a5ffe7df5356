import { grantStatements, roleOf } from './app-role.js';

describe('the application database role', () => {
  it('gets rows, never TRUNCATE, and only SELECT/INSERT on the audit trail', () => {
    const sql = grantStatements('xueji_app', 'pgboss').join(';\n');
    expect(sql).not.toMatch(/TRUNCATE|ALL PRIVILEGES|OWNER|TRIGGER/);
    expect(sql).toContain('REVOKE UPDATE, DELETE ON audit_entries FROM xueji_app');
    expect(sql).toContain('REVOKE INSERT, DELETE ON audit_head FROM xueji_app');
  });

  it('refuses a role name that is not a plain identifier (it is spliced into SQL)', () => {
    expect(() => grantStatements('app; DROP TABLE x', 'pgboss')).toThrow(/plain lower-case identifier/);
    expect(() => grantStatements('App', 'pgboss')).toThrow();
  });

  it('reads the role from a connection URL', () => {
    expect(roleOf('postgres://xueji_app:secret@db.example:5432/xueji')).toBe('xueji_app');
    expect(roleOf('postgres://127.0.0.1/test')).toBe('postgres');
  });
});
