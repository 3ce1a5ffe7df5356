import type { Response } from 'supertest';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { OrganisationsService } from '../../src/platform/organisations/organisations.service.js';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';
import { bypassingAuditTrigger } from '../support/audit.js';


/**
 * Changes to a record are guarded by its version and recorded in the hash-chained audit trail:
 * a stale or repeated change is refused without effect, concurrent confirmations produce one
 * winner, every change carries its request's correlation id, and the chain exposes tampering.
 */
describe('record changes: optimistic locking and the audit trail', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;
  let national: string;
  let province: string;

  const NAME = '孙悦';
  const ID = residentId('330106', '2010-08-10', '808');
  let studentId: string;
  /** The correlation id each change's response carried, in the order the changes happened. */
  const correlations: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'gs');
    await t.app.get(OrganisationsService).ensureRoot();
    await t.app.get(AccountsService).createBySystem({ username: 'moe.audit', password: PASSWORD, organisationCode: '000000' });
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    province = await login(t, users.province);
    national = await login(t, 'moe.audit');
  });

  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http.get(path).set('Authorization', token),
    post: (path: string, body: object = {}) => t.http.post(path).set('Authorization', token).send(body),
  });

  function expectProblem(res: Response, status: number, code: string) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toContain('application/problem+json');
  }

  async function snapshot() {
    const student = await as(county).get(`/students/${studentId}`).expect(200);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`);
    return { student: student.body, auditEntries: Number(n) };
  }

  async function auditRows(): Promise<number> {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`);
    return Number(n);
  }

  const bypassingTrigger = (sql: string, params: unknown[] = []) => bypassingAuditTrigger(t, sql, params);

  it('enrols the student (version 1)', async () => {
    const res = await as(registrar)
      .post('/students', { idNumber: ID, name: NAME, enrolmentDate: '2016-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'enrolled', version: 1 });
    studentId = res.body.id;
    correlations.push(res.headers['x-correlation-id']);
    // A record of 2016, as it claims (one made today would wait for the city's second approval).
    await t.dataSource.query(`UPDATE students SET created_at = '2016-09-01T08:00:00+08:00' WHERE id = $1`, [studentId]);
  });

  it('refuses a graduation date before enrolment with 400 naming graduationDate, changing nothing', async () => {
    const before = await snapshot();
    const res = await as(registrar).post(`/students/${studentId}/graduation`, { graduationDate: '2016-08-31', expectedVersion: 1 });
    expectProblem(res, 400, 'INVALID_DATE');
    expect(res.body.errors).toEqual([{ field: 'graduationDate', message: expect.any(String) }]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a graduation date in the future with 400 naming graduationDate', async () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const res = await as(registrar).post(`/students/${studentId}/graduation`, { graduationDate: `${nextYear}-07-01` });
    expectProblem(res, 400, 'INVALID_DATE');
    expect(res.body.errors[0].field).toBe('graduationDate');
  });

  it('refuses a proposal made from a stale version with 409 STALE_VERSION, changing nothing', async () => {
    const before = await snapshot();
    const res = await as(registrar).post(`/students/${studentId}/graduation`, { graduationDate: '2022-07-01', expectedVersion: 7 });
    expectProblem(res, 409, 'STALE_VERSION');
    expect(await snapshot()).toEqual(before);
    expect(before.student).toMatchObject({ status: 'enrolled', version: 1, graduationDate: null });
  });

  it('accepts the proposal made from the current version (version 2)', async () => {
    const res = await as(registrar).post(`/students/${studentId}/graduation`, { graduationDate: '2022-07-01', expectedVersion: 1 }).expect(200);
    expect(res.body).toMatchObject({ status: 'graduation_proposed', graduationDate: '2022-07-01', version: 2 });
    correlations.push(res.headers['x-correlation-id']);
  });

  it('refuses a second proposal with 409 INVALID_STATE, changing nothing', async () => {
    const before = await snapshot();
    const res = await as(registrar).post(`/students/${studentId}/graduation`, { graduationDate: '2022-06-30' });
    expectProblem(res, 409, 'INVALID_STATE');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a confirmation from a stale version with 409 STALE_VERSION', async () => {
    const before = await snapshot();
    const res = await as(county).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 1 });
    expectProblem(res, 409, 'STALE_VERSION');
    expect(await snapshot()).toEqual(before);
  });

  it('of two simultaneous confirmations, one succeeds (200) and the other gets 409', async () => {
    const before = await auditRows();
    const results = await Promise.all([
      as(county).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 2 }),
      as(county).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status === 409)!;
    expect(winner.body).toMatchObject({ status: 'graduated', version: 3 });
    expect(['STALE_VERSION', 'INVALID_STATE']).toContain(loser.body.code);
    expect(await auditRows()).toBe(before + 1);
    correlations.push(winner.headers['x-correlation-id']);
  });

  it('refuses a confirmation of a graduate with 409 INVALID_STATE', async () => {
    const res = await as(county).post(`/students/${studentId}/graduation/confirmation`, {});
    expectProblem(res, 409, 'INVALID_STATE');
    const { student } = await snapshot();
    expect(student).toMatchObject({ status: 'graduated', version: 3, graduationDate: '2022-07-01' });
  });

  it('lists the student\'s audit entries in order, each with its request\'s correlation id and no personal data', async () => {
    const res = await as(county).get(`/audit/student/${studentId}`).expect(200);
    expect(res.body.map((e: { action: string }) => e.action)).toEqual([
      'student.enrolled',
      'student.graduation_proposed',
      'student.graduated',
    ]);
    expect(res.body.map((e: { correlationId: string }) => e.correlationId)).toEqual(correlations);
    expect(new Set(correlations).size).toBe(3);
    const seqs = res.body.map((e: { seq: string }) => BigInt(e.seq));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(res.body[2].details).toMatchObject({ status: 'graduated', fromVersion: 2 });

    for (const text of [res.text, JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_entries`))]) {
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(ID);
      expect(text).not.toContain(ID.slice(0, 17));
      expect(text).not.toContain(ID.slice(6, 14));
    }
  });

  it('carries a correlation id the caller supplied into the audit entry', async () => {
    const cert = await t.http
      .post(`/students/${studentId}/certificates`)
      .set('Authorization', county)
      .set('x-correlation-id', '0b9e6f0e-5d1c-4c2a-9f3e-2a7b8c9d0e11')
      .send({ kind: 'graduation' })
      .expect(201);
    expect(cert.headers['x-correlation-id']).toBe('0b9e6f0e-5d1c-4c2a-9f3e-2a7b8c9d0e11');
    const res = await as(county).get(`/audit/certificate/${cert.body.id}`).expect(200);
    expect(res.body).toEqual([expect.objectContaining({ action: 'certificate.issued', correlationId: '0b9e6f0e-5d1c-4c2a-9f3e-2a7b8c9d0e11' })]);
  });

  it('of two simultaneous proposals without an expected version, the second sees the first and gets 409 INVALID_STATE', async () => {
    const other = await as(registrar)
      .post('/students', { idNumber: residentId('330106', '2010-08-11', '919'), name: '钱多', enrolmentDate: '2016-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    const before = await auditRows();
    const results = await Promise.all([
      as(registrar).post(`/students/${other.body.id}/graduation`, { graduationDate: '2022-07-01' }),
      as(registrar).post(`/students/${other.body.id}/graduation`, { graduationDate: '2022-06-30' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('INVALID_STATE');
    const winner = results.find((r) => r.status === 200)!;
    const now = await as(county).get(`/students/${other.body.id}`).expect(200);
    expect(now.body).toMatchObject({ status: 'graduation_proposed', version: 2, graduationDate: winner.body.graduationDate });
    expect(await auditRows()).toBe(before + 1);
  });

  it('only national and provincial authorities may verify the chain', async () => {
    expectProblem(await as(county).get('/audit/verify'), 403, 'ROLE_NOT_ALLOWED');
    await as(province).get('/audit/verify').expect(200);
  });

  it('verifies the untouched chain: valid, every row checked', async () => {
    const res = await as(national).get('/audit/verify').expect(200);
    expect(res.body).toEqual({ valid: true, checked: await auditRows(), firstBrokenSeq: null });
  });

  it('the database refuses a plain UPDATE or DELETE of an audit entry, even by the owner (its trigger)', async () => {
    const before = await t.dataSource.query(`SELECT seq, details, hash FROM audit_entries ORDER BY seq`);
    await expect(t.asOwner((q) => q(`UPDATE audit_entries SET details = '{"x":1}' WHERE seq = 3`))).rejects.toThrow(/append-only/);
    await expect(t.asOwner((q) => q(`DELETE FROM audit_entries WHERE seq = 3`))).rejects.toThrow(/append-only/);
    expect(await t.dataSource.query(`SELECT seq, details, hash FROM audit_entries ORDER BY seq`)).toEqual(before);
  });

  it('detects an edited entry (trigger bypassed) and names its seq', async () => {
    const [{ details }] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE seq = 3`);
    await bypassingTrigger(`UPDATE audit_entries SET details = '{"x":1}' WHERE seq = 3`);
    const res = await as(national).get('/audit/verify').expect(200);
    expect(res.body).toEqual({ valid: false, checked: 2, firstBrokenSeq: '3', reason: 'hash' });
    // Put the original back, so that the next cases start from an intact chain.
    await bypassingTrigger(`UPDATE audit_entries SET details = $1::jsonb WHERE seq = 3`, [JSON.stringify(details)]);
  });

  it('reports the chain valid again once the original entry is restored', async () => {
    const res = await as(national).get('/audit/verify').expect(200);
    expect(res.body).toEqual({ valid: true, checked: await auditRows(), firstBrokenSeq: null });
  });

  it('detects the last entry removed (trigger bypassed): the head points past the end', async () => {
    const [{ last }] = await t.dataSource.query(`SELECT max(seq)::text AS last FROM audit_entries`);
    const rows = await auditRows();
    await bypassingTrigger(`DELETE FROM audit_entries WHERE seq = $1`, [last]);
    const res = await as(national).get('/audit/verify').expect(200);
    expect(res.body).toEqual({ valid: false, checked: rows - 1, firstBrokenSeq: String(last), reason: 'missing' });
  });

  it('detects an entry removed from the middle: the next one no longer links', async () => {
    await bypassingTrigger(`DELETE FROM audit_entries WHERE seq = 4`);
    const res = await as(national).get('/audit/verify').expect(200);
    // The number is missing: reported as such, at the number that is gone.
    expect(res.body).toEqual({ valid: false, checked: 3, firstBrokenSeq: '4', reason: 'missing' });
  });

  it('detects an entry removed with the plain chain recomputed and renumbered after it, as the database owner could (the MACs need the master key)', async () => {
    // Everything a database-only attacker can do: drop entry 3, renumber the rest (closing the gap
    // left above too), recompute every hash and link, keep the old MACs, and move the head.
    const rows: Array<Record<string, unknown>> = await t.dataSource.query(
      `SELECT seq::text AS seq, occurred_at, actor_account_id, actor_organisation_id, scope_path, action, record_type, record_id, correlation_id, details, prev_hash, hash, mac
         FROM audit_entries ORDER BY audit_entries.seq`,
    );
    const { entryHash, GENESIS_HASH } = await import('../../src/platform/audit/domain/audit-chain.js');
    let prev = GENESIS_HASH;
    const rewritten = rows
      .filter((row) => row.seq !== '3')
      .map((row, i): Record<string, unknown> => {
        if (i < 2) {
          prev = String(row.hash); // the entries before the removed one stay exactly as they are
          return row;
        }
        const fields = {
          seq: String(i + 1),
          occurredAt: new Date(row.occurred_at as string).toISOString(),
          actorAccountId: row.actor_account_id,
          actorOrganisationId: row.actor_organisation_id,
          scopePath: row.scope_path,
          action: row.action,
          recordType: row.record_type,
          recordId: row.record_id,
          correlationId: row.correlation_id,
          details: row.details,
        } as Parameters<typeof entryHash>[1];
        const hash = entryHash(prev, fields);
        const out: Record<string, unknown> = { ...row, seq: fields.seq, prev_hash: prev, hash };
        prev = hash;
        return out;
      });
    await bypassingTrigger(`DELETE FROM audit_entries`);
    for (const row of rewritten) {
      await bypassingTrigger(
        `INSERT INTO audit_entries (seq, occurred_at, actor_account_id, actor_organisation_id, scope_path, action, record_type, record_id, correlation_id, details, prev_hash, hash, mac)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [row.seq, row.occurred_at, row.actor_account_id, row.actor_organisation_id, row.scope_path, row.action, row.record_type, row.record_id, row.correlation_id, JSON.stringify(row.details), row.prev_hash, row.hash, row.mac],
      );
    }
    await t.dataSource.query(`UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, [rewritten.at(-1)!.seq, prev]);
    const res = await as(national).get('/audit/verify').expect(200);
    expect(res.body).toMatchObject({ valid: false, firstBrokenSeq: '3', reason: 'mac' });
  });
});
