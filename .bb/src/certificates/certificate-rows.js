import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
/** Rows per INSERT on the embedded store: enough to amortise a round trip, few enough to overlap with signing. */
const ROWS_PER_INSERT = 100;
/** Bytes of COPY data that may wait in memory for the socket (about 2,000 certificates). */
const MAX_BUFFERED = 4 * 1024 * 1024;
const COLUMNS = [
    'id',
    'certificate_number',
    'kind',
    'student_id',
    'scope_path',
    'issuer_organisation_id',
    'issuer_did',
    'credential',
    'status',
    'issued_by',
    'issued_at',
    'replaces_id',
];
/**
 * The sink for the transaction `em`. On a PostgreSQL server each row is streamed into one
 * `COPY … FROM STDIN` as soon as it is signed: the server parses and stores it while the next
 * one is signed, on its own core, with no per-row statement. The embedded store has no COPY
 * through its pool, so rows go as multi-row INSERTs, one batch in flight while signing goes on.
 */
export function certificateSink(em) {
    const client = em.queryRunner?.databaseConnection;
    return client instanceof pg.Client ? new CopySink(client) : new InsertSink(em);
}
class CopySink {
    constructor(client) {
        this.client = client;
        this.stream = null;
        this.done = null;
    }
    async add(row) {
        if (!this.stream) {
            this.stream = this.client.query(copyFrom(`COPY certificates (${COLUMNS.join(', ')}) FROM STDIN`));
            // Settles when the server has stored every row (or refused one: the error rejects here).
            this.done = new Promise((resolve, reject) => this.stream.on('finish', resolve).on('error', reject));
            this.done.catch(() => undefined); // observed by finish()
        }
        this.stream.write(copyLine(row));
        // Let the socket buffer a few MB before waiting: waiting at every full 16 KB buffer would stop
        // signing each few rows until the server catches up, and the two sides would take turns.
        if (this.stream.writableLength > MAX_BUFFERED)
            await Promise.race([once(this.stream, 'drain'), this.done]);
    }
    async finish() {
        if (!this.stream)
            return;
        this.stream.end();
        await this.done;
    }
}
/** One line of COPY's text format. JSON.stringify leaves no raw tab or newline, so only `\` needs escaping. */
export function copyLine(row) {
    const values = [
        row.id,
        row.certificateNumber,
        row.kind,
        row.studentId,
        row.scopePath,
        row.issuerOrganisationId,
        row.issuerDid,
        JSON.stringify(row.credential),
        row.status,
        row.issuedBy,
        row.issuedAt.toISOString(),
        row.replacesId,
    ];
    return values.map((v) => (v === null ? '\\N' : copyText(v))).join('\t') + '\n';
}
function copyText(value) {
    return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]) : value;
}
/** Multi-row INSERTs, the next one sent when the previous has answered (one statement in flight). */
class InsertSink {
    constructor(em) {
        this.em = em;
        this.rows = [];
        this.sent = 0;
        this.inFlight = Promise.resolve();
    }
    async add(row) {
        this.rows.push(row);
        if (this.rows.length - this.sent >= ROWS_PER_INSERT)
            await this.sendRest();
    }
    async finish() {
        if (this.rows.length > this.sent)
            await this.sendRest();
        await this.inFlight;
    }
    async sendRest() {
        await this.inFlight;
        const batch = this.rows.slice(this.sent);
        this.sent = this.rows.length;
        this.inFlight = insertCertificates(this.em, batch);
        this.inFlight.catch(() => undefined); // awaited by the next send or by finish()
    }
}
/**
 * Inserts certificates in one statement with one parameter: the rows as a JSON array, split by
 * jsonb_to_recordset on the server.
 */
export async function insertCertificates(em, rows) {
    if (rows.length === 0)
        return;
    const records = rows.map((r) => ({
        id: r.id,
        certificate_number: r.certificateNumber,
        kind: r.kind,
        student_id: r.studentId,
        scope_path: r.scopePath,
        issuer_organisation_id: r.issuerOrganisationId,
        issuer_did: r.issuerDid,
        credential: r.credential,
        status: r.status,
        issued_by: r.issuedBy,
        issued_at: r.issuedAt.toISOString(),
        replaces_id: r.replacesId,
    }));
    await em.query(`INSERT INTO certificates (${COLUMNS.join(', ')})
     SELECT ${COLUMNS.join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, certificate_number varchar, kind varchar, student_id uuid, scope_path varchar,
            issuer_organisation_id uuid, issuer_did varchar, credential jsonb, status varchar, issued_by uuid, issued_at timestamptz,
            replaces_id uuid)`, [JSON.stringify(records)]);
}
//# sourceMappingURL=certificate-rows.js.map