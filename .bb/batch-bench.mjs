// Throughput of the batch path on a real store, plain Node (no jest vm): certificates/s of
// BatchIssuanceService.issueChunk over a class of N, and raw node:crypto Ed25519 signs/s.
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
const B = './src/';
const { createApp } = await import(B + 'app.js');
const { parseConfig } = await import(B + 'config/config.js');
const { OrganisationsService } = await import(B + 'platform/organisations/organisations.service.js');
const { AccountsService } = await import(B + 'platform/accounts/accounts.service.js');
const { IdNumberVault } = await import(B + 'registry/id-number-vault.js');
const { formatStudentNumber } = await import(B + 'registry/domain/student-number.js');
const { residentIdCheckCharacter } = await import(B + 'registry/domain/resident-id.js');
const { BatchIssuanceService } = await import(B + 'certificates/batches/batch-issuance.service.js');
const { BatchContexts } = await import(B + 'certificates/batches/batch-context.js');

const N = Number(process.env.N ?? 5000);
const server = process.env.DATABASE_URL || null;
let url = null, drop = async () => {};
if (server) {
  const name = `xueji_bb_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => { const c = new pg.Client({ connectionString: server }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(server); u.pathname = `/${name}`; url = u.toString();
  drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
const config = parseConfig({ DATA_DIR: ':memory:', XUEJI_MASTER_KEY: randomBytes(32).toString('base64'), PUBLIC_URL: 'http://xueji.test', LOG_LEVEL: 'warn', ...(url ? { DATABASE_URL: url } : {}) });
const app = await createApp(config, () => {});
await app.init();
const ds = app.get(DataSource);
const orgs = app.get(OrganisationsService);
await orgs.ensureRoot();
let parent = '000000';
for (const code of ['330000', '330100', '330106', '3330106001']) { await orgs.create(null, { parentCode: parent, code, name: `org ${code}` }); parent = code; }
await app.get(AccountsService).create(null, { username: 'c', password: 'Test-Password-2026', organisationCode: '330106' });
const school = await orgs.findVisible(null, '3330106001');
const vault = app.get(IdNumberVault);
const rows = Array.from({ length: N }, (_, i) => {
  const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
  const body = `330106${day.replaceAll('-', '')}${String(100 + (i % 900)).padStart(3, '0')}`;
  const n = body + residentIdCheckCharacter(body);
  const digest = vault.digest('resident_id', n);
  return { student_number: formatStudentNumber('33', 2018, BigInt(i + 1)), d: digest, s: vault.seal(digest, n).toString('hex'), name: `学生${i}`, gender: 'male', birth_date: day };
});
const ids = (await ds.query(`INSERT INTO students (student_number, school_id, scope_path, id_document_type, id_number_digest, id_number_sealed, name, gender, birth_date, enrolment_date, education_stage, grade, status, graduation_date, leaving_kind)
  SELECT r.student_number, $2, $3, 'resident_id', r.d, decode(r.s, 'hex'), r.name, r.gender, r.birth_date, '2018-09-01', 'primary', 1, 'graduated', '2024-07-01', 'graduation'
  FROM json_to_recordset($1::json) AS r(student_number varchar, d char(64), s text, name varchar, gender varchar, birth_date date) RETURNING id`, [JSON.stringify(rows), school.id, school.path])).map((r) => r.id);
const [acc] = await ds.query(`SELECT id, organisation_id FROM accounts WHERE username = 'c'`);
const [{ id: listId }] = await ds.query(`INSERT INTO leaver_lists (school_id, scope_path, state, total, proposed_by, proposed_at, reviewed_by, reviewed_at, issuer_organisation_id)
  VALUES ($1, $2, 'issuing', $3, $4, now(), $4, now(), $5) RETURNING id`, [school.id, school.path, N, acc.id, acc.organisation_id]);
await ds.query(`INSERT INTO leaver_list_items (list_id, position, student_id, leaving_kind, leaving_date) SELECT $1, t.o - 1, t.id, 'graduation', '2024-07-01' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, o)`, [listId, ids]);

function rawSignsPerSecond() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const data = randomBytes(64);
  for (let i = 0; i < 3000; i++) sign(null, data, privateKey);
  const start = performance.now(); let n = 0;
  while (performance.now() - start < 1000) { sign(null, data, privateKey); n++; }
  return n / ((performance.now() - start) / 1000);
}
// WRAP: time the phases of a chunk
const T = {};
const wrap = (obj, name, label) => { const f = obj[name]; obj[name] = async function (...a) { const s = performance.now(); try { return await f.apply(this, a); } finally { T[label] = (T[label] ?? 0) + performance.now() - s; } }; };
const { StudentsService } = await import(B + 'registry/students.service.js');
const { CertificatesService } = await import(B + 'certificates/certificates.service.js');
const { StatusListService } = await import(B + 'certificates/status/status-list.service.js');
const { CredentialSignerService } = await import(B + 'certificates/credential-signer.service.js');
const { AuditService } = await import(B + 'platform/audit/audit.service.js');
if (process.env.WRAP) {
wrap(StudentsService.prototype, 'graduatesIn', 'graduatesIn');
wrap(CertificatesService.prototype, 'alreadyIssued', 'alreadyIssued');
wrap(CertificatesService.prototype, 'issueIn', 'issueIn(total)');
wrap(StatusListService.prototype, 'allocate', 'statusAllocate');
wrap(CredentialSignerService.prototype, 'sign', 'sign');
{ const f = CredentialSignerService.prototype.sign; const H = (globalThis.H = {}); CredentialSignerService.prototype.sign = async function (...a) { const s = performance.now(); const r = await f.apply(this, a); const d = performance.now() - s; const k = d < 0.05 ? '<50us' : d < 0.1 ? '<100us' : d < 0.3 ? '<300us' : d < 1 ? '<1ms' : '>=1ms'; H[k] = (H[k] ?? 0) + 1; return r; }; }
wrap(AuditService.prototype, 'append', 'audit');



{ const f = CertificatesService.prototype.credentialFor; CertificatesService.prototype.credentialFor = function (...a) { const s = performance.now(); try { return f.apply(this, a); } finally { T.build = (T.build ?? 0) + performance.now() - s; } }; }
const { BatchIssuanceService: BIS } = await import(B + 'certificates/batches/batch-issuance.service.js');
wrap(BIS.prototype, 'issueChunk', 'chunk(total)');
}
// QWRAP: time each statement by its first words
if (process.env.QWRAP) {
  const { EntityManager } = await import('typeorm');
  const f = EntityManager.prototype.query;
  EntityManager.prototype.query = async function (sql, params) { const s = performance.now(); try { return await f.call(this, sql, params); } finally { const k = sql.trim().replace(/\s+/g, ' ').slice(0, 60); T[k] = (T[k] ?? 0) + performance.now() - s; } };
}
const batch = app.get(BatchIssuanceService);
const context = await app.get(BatchContexts).of(listId);
const raw1 = rawSignsPerSecond();
const start = performance.now();
let chunks = 0;
while ((await batch.issueChunk(context)) > 0) chunks++;
const seconds = (performance.now() - start) / 1000;
const raw2 = rawSignsPerSecond();
const [{ n }] = await ds.query(`SELECT count(*) AS n FROM certificates`);
const raw = (raw1 + raw2) / 2;
console.log(JSON.stringify({ store: server ? 'postgresql' : 'pglite', N, chunks, certificates: Number(n), seconds: +seconds.toFixed(3), perSecond: Math.round(Number(n) / seconds), rawSignsPerSecond: Math.round(raw), ratio: +(Number(n) / seconds / raw).toFixed(3) }));

if (process.env.WRAP) console.log(JSON.stringify(globalThis.H));
if (process.env.QWRAP) console.log(Object.entries(T).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => Math.round(v) + 'ms ' + k).join('\n'));
if (process.env.WRAP) console.log(JSON.stringify(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round(v)]))));
console.log('copywait', globalThis.COPYWAIT, 'rows', globalThis.COPYROWS);
console.log(JSON.stringify(globalThis.TT));
await app.close();
if (!process.env.KEEP) await drop(); else console.log("kept", url);
