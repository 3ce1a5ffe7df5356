import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * What a stolen dump of the database gives away (security issue): no ID number, no password and
 * no guardian's phone number in clear. On a server with pg_dump itself; on the embedded store every table read as text.
 */
describe('a dump of the database', () => {
  let t: TestApp;
  const idNumber = residentId('330106', '2012-03-15', '081');
  const phone = '13912345678';
  const guardianPassword = 'Guardian-Pass-2026';

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'dp');
    const registrar = await login(t, users.school);
    const student = await t.http
      .post('/students')
      .set('Authorization', registrar)
      .send({ idNumber, name: '欧阳娜娜', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    await t.http
      .post(`/students/${student.body.id}/guardian-consents`)
      .set('Authorization', registrar)
      .send({ guardianName: '欧阳父', relation: 'father', signedFormSha256: 'b'.repeat(64), consentedOn: '2026-11-28' })
      .expect(201);
    // A guardian's account: the mobile number is personal data, kept as a digest and sealed.
    const code = (await t.http.post(`/students/${student.body.id}/guardian-codes`).set('Authorization', registrar).send({ relation: 'father' }).expect(201)).body.code;
    await t.http.post('/guardian/accounts').send({ code, phone, password: guardianPassword }).expect(201);
  });
  afterAll(() => t.close());

  async function dump(): Promise<string> {
    if (t.config.databaseUrl) {
      const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', '--no-owner', t.config.databaseUrl], { maxBuffer: 256 * 1024 * 1024 });
      return stdout;
    }
    const tables: Array<{ tablename: string }> = await t.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const parts: string[] = [];
    for (const { tablename } of tables) {
      const rows: Array<{ row: string }> = await t.dataSource.query(`SELECT row_to_json(x)::text AS row FROM "${tablename}" x`);
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join('\n');
  }

  it('holds no ID number and no password in clear, in any form a search would find', async () => {
    const text = await dump();
    expect(text.length).toBeGreaterThan(1000);
    expect(text).toContain('欧阳娜娜'); // the dump is real: it does hold what is not protected
    for (const secret of [idNumber, idNumber.toLowerCase(), idNumber.slice(0, 17), PASSWORD, phone, guardianPassword]) expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(phone).toString('hex'));
    expect(text).not.toContain(Buffer.from(idNumber).toString('hex'));
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('hex'));
  });
});
