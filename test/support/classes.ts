import { DataSource } from 'typeorm';
import { OrganisationsService } from '../../src/platform/organisations/organisations.service.js';
import { takeStudentNumbers } from '../../src/registry/student-numbers.js';
import { IdNumberVault } from '../../src/registry/id-number-vault.js';
import type { TestApp } from './test-app.js';
import { residentId } from './test-app.js';

/** A class of primary pupils enrolled 2018-09-01 in grade 1: the stage ends 2024-06-01. */
export const CLASS_ENROLMENT = { enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 } as const;
export const CLASS_LEAVING_DATE = '2024-07-01';

/** Resident ID numbers for `count` distinct pupils born in 2012 (region 330106). */
export function classIdNumbers(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
    return residentId('330106', day, String(100 + (i % 900)).padStart(3, '0'));
  });
}

/** Enrols a class through the API, one request per pupil, and answers their ids in order. */
export async function enrolClass(t: TestApp, registrar: string, count: number, offset = 0): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, idNumber] of classIdNumbers(count, offset).entries()) {
    const res = await t.http
      .post('/students')
      .set('Authorization', registrar)
      .send({ idNumber, name: `学生${i + offset}`, ...CLASS_ENROLMENT })
      .expect(201);
    ids.push(res.body.id);
  }
  await madeAtEnrolment(t.app, ids);
  return ids;
}

/**
 * A class enrolled today with an enrolment date years back is what a forged record looks like;
 * a real class's records were made when it enrolled. Moves their creation back to that day.
 */
export async function madeAtEnrolment(app: TestApp['app'], studentIds: string[]): Promise<void> {
  await app.get(DataSource).query(`UPDATE students SET created_at = enrolment_date::timestamp AT TIME ZONE 'UTC' WHERE id = ANY($1::uuid[])`, [studentIds]);
}

/** Polls a leaver list until `done(list)` holds; answers the last reading. */
export async function waitForList<T extends { state: string }>(
  t: TestApp,
  auth: string,
  listId: string,
  done: (list: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/leaver-lists/${listId}`).set('Authorization', auth).expect(200);
    if (done(res.body as T)) return res.body as T;
    if (Date.now() > until) throw new Error(`leaver list still ${res.body.state} after ${timeoutMs} ms: ${JSON.stringify({ ...res.body, items: undefined })}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Enrols a class straight into the register in one statement, as enrolment would have left it
 * (keyed digest, sealed ID number, student number, made on the enrolment day): for classes of thousands, where a request
 * per pupil would take longer than the test itself. Answers the ids in order.
 */
export async function seedClass(app: TestApp['app'], schoolCode: string, count: number, offset = 0): Promise<string[]> {
  const vault = app.get(IdNumberVault);
  const school = (await app.get(OrganisationsService).findVisible(null, schoolCode))!;
  const dataSource = app.get(DataSource);
  // Numbers taken as enrolment takes them (the service's database role may not set a counter).
  const numbers = await takeStudentNumbers(dataSource, '33', Array<number>(count).fill(2018));
  const idNumbers = classIdNumbers(count, offset);
  const digests = idNumbers.map((n) => vault.digest('resident_id', n));
  const rows = idNumbers.map((n, i) => ({
    student_number: numbers[i],
    id_number_digest: digests[i],
    id_number_sealed: vault.seal(digests[i], n).toString('hex'),
    name: `学生${i + offset}`,
    gender: Number(n[16]) % 2 === 1 ? 'male' : 'female',
    birth_date: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
  }));
  const inserted: Array<{ id: string; student_number: string }> = await dataSource.query(
    `INSERT INTO students (student_number, school_id, scope_path, id_document_type, id_number_digest, id_number_sealed, name, gender,
                           birth_date, enrolment_date, education_stage, grade, status, created_at)
     SELECT r.student_number, $2, $3, 'resident_id', r.id_number_digest, decode(r.id_number_sealed, 'hex'), r.name, r.gender,
            r.birth_date, $4, $5, $6, 'enrolled', $4::date
       FROM json_to_recordset($1::json) AS r(student_number varchar, id_number_digest char(64), id_number_sealed text, name varchar,
            gender varchar, birth_date date)
     RETURNING id, student_number`,
    [JSON.stringify(rows), school.id, school.path, CLASS_ENROLMENT.enrolmentDate, CLASS_ENROLMENT.educationStage, CLASS_ENROLMENT.grade],
  );
  return inserted.sort((a, b) => a.student_number.localeCompare(b.student_number)).map((r) => r.id);
}
