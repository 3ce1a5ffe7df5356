import type { TestApp } from './test-app.js';

/** Enrols a student and takes them through graduation; returns the student's id. */
export async function graduate(t: TestApp, registrar: string, county: string, idNumber: string, name = '测试学生'): Promise<string> {
  const enrolled = await t.http
    .post('/students')
    .set('Authorization', registrar)
    .send({ idNumber, name, enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 })
    .expect(201);
  const id = enrolled.body.id as string;
  // A record made in 2018, as the ones these tests stand for: a record made today for a 2018
  // entry is held for the authority above's second approval (test/integration/second-approval.test.ts).
  await t.dataSource.query(`UPDATE students SET created_at = '2018-09-01T08:00:00+08:00' WHERE id = $1`, [id]);
  await t.http.post(`/students/${id}/graduation`).set('Authorization', registrar).send({ graduationDate: '2024-07-01' }).expect(200);
  await t.http.post(`/students/${id}/graduation/confirmation`).set('Authorization', county).send({}).expect(200);
  return id;
}

export async function issueCertificate(t: TestApp, county: string, studentId: string) {
  const res = await t.http.post(`/students/${studentId}/certificates`).set('Authorization', county).send({ kind: 'graduation' }).expect(201);
  return res.body as { id: string; verifiableCredential: Record<string, unknown> };
}
