import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { classIdNumbers, seedClass } from '../support/classes.js';
import { PUBLIC_URL, login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';
import { relyingSystemToken } from '../support/relying-systems.js';

/** Desensitised statistics and exports (第二十四条): small cells suppressed, rows only under an approval, masked. */
describe('statistics and exports', () => {
  let t: TestApp;
  let auth: Record<'county' | 'city' | 'school', string>;
  let key: CryptoKey;
  let clientId: string;
  let approvalId: string;
  let names: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ex');
    await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106002' }, 'ey');
    auth = { county: await login(t, users.county), city: await login(t, users.city), school: await login(t, users.school) };
    await seedClass(t.app, '3330106001', 12);
    await seedClass(t.app, '3330106002', 3, 100);
    names = (await t.dataSource.query(`SELECT name FROM students`)).map((r: { name: string }) => r.name);

    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const system = await t.http
      .post('/relying-systems')
      .set('Authorization', auth.city)
      .send({ name: '西湖区少年宫', operator: '西湖区少年宫', contact: '少年宫办公室', purpose: '统计在籍学生参加活动的资格', jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1' }] } })
      .expect(201);
    clientId = system.body.clientId;
    const asked = await t.http
      .post(`/relying-systems/${system.body.id}/approval-requests`)
      .set('Authorization', auth.city)
      .send({ claims: ['name', 'enrolment_status', 'age_over_12', 'school'], purpose: '活动报名资格核对', legalBasis: '区政府批复（测试）', regionCode: '330106', validUntil: '2099-12-31', volumeLimit: 30 })
      .expect(201);
    approvalId = asked.body.id;
    await t.http.post(`/requests/${asked.body.requestId}/steps/0/decision`).set('Authorization', auth.county).send({ outcome: 'approve' }).expect(200);
  });
  afterAll(() => t.close());

  const systemToken = () => relyingSystemToken(t, PUBLIC_URL, { clientId, key });
  async function exportAs(format: string, status: number) {
    const res = await t.http
      .get(`/sharing/exports/students?approvalId=${approvalId}&format=${format}`)
      .set('Authorization', await systemToken())
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(status);
    return res;
  }

  it('counts by region and grade with small cells suppressed, and the lone small cell’s neighbour too', async () => {
    const res = await t.http.get('/statistics/students?by=region').set('Authorization', auth.county).expect(200);
    expect(res.body).toMatchObject({ by: ['region'], threshold: 5, total: 15 });
    const bySchool = Object.fromEntries(res.body.cells.map((c: { key: { region: string }; count: number | null }) => [c.key.region, c.count]));
    // 3 is small; with the total shown, the 12 would give it away, so it is suppressed as well
    expect(bySchool).toEqual({ '3330106001': null, '3330106002': null });
    const own = await t.http.get('/statistics/students?by=region,grade').set('Authorization', auth.school).expect(200);
    expect(own.body.cells).toEqual([{ key: { region: '3330106001', regionName: 'school 3330106001', grade: 1 }, count: 12, suppressed: false }]);
    expect((await t.http.get('/statistics/students?by=region,ethnicity').set('Authorization', auth.county).expect(400)).body.errors[0].field).toBe('by.1');
  });

  it('exports the approved columns only, names masked, no numbers, as CSV', async () => {
    const res = await exportAs('csv', 200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="students-\d{8}\.csv"$/);
    const text = res.body.toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('姓名（脱敏）,已满12周岁,学籍状态,学校');
    expect(lines).toHaveLength(1 + 15);
    for (const name of names) expect(text).not.toContain(`${name},`);
    const numbers = [...classIdNumbers(12), ...classIdNumbers(3, 100), ...(await t.dataSource.query(`SELECT student_number FROM students`)).map((r: { student_number: string }) => r.student_number)];
    for (const number of numbers) expect(text).not.toContain(number);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(lines[1]).toMatch(/^学\*\d,true,enrolled,school 33301060\d\d$/);
  });

  it('exports the same as XLSX, and every row counts against the volume', async () => {
    const res = await exportAs('xlsx', 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('students')!;
    expect(sheet.rowCount).toBe(16);
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名（脱敏）', '已满12周岁', '学籍状态', '学校']);
    const cells = sheet.getSheetValues().flat().map(String).join('\n');
    for (const name of names) expect(cells).not.toContain(name);
    expect(cells).not.toMatch(/\d{17}[\dX]/);
    const [{ used }] = await t.dataSource.query(`SELECT used FROM sharing_approvals WHERE id = $1`, [approvalId]);
    expect(used).toBe(30);
  });

  it('refuses an export beyond the volume, logs it, and warns the approving authority', async () => {
    expect(JSON.parse((await exportAs('csv', 422)).body.toString()).code).toBe('APPROVAL_VOLUME_EXCEEDED');
    const warned = (await t.http.get('/warnings?kind=sharing.volume_exceeded').set('Authorization', auth.county).expect(200)).body.items;
    expect(warned).toEqual([expect.objectContaining({ subjectType: 'relying_system', evidence: expect.objectContaining({ approvalId, code: 'APPROVAL_VOLUME_EXCEEDED', event: 'export' }) })]);
    const log = await t.dataSource.query(`SELECT event, outcome, code, subject FROM sharing_access_log WHERE approval_id = $1 ORDER BY id`, [approvalId]);
    expect(log).toEqual([
      { event: 'export', outcome: 'allowed', code: null, subject: 'rows:15' },
      { event: 'export', outcome: 'allowed', code: null, subject: 'rows:15' },
      { event: 'export', outcome: 'refused', code: 'APPROVAL_VOLUME_EXCEEDED', subject: null },
    ]);
  });

  it('shows the approver the access log, newest first, in pages; not to an authority outside', async () => {
    const first = await t.http.get(`/sharing-approvals/${approvalId}/access-log?limit=2`).set('Authorization', auth.county).expect(200);
    expect(first.body.items.map((e: { outcome: string; code: string | null }) => [e.outcome, e.code])).toEqual([
      ['refused', 'APPROVAL_VOLUME_EXCEEDED'],
      ['allowed', null],
    ]);
    const second = await t.http.get(`/sharing-approvals/${approvalId}/access-log?limit=2&after=${first.body.next}`).set('Authorization', auth.county).expect(200);
    expect(second.body).toMatchObject({ items: [{ event: 'export', outcome: 'allowed', claims: ['name', 'age_over_12', 'enrolment_status', 'school'], subject: 'rows:15' }], next: null });
    await t.http.get(`/sharing-approvals/${approvalId}/access-log`).set('Authorization', auth.school).expect(403);
  });

  it('refuses anyone but a relying system with its own approval', async () => {
    await t.http.get(`/sharing/exports/students?approvalId=${approvalId}`).set('Authorization', auth.county).expect(401);
    await t.http.get(`/sharing/exports/students?approvalId=${randomUUID()}`).set('Authorization', await systemToken()).expect(404);
  });
});
