import { changeActors, enrolStudent, SHA, type ChangeActors } from '../support/change-requests.js';
import { residentId, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Identity-document change (第十三条) over HTTP: the school asks with the new document and the
 * evidence's digest, the county approves; the record takes the new number (sealed, digested)
 * and keeps the old document in its history; another record's number is 409 as at enrolment.
 */
describe('identity-document change', () => {
  let t: TestApp;
  let as: ChangeActors;

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'idc');
  });
  afterAll(() => t.close());

  const ask = (who: string, student: string, body: object) => t.http.post(`/students/${student}/change-requests`).set('Authorization', who).send(body);
  const decide = (who: string, request: string, body: object = { outcome: 'approve' }) => t.http.post(`/requests/${request}/steps/0/decision`).set('Authorization', who).send(body);
  const newId = (seq: string) => ({ kind: 'identity_document', documentType: 'resident_id', number: residentId('330106', '2013-03-01', seq), evidenceSha256: SHA('a') });
  const record = async (student: string) => (await t.http.get(`/students/${student}`).set('Authorization', as.school).expect(200)).body;

  it('changes the number once the county approves, keeping the old document in the history', async () => {
    const student = await enrolStudent(t, as.school, '051');
    const [before] = await t.dataSource.query(`SELECT id_number_digest, id_number_sealed, created_at FROM students WHERE id = $1`, [student]);
    const number = residentId('330106', '2013-03-01', '071');
    const asked = await ask(as.school, student, newId('071')).expect(201);
    expect(asked.body).toMatchObject({ kind: 'student_identity_document_change', status: 'open', details: { documentType: 'resident_id', previousDocumentType: 'resident_id', evidenceSha256: SHA('a') } });
    expect(asked.body.steps.map((s: { name: string; organisationCode: string }) => [s.name, s.organisationCode])).toEqual([['supervising_authority', '330106']]);
    expect(JSON.stringify(asked.body)).not.toContain(number);
    // The number is sealed while the request is open, nowhere in clear.
    expect(JSON.stringify(await t.dataSource.query(`SELECT details FROM requests WHERE id = $1`, [asked.body.id]))).not.toContain(number.slice(6, 14));
    expect((await record(student)).idNumberMasked).toBe(`330${'*'.repeat(14)}${residentId('330106', '2013-03-01', '051').slice(-1)}`);

    const documents = async () => (await t.http.get(`/students/${student}/identity-documents`).set('Authorization', as.county).expect(200)).body.items;
    expect(await documents()).toEqual([
      { requestId: asked.body.id, state: 'proposed', documentType: 'resident_id', nationality: 'CHN', numberMasked: `330${'*'.repeat(14)}${number.slice(-1)}`, validFrom: null, validTo: null },
    ]);
    await t.http.get(`/students/${student}/identity-documents`).set('Authorization', as.otherCounty).expect(404);

    expect((await decide(as.school, asked.body.id).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await decide(as.otherCounty, asked.body.id).expect(404);
    await decide(as.county, asked.body.id).expect(200);

    expect((await record(student)).idNumberMasked).toBe(`330${'*'.repeat(14)}${number.slice(-1)}`);
    const history = await t.dataSource.query(
      `SELECT state, document_type, number_digest, number_sealed, valid_from::text AS valid_from, valid_to::text AS valid_to, request_id FROM student_identity_documents WHERE student_id = $1`,
      [student],
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ state: 'former', document_type: 'resident_id', number_digest: before.id_number_digest, request_id: asked.body.id });
    expect(Buffer.from(history[0].number_sealed).equals(Buffer.from(before.id_number_sealed))).toBe(true);
    expect(history[0].valid_to >= history[0].valid_from).toBe(true);
    expect(await documents()).toEqual([
      {
        requestId: asked.body.id,
        state: 'former',
        documentType: 'resident_id',
        nationality: 'CHN',
        numberMasked: `330${'*'.repeat(14)}${residentId('330106', '2013-03-01', '051').slice(-1)}`,
        validFrom: history[0].valid_from,
        validTo: history[0].valid_to,
      },
    ]);
    const [audited] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'student.identity_document_changed' AND record_id = $1`, [student]);
    expect(audited.details).toEqual({ requestId: asked.body.id, from: 'resident_id', to: 'resident_id', nationality: 'CHN' });

    // The old number is free again: a second record for the same person would now be the new number's duplicate.
    const duplicate = await t.http
      .post('/students')
      .set('Authorization', as.school)
      .send({ idNumber: number, name: '测试学生', enrolmentDate: '2025-09-01', educationStage: 'junior', grade: 8 })
      .expect(409);
    expect(duplicate.body.code).toBe('DUPLICATE_PERSON');
  });

  it("refuses another record's number (409 DUPLICATE_PERSON), the record's own, an invalid one and one that disagrees with the record", async () => {
    // (The last digit of the sequence is the gender: odd for these male pupils.)
    const student = await enrolStudent(t, as.school, '059');
    await enrolStudent(t, as.school, '061');
    expect((await ask(as.school, student, newId('061')).expect(409)).body.code).toBe('DUPLICATE_PERSON');
    expect((await ask(as.school, student, newId('059')).expect(400)).body).toMatchObject({ code: 'SAME_DOCUMENT', errors: [{ field: 'number' }] });
    const valid = residentId('330106', '2013-03-01', '063');
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    const invalid = await ask(as.school, student, { ...newId('063'), number: wrongCheck }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'INVALID_ID_NUMBER', errors: [{ field: 'number' }] });
    expect(JSON.stringify(invalid.body)).not.toContain(wrongCheck.slice(0, 17));
    const otherBirth = { ...newId('054'), number: residentId('330106', '2013-03-02', '055') };
    expect((await ask(as.school, student, otherBirth).expect(422)).body.code).toBe('DOCUMENT_DISAGREES');
    expect((await ask(as.school, student, newId('064')).expect(422)).body.code).toBe('DOCUMENT_DISAGREES');
    expect(await t.dataSource.query(`SELECT id FROM requests WHERE subject_id = $1`, [student])).toEqual([]);
  });

  it('refuses the wrong role and another county’s school; a refusal leaves the record and drops the proposed document', async () => {
    const student = await enrolStudent(t, as.school, '056');
    await ask(as.county, student, newId('076')).expect(403);
    await ask(as.otherSchool, student, newId('076')).expect(404);
    const asked = await ask(as.school, student, newId('076')).expect(201);
    await decide(as.county, asked.body.id, { outcome: 'refuse', reason: '证件未核实' }).expect(200);
    expect((await record(student)).idNumberMasked.slice(-1)).toBe(residentId('330106', '2013-03-01', '056').slice(-1));
    expect(await t.dataSource.query(`SELECT id FROM student_identity_documents WHERE student_id = $1`, [student])).toEqual([]);
  });

  it('answers 409 at approval when another record took the number meanwhile, and changes nothing', async () => {
    const student = await enrolStudent(t, as.school, '057');
    const asked = await ask(as.school, student, newId('077')).expect(201);
    await enrolStudent(t, as.school, '077');
    expect((await decide(as.county, asked.body.id).expect(409)).body.code).toBe('DUPLICATE_PERSON');
    const [request] = await t.dataSource.query(`SELECT status FROM requests WHERE id = $1`, [asked.body.id]);
    expect(request.status).toBe('open');
    expect(await t.dataSource.query(`SELECT state FROM student_identity_documents WHERE student_id = $1`, [student])).toEqual([{ state: 'proposed' }]);
  });

  it('a 第十条 student naturalised: from a passport to a resident ID, the nationality following the document', async () => {
    const enrolled = await t.http
      .post('/students')
      .set('Authorization', as.school)
      .send({ idDocumentType: 'passport', idNumber: 'M7654321', nationality: 'KOR', name: 'Kim Minji', birthDate: '2013-04-05', gender: 'female', enrolmentDate: '2025-09-01', educationStage: 'junior', grade: 8 })
      .expect(201);
    const student = enrolled.body.id;
    const number = residentId('330106', '2013-04-05', '082');
    const asked = await ask(as.school, student, { kind: 'identity_document', documentType: 'resident_id', number, evidenceSha256: SHA('b') }).expect(201);
    expect(asked.body.details).toMatchObject({ documentType: 'resident_id', previousDocumentType: 'passport' });
    await decide(as.county, asked.body.id).expect(200);
    expect(await record(student)).toMatchObject({ idDocumentType: 'resident_id', nationality: 'CHN', idNumberMasked: `330${'*'.repeat(14)}${number.slice(-1)}` });
    const documents = (await t.http.get(`/students/${student}/identity-documents`).set('Authorization', as.school).expect(200)).body.items;
    expect(documents).toEqual([expect.objectContaining({ state: 'former', documentType: 'passport', nationality: 'KOR', numberMasked: 'KOR********1' })]);
    // The old passport still finds the person (第九条): a second record from it is a duplicate, and so is a change to it.
    const again = await t.http
      .post('/students')
      .set('Authorization', as.school)
      .send({ idDocumentType: 'passport', idNumber: 'M7654321', nationality: 'KOR', name: 'Kim Minji', birthDate: '2013-04-05', gender: 'female', enrolmentDate: '2025-09-01', educationStage: 'junior', grade: 8 })
      .expect(409);
    expect(again.body.code).toBe('DUPLICATE_PERSON');
    const other = await enrolStudent(t, as.school, '084');
    const taken = await ask(as.school, other, { kind: 'identity_document', documentType: 'passport', number: 'M7654321', nationality: 'KOR', evidenceSha256: SHA('c') }).expect(409);
    expect(taken.body.code).toBe('DUPLICATE_PERSON');
  });
});
