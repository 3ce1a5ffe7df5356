import type { Response } from 'supertest';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { addDays, changeActors, today, type ChangeActors } from '../support/change-requests.js';
import { login, PASSWORD, residentId, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The record's basic information (第三条) over HTTP: typed fields at enrolment from a resident ID
 * or a 第十条 document, shown on the record with the number masked; every bad field a 400 naming
 * it that writes nothing; each province's rules (non-basic fields, entry age) set and applied;
 * and late registrations flagged. (The special-education grade change: special-education-grade.test.ts.)
 */
describe('the record’s basic information', () => {
  let t: TestApp;
  let as: ChangeActors;
  let province: string;
  let otherProvince: string;
  let city: string;
  let national: string;

  const GUARDIANS = [
    { relation: 'mother', name: '陈美玲', phone: '+852 9123 4567' },
    { relation: 'maternal_grandfather', name: '陈大文', phone: '138 0013 8000' },
  ];
  const HK_PERMIT = 'H87654321';

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'bi');
    province = await login(t, 'bia.province');
    otherProvince = await login(t, 'bib.province');
    city = await login(t, 'bia.city');
    await t.app.get(AccountsService).createBySystem({ username: 'bi.national', password: PASSWORD, organisationCode: '000000' });
    national = await login(t, 'bi.national');
  });
  afterAll(() => t.close());

  const enrol = (body: object, who = as.school) => t.http.post('/students').set('Authorization', who).send(body);
  const record = (id: string, who = as.school) => t.http.get(`/students/${id}`).set('Authorization', who);
  const putSchema = (code: string, body: object, who = province) => t.http.put(`/provinces/${code}/record-schema`).set('Authorization', who).send(body);

  async function counts() {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM students)::int AS students, (SELECT count(*) FROM student_guardian_contacts)::int AS guardians,
              (SELECT count(*) FROM audit_entries)::int AS audit, (SELECT count(*) FROM requests)::int AS requests`,
    );
    return row;
  }
  async function refusedWithoutWriting(send: () => Promise<Response>): Promise<Response> {
    const before = await counts();
    const res = await send();
    expect(await counts()).toEqual(before);
    return res;
  }

  it('enrols a Hong Kong student from the Hong Kong and Macau residents’ permit (第十条), with birth date and gender given', async () => {
    const res = await enrol({
      idDocumentType: 'hkmo_permit',
      idNumber: `${HK_PERMIT}01`,
      name: '陈家乐',
      birthDate: '2014-06-05',
      gender: 'male',
      ethnicity: '01',
      guardians: GUARDIANS,
      className: '六年级(2)班',
      admissionMethod: 'assigned',
      enrolmentDate: addDays(today(), -10),
      educationStage: 'primary',
      grade: 6,
    }).expect(201);
    expect(res.body).toMatchObject({
      idDocumentType: 'hkmo_permit',
      idNumberMasked: 'H87*****1',
      nationality: 'HKG',
      ethnicity: '01',
      birthDate: '2014-06-05',
      gender: 'male',
      householdRegistration: null,
      specialEducation: null,
      className: '六年级(2)班',
      admissionMethod: 'assigned',
      lateRegistration: false,
      extra: {},
      guardians: [
        { relation: 'mother', name: '陈美玲', phone: '+85291234567' },
        { relation: 'maternal_grandfather', name: '陈大文', phone: '13800138000' },
      ],
    });
    expect(res.text).not.toContain(HK_PERMIT);

    // The school sees its guardians in clear; the county above sees them masked, and the ID number never.
    const school = (await record(res.body.id).expect(200)).body;
    expect(school.guardians[1]).toEqual({ relation: 'maternal_grandfather', name: '陈大文', phone: '13800138000' });
    const county = await record(res.body.id, as.county).expect(200);
    expect(county.body.guardians).toEqual([
      { relation: 'mother', name: '陈*玲', phone: '+85*****4567' },
      { relation: 'maternal_grandfather', name: '陈*文', phone: '138****8000' },
    ]);
    expect(county.body).toMatchObject({ nationality: 'HKG', idNumberMasked: 'H87*****1' });
    expect(county.text).not.toMatch(/13800138000|91234567|87654321/);
    await record(res.body.id, as.otherCounty).expect(404);

    // The same permit typed again is the same person (第九条).
    const again = await refusedWithoutWriting(() => enrol({ idDocumentType: 'hkmo_permit', idNumber: 'h 8765 4321', name: '陈家乐', birthDate: '2014-06-05', gender: 'male', enrolmentDate: today(), educationStage: 'primary', grade: 6 }));
    expect(again.status).toBe(409);
  });

  it('enrols a mainland special-education student with 户籍, guardians and every typed field', async () => {
    const id = residentId('330106', '2017-03-01', '041');
    const res = await enrol({
      idNumber: id,
      name: '王小明',
      ethnicity: '03',
      householdRegistration: { divisionCode: '330106', address: '浙江省杭州市西湖区文三路1号' },
      guardians: [{ relation: 'father', name: '王大明', phone: '0571-88886666' }],
      specialEducation: { category: '5', level: 3 },
      className: '三年级(1)班',
      admissionMethod: 'nearby',
      enrolmentDate: addDays(today(), -20),
      educationStage: 'primary',
      grade: 3,
    }).expect(201);
    expect(res.body).toMatchObject({
      idDocumentType: 'resident_id',
      nationality: 'CHN',
      ethnicity: '03',
      gender: 'male',
      birthDate: '2017-03-01',
      householdRegistration: { divisionCode: '330106', address: '浙江省杭州市西湖区文三路1号' },
      specialEducation: { category: '5', level: 3 },
      admissionMethod: 'nearby',
      guardians: [{ relation: 'father', name: '王大明', phone: '057188886666' }],
    });
    expect(res.body.idNumberMasked).toBe(`${id.slice(0, 3)}${'*'.repeat(14)}${id.slice(-1)}`);
    // A home address: the county above sees the province and city only, in the record and in lists.
    expect((await record(res.body.id, as.county).expect(200)).body.householdRegistration).toEqual({ divisionCode: '330106', address: '浙江省杭州市****' });
    const listed = (await t.http.get('/students?schoolCode=3330106001').set('Authorization', as.county).expect(200)).body.items;
    expect(listed.find((s: { id: string }) => s.id === res.body.id).householdRegistration.address).toBe('浙江省杭州市****');
    expect((await record(res.body.id).expect(200)).body.householdRegistration.address).toBe('浙江省杭州市西湖区文三路1号');
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE record_id = $1 AND action = 'student.enrolled'`, [res.body.id]);
    expect(JSON.stringify(audit.details)).not.toMatch(/王|0571|330106201703/);
  });

  it('enrols a foreign student from a passport with its nationality, and no ethnicity or 户籍', async () => {
    const res = await enrol({ idDocumentType: 'passport', idNumber: 'm1234567', nationality: 'KOR', name: 'Kim Minji', birthDate: '2013-04-05', gender: 'female', enrolmentDate: today(), educationStage: 'junior', grade: 7 }).expect(201);
    expect(res.body).toMatchObject({ nationality: 'KOR', ethnicity: null, idNumberMasked: 'KOR********7', guardians: [] });
  });

  describe('refuses each bad field with a 400 naming it, and writes nothing', () => {
    const valid = () => ({ idNumber: residentId('330106', '2016-05-05', '051'), name: '赵小雨', enrolmentDate: today(), educationStage: 'primary', grade: 2 });
    const permit = { idDocumentType: 'hkmo_permit', idNumber: 'M12345678', birthDate: '2016-05-05', gender: 'female' };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an unknown document type', { idDocumentType: 'driving_licence' }, 'idDocumentType'],
      ['a nationality that is no code', { nationality: 'XXX' }, 'nationality'],
      ['a nationality the resident ID contradicts', { nationality: 'USA' }, 'nationality'],
      ['a passport without nationality', { idDocumentType: 'passport', idNumber: 'P1234567', birthDate: '2016-05-05', gender: 'female' }, 'nationality'],
      ['a permit without a birth date', { ...permit, birthDate: undefined }, 'birthDate'],
      ['a permit without a gender', { ...permit, gender: undefined }, 'gender'],
      ['a bad permit number', { ...permit, idNumber: 'X12345678' }, 'idNumber'],
      ['a birth date the resident ID contradicts', { birthDate: '2016-05-06' }, 'birthDate'],
      ['an ethnicity outside GB/T 3304', { ethnicity: '60' }, 'ethnicity'],
      ['an ethnicity for a foreign national', { idDocumentType: 'passport', idNumber: 'P1234567', nationality: 'USA', birthDate: '2016-05-05', gender: 'female', ethnicity: '01' }, 'ethnicity'],
      ['a city as 户籍 division', { householdRegistration: { divisionCode: '330100', address: '杭州市' } }, 'householdRegistration.divisionCode'],
      ['户籍 without address', { householdRegistration: { divisionCode: '330106' } }, 'householdRegistration.address'],
      ['户籍 for a permit holder', { ...permit, householdRegistration: { divisionCode: '330106', address: '杭州市' } }, 'householdRegistration'],
      ['a guardian phone that is none', { guardians: [{ relation: 'mother', name: '赵妈妈', phone: '12345' }] }, 'guardians.0.phone'],
      ['an unknown guardian relation', { guardians: [{ relation: 'uncle', name: '赵叔叔', phone: '13800138000' }] }, 'guardians.0.relation'],
      ['a guardian without a name', { guardians: [{ relation: 'mother', name: ' ', phone: '13800138000' }] }, 'guardians.0.name'],
      ['seven guardians', { guardians: Array(7).fill({ relation: 'other_relative', name: '亲属', phone: '13800138000' }) }, 'guardians'],
      ['a disability level of 5', { specialEducation: { category: '5', level: 5 } }, 'specialEducation.level'],
      ['an unknown disability category', { specialEducation: { category: '9', level: 1 } }, 'specialEducation.category'],
      ['an unknown admission method', { admissionMethod: 'donation' }, 'admissionMethod'],
      ['a class name with a bidirectional override', { className: '二年级\u202E1班' }, 'className'],
      ['a non-basic field the province did not define', { extra: { shoeSize: 30 } }, 'extra.shoeSize'],
    ];
    it.each(cases)('%s', async (_case, change, field) => {
      const res = await refusedWithoutWriting(() => enrol({ ...valid(), ...change }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(res.text).not.toMatch(/12345678|13800138000|330106201605/);
    });
  });

  describe("a province's rules", () => {
    const SCHEMA = {
      fields: [
        { name: 'leftBehindChild', label: '是否留守儿童', type: 'boolean', required: true },
        { name: 'boarding', type: 'enum', values: ['走读', '住校'] },
        { name: 'specialty', type: 'string', maxLength: 10 },
      ],
      entryAge: { minimumAge: 7, cutoff: '08-31' },
    };

    it('are checked themselves, set by the province or the national administrator only, and read inside the province', async () => {
      const bad = await refusedWithoutWriting(() =>
        putSchema('330000', { fields: [{ name: 'a', type: 'enum', values: [] }, { name: 'b', type: 'number', maxLength: 3 }, { name: 'a', type: 'date' }, { name: 'c', type: 'colour' }] }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fields.0.values', 'fields.1', 'fields.3.type'].sort());
      const dupe = await refusedWithoutWriting(() => putSchema('330000', { fields: [{ name: 'a', type: 'date' }, { name: 'a', type: 'number' }] }));
      expect(dupe.body.errors).toEqual([{ field: 'fields.1.name', message: expect.any(String) }]);
      expect((await putSchema('330000', { fields: [], entryAge: { cutoff: '02-30' } }).expect(400)).body.errors[0].field).toBe('entryAge.cutoff');
      expect((await putSchema('330000', { fields: [], entryAge: { minimumAge: 5 } }).expect(400)).body.errors[0].field).toBe('entryAge.minimumAge');

      expect((await putSchema('330000', SCHEMA, city).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
      await putSchema('330000', SCHEMA, otherProvince).expect(404);
      await putSchema('330106', SCHEMA, province).expect(404);

      const set = await putSchema('330000', SCHEMA).expect(200);
      expect(set.body).toMatchObject({ provinceCode: '330000', version: 1, entryAge: { minimumAge: 7, cutoff: '08-31' } });
      expect(set.body.fields[2]).toEqual({ name: 'specialty', type: 'string', required: false, maxLength: 10 });
      const read = await t.http.get('/provinces/330000/record-schema').set('Authorization', as.school).expect(200);
      expect(read.body).toEqual(set.body);
      await t.http.get('/provinces/330000/record-schema').set('Authorization', as.otherSchool).expect(404);
      expect((await t.http.get('/provinces/320000/record-schema').set('Authorization', as.otherSchool).expect(200)).body).toMatchObject({ fields: [], version: 0, entryAge: { minimumAge: 6, cutoff: '08-31' } });
      await putSchema('330000', { ...SCHEMA, expectedVersion: 1 }, national).expect(200);
      expect((await putSchema('330000', { ...SCHEMA, expectedVersion: 1 }).expect(409)).body.code).toBe('STALE_VERSION');
      const [audit] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'province.record_rules_set'`);
      expect(Number(audit.n)).toBe(2);
    });

    it('check a record’s non-basic fields at enrolment and on update, naming extra.<field>', async () => {
      const body = { idNumber: residentId('330106', '2015-07-07', '061'), name: '钱小雷', enrolmentDate: today(), educationStage: 'primary', grade: 4 };
      for (const [extra, field] of [
        [{}, 'extra.leftBehindChild'],
        [{ leftBehindChild: 'no' }, 'extra.leftBehindChild'],
        [{ leftBehindChild: false, boarding: '寄宿' }, 'extra.boarding'],
        [{ leftBehindChild: false, hobby: '篮球' }, 'extra.hobby'],
        [JSON.parse('{"leftBehindChild": false, "__proto__": {"x": 1}}'), 'extra.__proto__'],
      ] as const) {
        const res = await refusedWithoutWriting(() => enrol({ ...body, extra }));
        expect({ status: res.status, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: [field] });
      }
      const made = await enrol({ ...body, extra: { leftBehindChild: true, boarding: '住校' } }).expect(201);
      expect(made.body.extra).toEqual({ leftBehindChild: true, boarding: '住校' });

      const patch = (b: object, who = as.school) => t.http.patch(`/students/${made.body.id}/extra`).set('Authorization', who).send(b);
      const updated = await patch({ extra: { boarding: null, specialty: '围棋' } }).expect(200);
      expect(updated.body.extra).toEqual({ leftBehindChild: true, specialty: '围棋' });
      expect((await patch({ extra: { leftBehindChild: null } }).expect(400)).body.errors).toEqual([{ field: 'extra.leftBehindChild', message: expect.any(String) }]);
      expect((await patch({ extra: { specialty: '一二三四五六七八九十一' } }).expect(400)).body.errors[0].field).toBe('extra.specialty');
      expect((await patch(JSON.parse('{"extra": {"__proto__": true}}')).expect(400)).body.errors[0].field).toBe('extra.__proto__');
      await patch({ extra: { specialty: '书法' } }, as.otherSchool).expect(404);
      await patch({ extra: { specialty: '书法' } }, as.county).expect(403);
      expect((await patch({ extra: { specialty: '书法' }, expectedVersion: 1 }).expect(409)).body.code).toBe('STALE_VERSION');
      expect((await record(made.body.id).expect(200)).body.extra).toEqual({ leftBehindChild: true, specialty: '围棋' });
      const audits = await t.dataSource.query(`SELECT details FROM audit_entries WHERE record_id = $1 AND action = 'student.extra_updated'`, [made.body.id]);
      expect(audits.map((a: { details: { fields: string[] } }) => a.details.fields)).toEqual([['boarding', 'specialty']]);
    });

    it('enforce the entry age of 第十一条 for grade-1 primary entrants, against the province’s age and cut-off', async () => {
      // Zhejiang now says seven (set above); Jiangsu keeps the default six on 31 August.
      const sixOnCutoff = { idNumber: residentId('330106', '2019-08-31', '071'), name: '孙小六', enrolmentDate: '2025-09-01', educationStage: 'primary', grade: 1 };
      const refused = await refusedWithoutWriting(() => enrol({ ...sixOnCutoff, extra: { leftBehindChild: false } }));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'UNDER_ENTRY_AGE', detail: expect.stringContaining('at 7') });

      const jiangsu = (birth: string, seq: string) => enrol({ idNumber: residentId('320102', birth, seq), name: '周小六', enrolmentDate: '2025-09-01', educationStage: 'primary', grade: 1 }, as.otherSchool);
      await jiangsu('2019-08-31', '072').expect(201);
      expect((await jiangsu('2019-09-01', '073').expect(422)).body.code).toBe('UNDER_ENTRY_AGE');
      // A later cut-off admits the younger child; a pupil entering grade 2 is not an entrant.
      await putSchema('320000', { fields: [], entryAge: { minimumAge: 6, cutoff: '12-31' } }, otherProvince).expect(200);
      await jiangsu('2019-09-01', '073').expect(201);
      await enrol({ idNumber: residentId('320102', '2020-01-05', '074'), name: '吴小五', enrolmentDate: '2025-09-01', educationStage: 'primary', grade: 2 }, as.otherSchool).expect(201);
    });
  });

  it('flags a record made more than two months after entry (第六条) and tells the county once a day for the school', async () => {
    const late = await enrol({ idNumber: residentId('320102', '2012-02-02', '081'), name: '郑小迟', enrolmentDate: '2025-09-01', educationStage: 'junior', grade: 8 }, as.otherSchool).expect(201);
    expect(late.body.lateRegistration).toBe(true);
    const timely = await enrol({ idNumber: residentId('320102', '2012-02-03', '082'), name: '郑小准', enrolmentDate: addDays(today(), -30), educationStage: 'junior', grade: 8 }, as.otherSchool).expect(201);
    expect(timely.body.lateRegistration).toBe(false);

    const warnings = (await t.http.get('/warnings?kind=registration.late').set('Authorization', as.otherCounty).expect(200)).body.items;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ organisationCode: '3320102001', subjectType: 'student', evidence: { schoolCode: '3320102001', recordedOn: today() } });
    expect(JSON.stringify(warnings)).not.toMatch(/郑|320102201202/);
    const flagged = (await t.http.get('/students?lateRegistration=true&schoolCode=3320102001').set('Authorization', as.otherCounty).expect(200)).body.items;
    expect(flagged.map((s: { id: string }) => s.id)).toContain(late.body.id);
    expect(flagged.map((s: { id: string }) => s.id)).not.toContain(timely.body.id);
  });

  it('never writes an ID number, a guardian’s name or phone to a log line', () => {
    const joined = t.logs.join('\n');
    expect(joined).not.toMatch(/87654321|13800138000|88886666|91234567|陈美玲|王大明|330106201703/);
  });
});
