import { createHash } from 'node:crypto';
import { addDays, changeActors, enrolStudent, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('休学申请表 scanned\n'), Buffer.alloc(2048, 7)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A request's materials over HTTP: the file kept in the store with its name, type and SHA-256;
 * read by whoever sees the request, added by its parties while it is open, audited; refused for
 * another county (404), for an onlooker above (403), for a closed request (409), and for files
 * that are too large or not what they claim (400).
 */
describe('request materials', () => {
  let t: TestApp;
  let as: ChangeActors;
  let city: string;
  let request: string;

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'mat');
    city = await login(t, 'mata.city');
    const student = await enrolStudent(t, as.school, '501');
    const from = addDays(today(), -5);
    const asked = await t.http
      .post(`/students/${student}/change-requests`)
      .set('Authorization', as.school)
      .send({ kind: 'suspension', from, until: addDays(from, 90), applicationDate: addDays(from, -2), applicationSha256: sha(PDF) })
      .expect(201);
    request = asked.body.id;
  });
  afterAll(() => t.close());

  const add = (who: string, id: string, body: object) => t.http.post(`/requests/${id}/materials`).set('Authorization', who).send(body);
  const pdfBody = (over: object = {}) => ({ fileName: '休学申请表.pdf', mediaType: 'application/pdf', contentBase64: PDF.toString('base64'), ...over });

  it('keeps a material with its digest; the submitter and the step’s county add, everyone who sees the request reads and downloads it', async () => {
    const added = await add(as.school, request, pdfBody({ sha256: sha(PDF) })).expect(201);
    expect(added.body).toMatchObject({ requestId: request, fileName: '休学申请表.pdf', mediaType: 'application/pdf', size: PDF.length, sha256: sha(PDF), addedByOrganisationCode: '3330106001' });
    await add(as.county, request, { fileName: 'note.png', mediaType: 'image/png', contentBase64: PNG.toString('base64') }).expect(201);

    for (const who of [as.school, as.county, city]) {
      const list = (await t.http.get(`/requests/${request}/materials`).set('Authorization', who).expect(200)).body.items;
      expect(list.map((m: { fileName: string }) => m.fileName)).toEqual(['休学申请表.pdf', 'note.png']);
    }
    const download = await t.http
      .get(`/requests/${request}/materials/${added.body.id}`)
      .set('Authorization', as.county)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E4%BC%91");
    expect(sha(download.body as Buffer)).toBe(sha(PDF));
    // At rest the file is sealed under the master key: not a byte of it in clear.
    const [stored] = await t.dataSource.query(`SELECT content_sealed FROM request_materials WHERE id = $1`, [added.body.id]);
    expect(Buffer.from(stored.content_sealed).includes(Buffer.from('%PDF'))).toBe(false);
    expect(Buffer.from(stored.content_sealed).includes(Buffer.from('休学申请表'))).toBe(false);

    const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'request.material_added' AND record_id = $1 ORDER BY seq LIMIT 1`, [request]);
    expect(audit.details).toMatchObject({ materialId: added.body.id, sha256: sha(PDF), size: PDF.length });
    expect(JSON.stringify(audit)).not.toContain('休学申请表');
  });

  it('answers 404 to another county (list, download, add) as for a request that does not exist', async () => {
    const absent = '00000000-0000-4000-8000-000000000000';
    const foreign = await t.http.get(`/requests/${request}/materials`).set('Authorization', as.otherCounty).expect(404);
    const missing = await t.http.get(`/requests/${absent}/materials`).set('Authorization', as.otherCounty).expect(404);
    expect(foreign.body.code).toBe(missing.body.code);
    await add(as.otherSchool, request, pdfBody()).expect(404);
    await t.http.get(`/requests/${request}/materials/${absent}`).set('Authorization', as.school).expect(404);
  });

  it('refuses an onlooker above the parties (403) and files that are not what they say, too large or damaged (400)', async () => {
    expect((await add(city, request, pdfBody()).expect(403)).body.code).toBe('NOT_A_PARTY');
    expect((await add(as.school, request, pdfBody({ contentBase64: PNG.toString('base64') })).expect(400)).body).toMatchObject({ code: 'MEDIA_TYPE_MISMATCH', errors: [{ field: 'mediaType' }] });
    expect((await add(as.school, request, pdfBody({ mediaType: 'text/html' })).expect(400)).body.errors[0].field).toBe('mediaType');
    expect((await add(as.school, request, pdfBody({ sha256: SHA('0') })).expect(400)).body.errors[0].field).toBe('sha256');
    expect((await add(as.school, request, pdfBody({ fileName: '../../etc/passwd' })).expect(400)).body.errors[0].field).toBe('fileName');
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await add(as.school, request, pdfBody({ contentBase64: big.toString('base64') }));
    // Seen once in a while in long runs: a 500 instead; the service's own error log says why.
    if (tooLarge.status !== 400) console.error(t.logs.filter((line) => line.includes('"error"')).slice(-5).join('\n'));
    expect({ status: tooLarge.status, code: tooLarge.body.code }).toEqual({ status: 400, code: 'FILE_TOO_LARGE' });
    // Far over the route's body limit: refused before parsing.
    const huge = Buffer.alloc(8 * 1024 * 1024, 65).toString('base64');
    await add(as.school, request, pdfBody({ contentBase64: huge })).expect(413);
  });

  it('takes no material once the request is closed (409)', async () => {
    await t.http.post(`/requests/${request}/steps/0/decision`).set('Authorization', as.county2).send({ outcome: 'approve' }).expect(200);
    expect((await add(as.school, request, pdfBody()).expect(409)).body.code).toBe('REQUEST_CLOSED');
    const list = (await t.http.get(`/requests/${request}/materials`).set('Authorization', as.school).expect(200)).body.items;
    expect(list).toHaveLength(2);
  });
});
