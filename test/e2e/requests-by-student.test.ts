import { addDays, changeActors, enrolStudent, SHA, today, type ChangeActors } from '../support/change-requests.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /requests?studentId=…: a record's requests (the console's student page), still only those
 * the caller's subtree sees — the filter narrows, it never opens another school's requests.
 */
describe('requests filtered by student', () => {
  let t: TestApp;
  let as: ChangeActors;
  let first: string;
  let second: string;
  const asked: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    as = await changeActors(t, 'rbs');
    first = await enrolStudent(t, as.school, '061');
    second = await enrolStudent(t, as.school, '062');
    for (const student of [first, second]) {
      const from = addDays(today(), -5);
      const body = { kind: 'suspension', from, until: addDays(from, 90), applicationDate: addDays(from, -2), applicationSha256: SHA('b') };
      asked[student] = (await t.http.post(`/students/${student}/change-requests`).set('Authorization', as.school).send(body).expect(201)).body.id;
    }
  });
  afterAll(() => t.close());

  const list = (who: string, query: string) => t.http.get(`/requests?${query}`).set('Authorization', who);
  const ids = (body: { items: Array<{ id: string; subjectId: string }> }) => body.items.map((r) => r.id);

  it("answers only the student's requests, to the school and to its county", async () => {
    expect(ids((await list(as.school, '').expect(200)).body).sort()).toEqual([asked[first], asked[second]].sort());
    expect(ids((await list(as.school, `studentId=${first}`).expect(200)).body)).toEqual([asked[first]]);
    expect(ids((await list(as.county, `studentId=${second}`).expect(200)).body)).toEqual([asked[second]]);
    expect(ids((await list(as.school, `studentId=${second}&status=approved`).expect(200)).body)).toEqual([]);
  });

  it("never shows another subtree's requests, whatever student is named", async () => {
    expect((await list(as.otherSchool, `studentId=${first}`).expect(200)).body.items).toEqual([]);
    expect((await list(as.otherCounty, `studentId=${first}`).expect(200)).body.items).toEqual([]);
  });

  it('refuses a studentId that is not an id, naming the field', async () => {
    const refused = await list(as.school, 'studentId=S3301').expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['studentId']);
  });
});
