/**
 * `issuance.ratioToRawSign`: certificates per second on the batch path — the leaver-list job's
 * drain of an approved list: its chunks (two in flight on a server), each one transaction with
 * status entries, template signatures, the rows streamed to the store, the rows marked and the
 * chunk's audit entry, then the list closed — divided by raw node:crypto Ed25519
 * signatures per second (1 KB) measured in the same run, round by round.
 */
import { sign } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BatchIssuanceService } from '../src/certificates/batches/batch-issuance.service.js';
import { numberLeaverListRows, numberingYear } from '../src/certificates/certificate-numbers.js';
import { OrganisationsService } from '../src/platform/organisations/organisations.service.js';
import { residentIdCheckCharacter } from '../src/registry/domain/resident-id.js';
import { formatStudentNumber } from '../src/registry/domain/student-number.js';
import { IdNumberVault } from '../src/registry/id-number-vault.js';
import { addSplits, coresBusy, cpuBetween, perItemMicros, readCpu, type CpuSplit } from './cpu-split.js';
import { ONE_KB, RAW_KEYS } from './fixtures.js';
import { median } from './harness.js';
import { seedCounty, type BenchService } from './service.js';

export interface IssuanceResult {
  classSize: number;
  certificatesPerSec: number;
  rawSignsPerSec: number;
  ratioToRawSign: number;
  roundRatios: number[];
  /** Where the timed drains' CPU went, per certificate (cpu-split.ts): a diagnostic, not a target. */
  cpuPerCertificateUs: ReturnType<typeof perItemMicros>;
  /** CPU seconds of all parts ÷ the drains' seconds: how many cores the drains kept busy (null without the database's part). */
  coresBusy: number | null;
}

let studentSeq = 0;

/** A graduated class of `size` at the bench school, and a leaver list approved for it. */
async function approvedClass(service: BenchService, size: number, accountId: string): Promise<string> {
  const ds = service.app.get(DataSource);
  const vault = service.app.get(IdNumberVault);
  const school = (await service.app.get(OrganisationsService).findVisible(null, '3330106001'))!;
  const county = (await service.app.get(OrganisationsService).findVisible(null, '330106'))!;
  const rows = Array.from({ length: size }, () => {
    const i = studentSeq++;
    const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
    const body = `330106${day.replaceAll('-', '')}${String(100 + (i % 900)).padStart(3, '0')}`;
    const idNumber = body + residentIdCheckCharacter(body);
    const digest = vault.digest('resident_id', idNumber);
    return { n: formatStudentNumber('33', 2018, BigInt(i + 1)), d: digest, s: vault.seal(digest, idNumber).toString('hex'), name: `学生${i}`, b: day };
  });
  const ids: Array<{ id: string }> = await ds.query(
    `INSERT INTO students (student_number, school_id, scope_path, id_document_type, id_number_digest, id_number_sealed, name, gender,
                           birth_date, enrolment_date, education_stage, grade, status, graduation_date, leaving_kind)
     SELECT r.n, $2, $3, 'resident_id', r.d, decode(r.s, 'hex'), r.name, 'male', r.b, '2018-09-01', 'primary', 1, 'graduated', '2024-07-01', 'graduation'
       FROM json_to_recordset($1::json) AS r(n varchar, d char(64), s text, name varchar, b date) RETURNING id`,
    [JSON.stringify(rows), school.id, school.path],
  );
  const [{ id: listId }] = await ds.query(
    `INSERT INTO leaver_lists (school_id, scope_path, state, total, proposed_by, proposed_at, reviewed_by, reviewed_at, issuer_organisation_id)
     VALUES ($1, $2, 'issuing', $3, $4, now(), $4, now(), $5) RETURNING id`,
    [school.id, school.path, size, accountId, county.id],
  );
  await ds.query(
    `INSERT INTO leaver_list_items (list_id, position, student_id, leaving_kind, leaving_date)
     SELECT $1, t.o - 1, t.id, 'graduation', '2024-07-01' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, o)`,
    [listId, ids.map((r) => r.id)],
  );
  // Numbered as the approval numbers them.
  await ds.transaction((em) => numberLeaverListRows(em, listId, county, numberingYear(new Date())));
  return listId;
}

function rawSignsPerSecond(ms: number): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) sign(null, ONE_KB, RAW_KEYS.privateKey);
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function benchIssuance(service: BenchService, rounds: number, classSize: number): Promise<IssuanceResult> {
  await seedCounty(service);
  const ds = service.app.get(DataSource);
  const [account] = await ds.query(`SELECT id FROM accounts WHERE username = 'bench.county'`);
  const batch = service.app.get(BatchIssuanceService);
  // Warm-up: derive the certificate template, open the signer, fill the caches; then one class of
  // the rounds' size, untimed, as every other series warms up before it is timed (after the small
  // class alone, the first timed round was the slowest of every run, 10–25% below the next).
  await batch.drain(await approvedClass(service, 200, account.id));
  await batch.drain(await approvedClass(service, classSize, account.id));

  const rates: number[] = [];
  const raws: number[] = [];
  const cpu: CpuSplit[] = [];
  let drainSeconds = 0;
  const server = service.store === 'postgresql' ? ds : null;
  for (let round = 0; round < rounds; round++) {
    const listId = await approvedClass(service, classSize, account.id);
    const rawBefore = rawSignsPerSecond(1000);
    const before = Number((await ds.query(`SELECT count(*) AS n FROM certificates`))[0].n);
    const cpuBefore = await readCpu(server);
    const start = performance.now();
    await batch.drain(listId);
    const seconds = (performance.now() - start) / 1000;
    cpu.push(cpuBetween(cpuBefore, await readCpu(server)));
    drainSeconds += seconds;
    const issued = Number((await ds.query(`SELECT count(*) AS n FROM certificates`))[0].n) - before;
    if (issued !== classSize) throw new Error(`bench precondition failed: ${issued} of ${classSize} certificates issued`);
    const rawAfter = rawSignsPerSecond(1000);
    rates.push(issued / seconds);
    raws.push((rawBefore + rawAfter) / 2);
  }
  const roundRatios = rates.map((r, i) => r / raws[i]);
  const spent = addSplits(cpu);
  return {
    classSize,
    certificatesPerSec: median(rates),
    rawSignsPerSec: median(raws),
    ratioToRawSign: median(roundRatios),
    roundRatios,
    cpuPerCertificateUs: perItemMicros(spent, classSize * rounds),
    coresBusy: coresBusy(spent, drainSeconds),
  };
}
