import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { copyField, copyText } from '../database/copy-text.js';
import type { CertificateEntity } from './certificate.entity.js';

/** Rows per INSERT on the embedded store: enough to amortise a round trip, few enough to overlap with signing. */
const ROWS_PER_INSERT = 100;

/** Bytes of COPY data that may wait in memory for the socket (about 350 certificates). */
const MAX_BUFFERED = 1024 * 1024;
/**
 * Rows per socket write, each followed by a turn of the event loop. Rows keep coming without
 * I/O waits, so without a turn the socket is written only until the kernel's buffer is full, the
 * rest waits in memory, and the server sits idle until the chunk's last row.
 */
const ROWS_PER_WRITE = 16;

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
] as const;

/**
 * A certificate row as issued: the credential's JSON text, stored as it was signed — a string, or
 * its UTF-8 bytes as a signing thread hands them over — and the object too where the signer had
 * it (the calling thread).
 */
export interface IssuedCertificate extends Omit<CertificateEntity, 'credential'> {
  credentialJson: string | Buffer;
  credential?: Record<string, unknown>;
}

/** Where signed certificates go while the next ones are signed: `add` each, then `finish` once. */
export interface CertificateSink {
  add(row: IssuedCertificate): Promise<void>;
  finish(): Promise<void>;
}

/**
 * The sink for the transaction `em`. On a PostgreSQL server each row is streamed into one
 * `COPY … FROM STDIN` as soon as it is signed: the server parses and stores it while the next
 * one is signed, on its own core, with no per-row statement. The embedded store has no COPY
 * through its pool, so rows go as multi-row INSERTs, one batch in flight while signing goes on.
 */
export function certificateSink(em: EntityManager): CertificateSink {
  const client = (em.queryRunner as unknown as { databaseConnection?: unknown } | undefined)?.databaseConnection;
  return client instanceof pg.Client ? new CopySink(client) : new InsertSink(em);
}

class CopySink implements CertificateSink {
  private stream: CopyStreamQuery | null = null;
  private done: Promise<unknown> | null = null;
  /** Lines not yet written, as bytes: one socket write per ROWS_PER_WRITE rows, not one system call per row. */
  private pieces: Buffer[] = [];
  private rows = 0;

  constructor(private readonly client: pg.Client) {}

  async add(row: IssuedCertificate): Promise<void> {
    if (!this.stream) {
      this.stream = this.client.query(copyFrom(`COPY certificates (${COLUMNS.join(', ')}) FROM STDIN`));
      // Settles when the server has stored every row (or refused one: the error rejects here).
      this.done = new Promise((resolve, reject) => this.stream!.on('finish', resolve).on('error', reject));
      this.done.catch(() => undefined); // observed by finish()
    }
    this.pieces.push(...copyLineBytes(row));
    if (++this.rows % ROWS_PER_WRITE !== 0) return;
    this.stream.write(Buffer.concat(this.pieces));
    this.pieces = [];
    // Let the socket buffer up to a MB before waiting: waiting at every full 16 KB buffer would stop
    // signing each few rows until the server catches up, and the two sides would take turns.
    if (this.stream.writableLength > MAX_BUFFERED) await Promise.race([once(this.stream, 'drain'), this.done]);
    else await nextTurn();
  }

  async finish(): Promise<void> {
    if (!this.stream) return;
    if (this.pieces.length > 0) this.stream.write(Buffer.concat(this.pieces));
    this.stream.end();
    await this.done;
  }
}

/** One line of COPY's text format. JSON.stringify leaves no raw tab or newline, so only `\` needs escaping. */
export function copyLine(row: IssuedCertificate): string {
  return Buffer.concat(copyLineBytes(row)).toString('utf8');
}

const BACKSLASH = 0x5c;

/**
 * copyLine as the bytes the server reads: the fields before the credential, the credential, the
 * fields after it. Credential bytes from a signing thread go as they are unless they hold a
 * backslash (JSON escapes), which COPY needs doubled.
 */
export function copyLineBytes(row: IssuedCertificate): Buffer[] {
  const before = [row.id, row.certificateNumber, row.kind, row.studentId, row.scopePath, row.issuerOrganisationId, row.issuerDid];
  const after = [row.status, row.issuedBy, row.issuedAt.toISOString(), row.replacesId];
  const json = row.credentialJson;
  const credential = typeof json === 'string' || json.includes(BACKSLASH) ? Buffer.from(copyText(jsonText(json)), 'utf8') : json;
  return [Buffer.from(before.map(copyField).join('\t') + '\t', 'utf8'), credential, Buffer.from('\t' + after.map(copyField).join('\t') + '\n', 'utf8')];
}

/** A row's credential JSON as a string, whichever form it came in. */
export function jsonText(json: string | Buffer): string {
  return typeof json === 'string' ? json : json.toString('utf8');
}

/** Multi-row INSERTs, the next one sent when the previous has answered (one statement in flight). */
class InsertSink implements CertificateSink {
  private readonly rows: IssuedCertificate[] = [];
  private sent = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly em: EntityManager) {}

  async add(row: IssuedCertificate): Promise<void> {
    this.rows.push(row);
    if (this.rows.length - this.sent >= ROWS_PER_INSERT) await this.sendRest();
  }

  async finish(): Promise<void> {
    if (this.rows.length > this.sent) await this.sendRest();
    await this.inFlight;
  }

  private async sendRest(): Promise<void> {
    await this.inFlight;
    const batch = this.rows.slice(this.sent);
    this.sent = this.rows.length;
    this.inFlight = insertCertificates(this.em, batch);
    this.inFlight.catch(() => undefined); // awaited by the next send or by finish()
  }
}

/**
 * Inserts certificates in one statement with one parameter: the rows as a JSON array, split by
 * json_to_recordset on the server. Each credential goes in as the JSON text it was signed as.
 */
export async function insertCertificates(em: EntityManager, rows: IssuedCertificate[]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((r) => {
    const fields = JSON.stringify({
      id: r.id,
      certificate_number: r.certificateNumber,
      kind: r.kind,
      student_id: r.studentId,
      scope_path: r.scopePath,
      issuer_organisation_id: r.issuerOrganisationId,
      issuer_did: r.issuerDid,
      status: r.status,
      issued_by: r.issuedBy,
      issued_at: r.issuedAt.toISOString(),
      replaces_id: r.replacesId,
    });
    return `${fields.slice(0, -1)},"credential":${jsonText(r.credentialJson)}}`;
  });
  await em.query(
    `INSERT INTO certificates (${COLUMNS.join(', ')})
     SELECT ${COLUMNS.join(', ')}
       FROM json_to_recordset($1::json) AS r(id uuid, certificate_number varchar, kind varchar, student_id uuid, scope_path varchar,
            issuer_organisation_id uuid, issuer_did varchar, credential json, status varchar, issued_by uuid, issued_at timestamptz,
            replaces_id uuid)`,
    [`[${records.join(',')}]`],
  );
}
