/**
 * `import.ratioToCopy`: students per second through the real import path — the import job on a
 * 50,000-row CSV kept in the store: read (csv-parse), every row checked by the enrolment rules,
 * ID numbers digested and sealed, the register searched for duplicates, numbers from the
 * province-year counters, rows by COPY (while later rows are still checked), first history periods, one audit entry, one warning — divided by a bare
 * COPY of the same rows (already built: digests, seals and numbers in hand) into an equivalent
 * table (`LIKE students INCLUDING ALL` and the school's foreign key: same columns, checks, indexes
 * and references, and as many rows as the register holds: it keeps each round's, as the register
 * does), round by round. On the embedded store, which has no COPY through its session, both
 * sides use the multi-row INSERT.
 *
 * Also measured, after each bare COPY: the same students' first history periods copied into an
 * equivalent periods table (its indexes and both foreign keys). Bare COPY ÷ (students + periods)
 * is `storeCeiling`, the best ratio an import could reach if all its own work were free; the
 * import ÷ that is `ratioToCopyWithPeriods`.
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationsService } from '../src/platform/organisations/organisations.service.js';
import { residentIdCheckCharacter } from '../src/registry/domain/resident-id.js';
import { formatStudentNumber } from '../src/registry/domain/student-number.js';
import { IdNumberVault } from '../src/registry/id-number-vault.js';
import { StudentImportJob } from '../src/registry/imports/student-import-job.js';
import { copyPeriods, copyStudents, insertPeriods, insertStudents, type NewPeriod, type NewStudentRow } from '../src/registry/imports/student-rows-writer.js';
import { addSplits, coresBusy, cpuBetween, perItemMicros, readCpu, type CpuSplit } from './cpu-split.js';
import { median } from './harness.js';
import { seedCounty, type BenchService } from './service.js';

export interface ImportBenchResult {
  rows: number;
  studentsPerSec: number;
  copyRowsPerSec: number;
  ratioToCopy: number;
  roundRatios: number[];
  /** Bare COPY of the same students, then of their first history periods into an equivalent table: what the store alone needs. */
  copyWithPeriodsRowsPerSec: number;
  /** Bare COPY ÷ bare COPY with periods: the best `ratioToCopy` an import whose own work cost nothing could reach. */
  storeCeiling: number;
  ratioToCopyWithPeriods: number;
  baseline: 'COPY' | 'multi-row INSERT';
  target: number;
  targetMet: boolean;
  /** Where the timed imports' CPU went, per student (cpu-split.ts): a diagnostic, not a target. */
  cpuPerStudentUs: ReturnType<typeof perItemMicros>;
  /** CPU seconds of all parts ÷ the imports' seconds: how many cores the imports kept busy (null without the database's part). */
  coresBusy: number | null;
}

const BASELINE_TABLE = 'bench_copy_students';
const PERIODS_TABLE = 'bench_copy_periods';
const HEADER = '姓名,证件号码,入学日期,学段,年级,民族,班级,入学方式';
let personSeq = 0;

