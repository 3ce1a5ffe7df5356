import type { Response } from 'supertest';
import { residentIdCheckCharacter } from '../../src/registry/domain/resident-id.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Enrolment over HTTP refuses what it must (bad ID numbers, bad fields, a second record for the
 * same person, the wrong caller) with a problem document that names the field and never echoes
 * the number, and a refusal leaves no trace in the register or the audit trail.
 */
describe('enrolment validation over HTTP', () => {
  let t: TestApp;
  let registrar: string;
  let otherRegistrar: string;
  let neighbourRegistrar: string;
  let countyAdmin: string;

  const REGION = '330106';
  const BIRTH = '2012-03-15';
  const VALID = { name: '李小红', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 };
  const NEXT_YEAR = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'hz');
    const b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, 'nj');
    const c = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108001' }, 'bj');
    registrar = await login(t, a.school);
    neighbourRegistrar = await login(t, c.school);
    countyAdmin = await login(t, a.county);
    otherRegistrar = await login(t, b.school);
  });

  afterAll(() => t.close());

  function enrol(token: string | null, body: Record<string, unknown>) {
    const req = t.http.post('/students');
    if (token) req.set('Authorization', token);
    return req.send(body);
  }

  async function counts() {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM students)::int AS students, (SELECT count(*) FROM audit_entries)::int AS audit`,
    );
    return { students: Number(row.students), audit: Number(row.audit) };
  }

  /** Runs a refused request and proves that neither a student row nor an audit entry appeared. */
  async function refusedWithoutWriting(send: () => Promise<Response>): Promise<Response> {
    const before = await counts();
    const res = await send();
    expect(await counts()).toEqual(before);
    return res;
  }

  function expectProblem(res: Response, status: number, code: string) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', status, code });
  }

  /** A valid number whose check character is X, so that typing it with a lower-case x is meaningful. */
  function idEndingInX(): string {
    for (let n = 100; n < 1000; n++) {
      const first17 = `${REGION}${BIRTH.replaceAll('-', '')}${n}`;
      if (residentIdCheckCharacter(first17) === 'X') return first17 + 'X';
    }
    throw new Error('no sequence in 100–999 gives an X check character');
  }

  const fullWidth = (s: string) => s.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

  describe('an invalid ID number is refused as 400 INVALID_ID_NUMBER without echoing it', () => {
    const good = residentId(REGION, BIRTH, '215');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cases: Array<[string, string]> = [
      ['a wrong check character', wrongCheck],
      ['an impossible date (30 February) with a correct check character', residentId(REGION, '2015-02-30', '215')],
      ['a birth date in the future', residentId(REGION, `${NEXT_YEAR}-01-01`, '215')],
      ['an unknown province (99)', residentId('990106', BIRTH, '215')],
      ['a city-level region code (330100), not a county', residentId('330100', BIRTH, '215')],
      ['seventeen characters', good.slice(0, 17)],
      ['letters in the digits', `${good.slice(0, 6)}ABCDEFGH${good.slice(14)}`],
    ];

    it.each(cases)('%s', async (_case, idNumber) => {
      const res = await refusedWithoutWriting(() => enrol(registrar, { ...VALID, idNumber }));
      expectProblem(res, 400, 'INVALID_ID_NUMBER');
      expect(res.body.errors[0].field).toBe('idNumber');
      expect(res.body.errors[0].message).toEqual(expect.any(String));
      expect(res.text).not.toContain(idNumber);
      expect(res.text).not.toContain(idNumber.slice(0, 17));
      expect(res.text).not.toContain(idNumber.slice(6, 14));
    });
  });

  describe('other bad fields are refused as 400 naming the field', () => {
    const id = residentId(REGION, BIRTH, '317'); // 1 is odd: a boy
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a missing name', { name: undefined }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name with a control character', { name: '王\u0000明' }, 'name'],
      ['an enrolment date that is not a date', { enrolmentDate: '01/09/2018' }, 'enrolmentDate'],
      ['an enrolment date that does not exist', { enrolmentDate: '2018-02-30' }, 'enrolmentDate'],
      ['an enrolment date in the future', { enrolmentDate: `${NEXT_YEAR}-09-01` }, 'enrolmentDate'],
      ['an enrolment date before birth', { enrolmentDate: '2011-09-01' }, 'enrolmentDate'],
      ['grade 7 in primary school', { educationStage: 'primary', grade: 7 }, 'grade'],
      ['grade 9 in senior school', { educationStage: 'senior', grade: 9 }, 'grade'],
      ['a fractional grade', { grade: 1.5 }, 'grade'],
      ['a gender that contradicts the ID number', { gender: 'female' }, 'gender'],
    ];

    it.each(cases)('%s', async (_case, change, field) => {
      const res = await refusedWithoutWriting(() => enrol(registrar, { ...VALID, idNumber: id, ...change }));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(res.text).not.toContain(id);
    });
  });

  describe('a second record for the same person is refused as 409 DUPLICATE_PERSON', () => {
    const ID = idEndingInX();
    let firstId: string;

    beforeAll(async () => {
      const res = await enrol(registrar, { ...VALID, idNumber: ID }).expect(201);
      firstId = res.body.id;
    });

    it.each([
      ['typed exactly the same', ID],
      ['typed with a lower-case x', ID.slice(0, 17) + 'x'],
      ['typed with full-width digits', fullWidth(ID)],
      ['typed in groups with spaces', `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`],
    ])('%s', async (_case, idNumber) => {
      const res = await refusedWithoutWriting(() => enrol(registrar, { ...VALID, name: '李小红二', idNumber }));
      expectProblem(res, 409, 'DUPLICATE_PERSON');
      expect(res.text).not.toContain(ID.slice(0, 17));
    });

    it.each([
      ['a school in a neighbouring county of the same city', () => neighbourRegistrar],
      ['a school in another province', () => otherRegistrar],
    ])('also when %s tries to enrol the person', async (_case, token) => {
      const res = await refusedWithoutWriting(() => enrol(token(), { ...VALID, idNumber: ID }));
      expectProblem(res, 409, 'DUPLICATE_PERSON');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM students WHERE id = $1`, [firstId]);
      expect(Number(n)).toBe(1);
    });
  });

  it('two simultaneous enrolments of one person create exactly one record', async () => {
    const idNumber = residentId(REGION, '2011-06-01', '422');
    const before = await counts();
    const results = await Promise.all([
      enrol(registrar, { ...VALID, name: '周一', idNumber }),
      enrol(registrar, { ...VALID, name: '周二', idNumber }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('DUPLICATE_PERSON');
    const after = await counts();
    expect(after).toEqual({ students: before.students + 1, audit: before.audit + 1 });
  });

  describe('only a school registrar with a valid token may enrol', () => {
    const idNumber = residentId(REGION, '2012-05-05', '531');

    it('a county administrator gets 403', async () => {
      const res = await refusedWithoutWriting(() => enrol(countyAdmin, { ...VALID, idNumber }));
      expectProblem(res, 403, 'ROLE_NOT_ALLOWED');
    });

    it('no token gets 401', async () => {
      const res = await refusedWithoutWriting(() => enrol(null, { ...VALID, idNumber }));
      expectProblem(res, 401, 'UNAUTHENTICATED');
    });

    it.each([
      ['a token that is not a JWT', 'Bearer not-a-token'],
      ['a registrar token with its signature altered', 'tampered'],
      ['a Basic credential', 'Basic aHouc2Nob29sOlRlc3QtUGFzc3dvcmQtMjAyNg=='],
    ])('%s gets 401', async (_case, header) => {
      const value = header === 'tampered' ? registrar.slice(0, -4) + (registrar.endsWith('AAAA') ? 'BBBB' : 'AAAA') : header;
      const res = await refusedWithoutWriting(() => enrol(value, { ...VALID, idNumber }));
      expectProblem(res, 401, 'UNAUTHENTICATED');
    });

    it('and the same request with the registrar token succeeds', async () => {
      const res = await enrol(registrar, { ...VALID, idNumber }).expect(201);
      expect(res.body).toMatchObject({ status: 'enrolled', gender: 'male', birthDate: '2012-05-05', schoolCode: '3330106001' });
      expect(res.text).not.toContain(idNumber);
    });
  });

  it('never writes a submitted ID number to a log line', () => {
    const joined = t.logs.join('\n');
    expect(joined).not.toContain(residentId(REGION, BIRTH, '215').slice(0, 17));
    expect(joined).not.toContain(idEndingInX().slice(0, 17));
    expect(joined).not.toContain(residentId(REGION, '2011-06-01', '422').slice(0, 17));
  });
});
