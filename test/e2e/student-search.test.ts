import { changeActors, type ChangeActors } from '../support/change-requests.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Listing and search over HTTP (issue 8): every filter of GET /students, the personal ones (name
 * prefix, ID number) by POST /students/search only, keyset pages that walk a subtree without gaps
 * or repeats, and the caller's subtree as the limit of everything.
 */
describe('student listing and search', () => {
  let t: TestApp;
  let as: ChangeActors;
  let secondSchool: string;
  let province: string;
  const ids: Record<string, string> = {};
  const idNumbers: Record<string, string> = {};

  interface Row { id: string; name: string; studentNumber: string; schoolCode: string; grade: number; className: string | null; status: string }
  const list = (who: string, query = '') => t.http.get(`/students${query}`).set('Authorization', who);
  const search = (who: string, body: object) => t.http.post('/students/search').set('Authorization', who).send(body);
  const names = (rows: Row[]) => rows.map((r) => r.name).sort();

  async function enrol(who: string, key: string, name: string, stage: 'junior' | 'senior', grade: number, className: string, seq: string, region = '330106') {
    const birth = stage === 'junior' ? '2013-03-01' : '2010-03-01';
    idNumbers[key] = residentId(region, birth, seq);
    const res = await t.http
      .post('/students')
      .set('Authorization', who)
      .send({ idNumber: idNumbers[key], name, className, enrolmentDate: '2025-09-01', educationStage: stage, grade })
      .expect(201);
    ids[key] = res.body.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'ss');
    const second = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106002' }, 'ssc');
    secondSchool = await login(t, second.school);
    province = await login(t, second.province);
    await enrol(as.school, 'zhangWei', '张伟', 'junior', 8, '八年级(1)班', '101');
    await enrol(as.school, 'zhangWeiming', '张伟明', 'junior', 8, '八年级(2)班', '102');
    await enrol(as.school, 'liNa', '李娜', 'junior', 7, '七年级(1)班', '103');
    await enrol(as.school, 'wangFang', '王芳', 'senior', 11, '高二(3)班', '104');
    await enrol(as.school, 'zhaoLei', '赵磊', 'senior', 10, '高一(1)班', '105');
    await enrol(as.school, 'chenJing', '陈静', 'junior', 9, '九年级(1)班', '106');
    await enrol(secondSchool, 'zhangSan', '张三', 'junior', 8, '八年级(1)班', '107');
    await enrol(secondSchool, 'liuYang', '刘洋', 'junior', 7, '七年级(2)班', '108');
    await enrol(as.otherSchool, 'otherZhangWei', '张伟', 'junior', 8, '八年级(1)班', '109', '320102');
    await t.asOwner((q) => q(`UPDATE students SET status = 'withdrawn' WHERE id = $1`, [ids.chenJing]));
  });
  afterAll(() => t.close());

  describe('filters of GET /students (nothing personal in the URL)', () => {
    it.each([
      ['school', '?schoolCode=3330106002', ['刘洋', '张三']],
      ['stage', '?stage=senior', ['王芳', '赵磊']],
      ['grade', '?grade=8', ['张三', '张伟', '张伟明']],
      ['class (exact)', `?className=${encodeURIComponent('八年级(1)班')}`, ['张三', '张伟']],
      ['school, grade and class', `?schoolCode=3330106001&grade=8&className=${encodeURIComponent('八年级(1)班')}`, ['张伟']],
      ['status', '?status=withdrawn', ['陈静']],
      ['stage and status', '?stage=junior&status=enrolled', ['刘洋', '张三', '张伟', '张伟明', '李娜']],
    ])('%s', async (_filter, query, expected) => {
      expect(names((await list(as.county, query).expect(200)).body.items)).toEqual(expected);
    });

    it('finds a student number exactly, and by its beginning typed loosely', async () => {
      const number = (await list(as.county, '?grade=11').expect(200)).body.items[0].studentNumber as string;
      expect(names((await list(as.county, `?studentNumber=${number}`).expect(200)).body.items)).toEqual(['王芳']);
      const typed = encodeURIComponent(` ${number.slice(0, 7).toLowerCase()} `);
      const all = (await list(as.county, '?limit=500').expect(200)).body.items as Row[];
      const byPrefix = (await list(as.county, `?studentNumber=${typed}&limit=500`).expect(200)).body.items as Row[];
      expect(byPrefix.map((r) => r.id).sort()).toEqual(all.filter((r) => r.studentNumber.startsWith(number.slice(0, 7))).map((r) => r.id).sort());
      expect((await list(as.county, '?studentNumber=S3320249999999999').expect(200)).body.items).toEqual([]);
      expect((await list(as.county, '?studentNumber=12345').expect(400)).body.errors[0].field).toBe('studentNumber');
    });

    it('refuses a name or an ID number in the URL (400 naming it), pointing to POST /students/search', async () => {
      for (const key of ['name', 'idNumber']) {
        const res = await list(as.county, `?${key}=x`).expect(400);
        expect(res.body.errors[0]).toMatchObject({ field: key, message: expect.stringContaining('POST /students/search') });
      }
    });

    it('refuses a bad filter value naming it', async () => {
      expect((await list(as.county, '?grade=13').expect(400)).body.errors[0].field).toBe('grade');
      expect((await list(as.county, '?stage=college').expect(400)).body.errors[0].field).toBe('stage');
    });
  });

  describe('keyset pages', () => {
    it('walks the county two at a time without a gap or a repeat, in the order of one large page', async () => {
      const whole = ((await list(as.county, '?limit=500').expect(200)).body.items as Row[]).map((r) => r.id);
      expect(whole).toHaveLength(8);
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const res: { body: { items: Row[]; next: string | null } } = await list(as.county, `?limit=2${after ? `&after=${after}` : ''}`).expect(200);
        walked.push(...res.body.items.map((r: Row) => r.id));
        after = res.body.next;
        if (!after) break;
        expect(after).toMatch(/^[A-Za-z0-9_-]+$/);
      }
      expect(walked).toEqual(whole);
      expect(new Set(walked).size).toBe(walked.length);
    });

    it('keeps the filters across pages', async () => {
      const first = (await list(as.county, '?grade=8&limit=2').expect(200)).body;
      const second = (await list(as.county, `?grade=8&limit=2&after=${first.next}`).expect(200)).body;
      expect(names([...first.items, ...second.items])).toEqual(['张三', '张伟', '张伟明']);
      expect(second.next).toBeNull();
    });

    it('answers 400 naming `after` for a cursor it did not hand out', async () => {
      const number = (await list(as.county, '?limit=1').expect(200)).body.items[0].studentNumber;
      for (const after of ['nonsense', number, Buffer.from('k1|/etc/|x').toString('base64url'), 'a$b']) {
        const res = await list(as.county, `?after=${encodeURIComponent(after)}`).expect(400);
        expect(res.body.errors[0].field).toBe('after');
      }
      expect((await search(as.county, { after: 'nonsense' }).expect(400)).body.errors[0].field).toBe('after');
    });
  });

  describe('POST /students/search', () => {
    it('finds by name prefix (exact characters; LIKE wildcards taken literally)', async () => {
      expect(names((await search(as.county, { name: '张伟' }).expect(200)).body.items)).toEqual(['张伟', '张伟明']);
      expect(names((await search(as.county, { name: '张', grade: 8, schoolCode: '3330106002' }).expect(200)).body.items)).toEqual(['张三']);
      expect((await search(as.county, { name: '张%' }).expect(200)).body.items).toEqual([]);
      expect((await search(as.county, { name: '_伟' }).expect(200)).body.items).toEqual([]);
    });

    it('finds by ID number through its keyed digest, answers the number masked, and logs the lookup without the number', async () => {
      const res = await search(as.county, { idNumber: idNumbers.liNa.toLowerCase() }).expect(200);
      expect(res.body.items.map((r: Row) => r.id)).toEqual([ids.liNa]);
      expect(JSON.stringify(res.body)).not.toContain(idNumbers.liNa);
      const [row] = await t.dataSource.query(`SELECT kind, subject, route FROM record_reads WHERE route = 'POST /students/search' ORDER BY read_at DESC LIMIT 1`);
      expect(row).toMatchObject({ kind: 'id_lookup', route: 'POST /students/search', subject: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(JSON.stringify(row)).not.toContain(idNumbers.liNa);
    });

    it('refuses an ID number that is no valid number, naming it, and nothing is looked up', async () => {
      const lookups = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM record_reads WHERE kind = 'id_lookup'`))[0].n;
      const before = await lookups();
      const res = await search(as.county, { idNumber: '330106201303011030' }).expect(400);
      expect(res.body.errors[0].field).toBe('idNumber');
      expect(await lookups()).toBe(before);
      expect(JSON.stringify(res.body)).not.toContain('330106201303011030');
    });
  });

  describe('the caller’s subtree', () => {
    it('another county sees none of these students: its own listing, a school code of ours, a name, an ID number', async () => {
      expect(names((await list(as.otherCounty, '?limit=500').expect(200)).body.items)).toEqual(['张伟']);
      expect((await list(as.otherCounty, '?schoolCode=3330106001').expect(200)).body).toEqual({ items: [], next: null });
      expect(names((await search(as.otherCounty, { name: '张' }).expect(200)).body.items)).toEqual(['张伟']);
      expect((await search(as.otherCounty, { idNumber: idNumbers.liNa }).expect(200)).body.items).toEqual([]);
    });

    it('a school sees its own students only, another school of the same county included out', async () => {
      expect(names((await list(secondSchool, '?limit=500').expect(200)).body.items)).toEqual(['刘洋', '张三']);
      expect((await list(secondSchool, '?schoolCode=3330106001').expect(200)).body.items).toEqual([]);
      expect((await search(secondSchool, { idNumber: idNumbers.zhangWei }).expect(200)).body.items).toEqual([]);
    });

    it('a province sees its counties, not another province', async () => {
      const seen = (await search(province, { name: '张伟', limit: 500 }).expect(200)).body.items as Row[];
      expect(seen.map((r) => r.id).sort()).toEqual([ids.zhangWei, ids.zhangWeiming].sort());
    });
  });
});