/** `size` new people (never seen before in this run), as CSV lines and their ID numbers. */
function people(size: number): { csv: Buffer; ids: string[] } {
  const ids: string[] = [];
  const lines = [HEADER];
  for (let n = 0; n < size; n++) {
    const i = personSeq++;
    const day = new Date(Date.UTC(2012, 8, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
    const body = `330106${day.replaceAll('-', '')}${String(100 + (i % 900)).padStart(3, '0')}`;
    const id = body + residentIdCheckCharacter(body);
    ids.push(id);
    lines.push(`学生${i},${id},2026-09-01,初中,7,汉族,七年级(${(i % 12) + 1})班,就近入学`);
  }
  return { csv: Buffer.from(lines.join('\r\n') + '\r\n'), ids };
}

function* chunksOf<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export async function benchImport(service: BenchService, rounds: number, size: number): Promise<ImportBenchResult> {
  await seedCounty(service);
  const ds = service.app.get(DataSource);
  const vault = service.app.get(IdNumberVault);
  const job = service.app.get(StudentImportJob);
  const school = (await service.app.get(OrganisationsService).findVisible(null, '3330106001'))!;
  const [account] = await ds.query(`SELECT id FROM accounts WHERE username = 'bench.school'`);
  const server = service.store === 'postgresql';
  await ds.transaction(async (em) => {
    if (!server) await em.query('SET LOCAL ROLE postgres');
    // Equivalent: the same columns, defaults, checks and indexes, and the foreign key to the school.
    await em.query(`CREATE TABLE ${BASELINE_TABLE} (LIKE students INCLUDING ALL, FOREIGN KEY (school_id) REFERENCES organisations(id))`);
    await em.query(
      `CREATE TABLE ${PERIODS_TABLE} (LIKE student_status_periods INCLUDING ALL,
         FOREIGN KEY (student_id, province_code) REFERENCES ${BASELINE_TABLE} (id, province_code), FOREIGN KEY (school_id) REFERENCES organisations(id))`,
    );
    if (!server) await em.query(`GRANT ALL ON ${BASELINE_TABLE}, ${PERIODS_TABLE} TO xueji_app`);
  });

  // Each timed section starts from a checkpoint: the bench writes ~35 MB of WAL a second, so the
  // server checkpoints every ~16 s on its own (max_wal_size 1 GB; its log says "too frequently"),
  // and wherever that fell — more often inside the import, the longer side — it slowed that side
  // (rounds of one run 0.34–0.63). Untimed, the same for both sides.
  const checkpoint = async () => {
    if (server) await ds.query('CHECKPOINT');
  };

  const cpu: CpuSplit[] = [];
  let importSeconds = 0;
  const importFile = async (csv: Buffer, measured = false) => {
    const [row] = await ds.query(
      `INSERT INTO student_imports (school_id, scope_path, file_sha256, media_type, content, requested_by, requester_organisation_id)
       VALUES ($1, $2, $3, 'text/csv', $4, $5, $1) RETURNING id`,
      [school.id, school.path, createHash('sha256').update(csv).digest('hex'), csv, account.id],
    );
    if (measured) await checkpoint();
    const cpuBefore = measured ? await readCpu(server ? ds : null) : null;
    const start = performance.now();
    await job.run(row.id);
    const seconds = (performance.now() - start) / 1000;
    if (cpuBefore) {
      cpu.push(cpuBetween(cpuBefore, await readCpu(server ? ds : null)));
      importSeconds += seconds;
    }
    const [done] = await ds.query(`SELECT state, rows_imported FROM student_imports WHERE id = $1`, [row.id]);
    if (done.state !== 'imported' || Number(done.rows_imported) !== csv.toString().split('\r\n').length - 2) {
      throw new Error(`bench precondition failed: the import ended ${done.state} with ${done.rows_imported} rows`);
    }
    return seconds;
  };

  // The baseline table keeps its rows, as the register keeps the imported ones: each round both
  // start from the same number of records (indexes as deep), instead of an empty baseline against
  // a register that has grown by every earlier round (measured: a 50,000-row insert into this
  // table takes ~15–23% longer holding 50,000–150,000 rows than empty).
  let baselineSeq = 10_000_000;
  const bareCopy = async (ids: string[]) => {
    const rows = ids.map((id, i): NewStudentRow => {
      const digest = vault.digest('resident_id', id);
      return {
        id: randomUUID(), student_number: formatStudentNumber('33', 2026, BigInt(baselineSeq++)), id_document_type: 'resident_id', id_number_digest: digest,
        id_number_sealed: vault.seal(digest, id).toString('hex'), name: `学生${i}`, gender: 'male', birth_date: '2013-01-01', nationality: 'CHN', ethnicity: '01',
        household_division: null, household_address: null, special_education_category: null, special_education_level: null, class_name: '七年级(1)班',
        admission_method: 'nearby', extra: '{}', late_registration: true, enrolment_date: '2026-09-01', education_stage: 'junior', grade: 7,
      };
    });
    const timed = async (work: (client: pg.Client | null, em: EntityManager) => Promise<void>) => {
      const runner = ds.createQueryRunner();
      await runner.connect();
      try {
        await checkpoint();
        const start = performance.now();
        await runner.startTransaction();
        const client = (runner as unknown as { databaseConnection?: unknown }).databaseConnection;
        await work(client instanceof pg.Client ? client : null, runner.manager);
        await runner.commitTransaction();
        return (performance.now() - start) / 1000;
      } finally {
        await runner.release();
      }
    };
    const students = await timed(async (client, em) => {
      if (client) await copyStudents(client, school, chunksOf(rows, 500), BASELINE_TABLE);
      else for (let i = 0; i < rows.length; i += 2000) await insertStudents(em, school, rows.slice(i, i + 2000), BASELINE_TABLE);
    });
    // The floor: the same students' first history periods, as the import writes them, into an equivalent table.
    const periods = rows.map((r): NewPeriod => [r.id, r.enrolment_date, r.education_stage, r.grade]);
    const withPeriods = await timed(async (client, em) => {
      if (client) await copyPeriods(client, school, periods, PERIODS_TABLE);
      else await insertPeriods(em, periods.map((p) => p[0]), PERIODS_TABLE, BASELINE_TABLE);
    });
    return { students, withPeriods: students + withPeriods };
  };

  // Warm-up: the parser, the schemas, the statements.
  await importFile(people(2000).csv);
  await bareCopy(people(2000).ids);

  const ratios: number[] = [];
  const floorRatios: number[] = [];
  const ceilings: number[] = [];
  const rates: number[] = [];
  const copyRates: number[] = [];
  const floorRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const file = people(size);
    const copy = await bareCopy(file.ids);
    const seconds = await importFile(file.csv, true);
    rates.push(size / seconds);
    copyRates.push(size / copy.students);
    floorRates.push(size / copy.withPeriods);
    ratios.push(copy.students / seconds);
    floorRatios.push(copy.withPeriods / seconds);
    ceilings.push(copy.students / copy.withPeriods);
  }
  const ratioToCopy = median(ratios);
  const spent = addSplits(cpu);
  return {
    rows: size,
    studentsPerSec: median(rates),
    copyRowsPerSec: median(copyRates),
    ratioToCopy,
    roundRatios: ratios,
    copyWithPeriodsRowsPerSec: median(floorRates),
    storeCeiling: median(ceilings),
    ratioToCopyWithPeriods: median(floorRatios),
    baseline: server ? 'COPY' : 'multi-row INSERT',
    target: 0.5,
    targetMet: ratioToCopy >= 0.5,
    cpuPerStudentUs: perItemMicros(spent, size * rounds),
    coresBusy: coresBusy(spent, importSeconds),
  };
}
