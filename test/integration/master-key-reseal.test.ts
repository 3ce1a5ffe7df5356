import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { masterKeyId } from '../../src/identity/domain/secret-box.js';
import { resealStore } from '../../src/platform/setup/reseal.js';
import { MaterialSeal } from '../../src/workflow/material-seal.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { freshDatabase } from '../support/test-database.js';
import { hotp, totpStep } from '../../src/platform/auth/domain/totp.js';
import { base32Decode } from '../support/base32.js';
import { loadCurrentYears } from '../support/calendar.js';
import { FieldValueVault } from '../../src/registry/field-value-vault.js';
import { IdNumberVault } from '../../src/registry/id-number-vault.js';
import { login, PASSWORD, PUBLIC_URL, residentId, seedTree, startTestApp } from '../support/test-app.js';

const CODES = { province: '330000', city: '330100', county: '330106', school: '3330106001' };

/**
 * Replacing the master key (npm run reseal): everything sealed under the old key — issuer private
 * keys, ID numbers, TOTP secrets — opens under the new one afterwards, ID-number digests still find the same
 * person, and what was signed before still verifies. On the store the run uses.
 */
describe('re-sealing under a new master key', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  let dataDir: string;
  let env: Record<string, string>;
  let drop = async () => {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xueji-reseal-'));
    const db = await freshDatabase();
    env = { DATA_DIR: dataDir, DATABASE_URL: db.databaseUrl ?? '' };
    drop = db.drop;
  });
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const configWith = (masterKey: Buffer) => parseConfig({ ...env, PUBLIC_URL, LOG_LEVEL: 'silent', XUEJI_MASTER_KEY: masterKey.toString('base64') });

  it('re-seals issuer keys and ID numbers in one go; afterwards everything opens, finds and verifies as before', async () => {
    let idNumber = residentId('330106', '2012-05-01', '042');
    const first = await startTestApp({ ...env, XUEJI_MASTER_KEY: oldKey.toString('base64') });
    const users = await seedTree(first, CODES, 'rk');
    const studentId = await graduate(first, await login(first, users.school), await login(first, users.county), idNumber);
    const certificate = await issueCertificate(first, await login(first, users.county), studentId);
    // The city administrator's TOTP secret is sealed under the master key too.
    const city = await login(first, users.city);
    const totpSecret = base32Decode((await first.http.post('/auth/totp').set('Authorization', city).expect(200)).body.secret);
    await first.http.post('/auth/totp/confirmation').set('Authorization', city).send({ code: hotp(totpSecret, totpStep(new Date())) }).expect(204);
    const keyCount = Number((await first.dataSource.query(`SELECT count(*) AS n FROM issuer_keys`))[0].n);
    // A request's material (a scanned form) is sealed under the master key as well.
    const scan = Buffer.from('%PDF-1.4 scanned form');
    const [account] = await first.dataSource.query(`SELECT id FROM accounts LIMIT 1`);
    const [request] = await first.dataSource.query(
      `INSERT INTO requests (kind, subject_type, subject_id, submitted_by, submitted_path, visible_paths) VALUES ('test', 'student', $1, $2, '/', ARRAY['/']) RETURNING id`,
      [studentId, account.id],
    );
    const materialId = '00000000-0000-4000-8000-0000000000aa';
    await first.dataSource.query(
      `INSERT INTO request_materials (id, request_id, file_name, media_type, size, sha256, content_sealed, added_by, added_path) VALUES ($1, $2, 'f.pdf', 'application/pdf', $3, $4, $5, $6, '/')`,
      [materialId, request.id, scan.length, 'a'.repeat(64), first.app.get(MaterialSeal).seal(materialId, scan), account.id],
    );
    // A guardian's phone number, and a corrected name's old and new values, are sealed too.
    const registrar1 = await login(first, users.school);
    const code = (await first.http.post(`/students/${studentId}/guardian-codes`).set('Authorization', registrar1).send({ relation: 'mother' }).expect(201)).body.code;
    await first.http.post('/guardian/accounts').send({ code, phone: '13800138000', password: 'Guardian-Pass-2026' }).expect(201);
    await loadCurrentYears(first);
    const [{ name: oldName }] = await first.dataSource.query(`SELECT name FROM students WHERE id = $1`, [studentId]);
    const correction = await first.http
      .post(`/students/${studentId}/change-requests`)
      .set('Authorization', registrar1)
      .send({ kind: 'correction', fields: { name: '更正后' }, evidenceSha256: 'e'.repeat(64) })
      .expect(201);
    await first.http.post(`/requests/${correction.body.id}/steps/0/decision`).set('Authorization', await login(first, users.county)).send({ outcome: 'approve' }).expect(200);
    // And a former identity document: the record's number changed once.
    const formerNumber = idNumber;
    idNumber = residentId('330106', '2012-05-01', '062');
    const change = await first.http
      .post(`/students/${studentId}/change-requests`)
      .set('Authorization', registrar1)
      .send({ kind: 'identity_document', documentType: 'resident_id', number: idNumber, evidenceSha256: 'f'.repeat(64) })
      .expect(201);
    await first.http.post(`/requests/${change.body.id}/steps/0/decision`).set('Authorization', await login(first, users.county)).send({ outcome: 'approve' }).expect(200);
    const masked = (await first.http.get(`/students/${studentId}`).set('Authorization', await login(first, users.county)).expect(200)).body.idNumberMasked;
    await first.app.close();

    // A wrong previous key opens nothing, and nothing is changed.
    await expect(resealStore(configWith(newKey), randomBytes(32))).rejects.toThrow(`sealed under master key ${masterKeyId(oldKey)}, which is not configured`);

    const report = await resealStore(configWith(newKey), oldKey);
    expect(report).toEqual({
      currentMasterKeyId: masterKeyId(newKey),
      previousMasterKeyId: masterKeyId(oldKey),
      issuerKeys: { total: keyCount, resealed: keyCount },
      idNumbers: { total: 2, resealed: 2 },
      totpSecrets: { total: 1, resealed: 1 },
      requestMaterials: { total: 1, resealed: 1 },
      guardianPhones: { total: 1, resealed: 1 },
      recordFieldValues: { total: 1, resealed: 1 },
    });
    expect(keyCount).toBe(8); // national, province, city, county: Ed25519 and P-256 each
    // A second run finds everything under the new key already.
    expect((await resealStore(configWith(newKey), oldKey)).issuerKeys.resealed).toBe(0);

    const second = await startTestApp({ ...env, XUEJI_MASTER_KEY: newKey.toString('base64') });
    try {
      const county = await login(second, users.county);
      const registrar = await login(second, users.school);
      expect((await second.http.get(`/students/${studentId}`).set('Authorization', county).expect(200)).body.idNumberMasked).toBe(masked);
      // The recomputed digest still recognises the same person (第九条).
      const again = await second.http
        .post('/students')
        .set('Authorization', registrar)
        .send({ idNumber, name: '同一人', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 })
        .expect(409);
      expect(again.body.code).toBe('DUPLICATE_PERSON');
      expect((await second.http.post('/credentials/verify').send({ verifiableCredential: certificate.verifiableCredential }).expect(200)).body.verified).toBe(true);
      // The issuer key opens under the new master key: the next certificate is signed by the same key.
      const next = await issueCertificate(second, county, await graduate(second, registrar, county, residentId('330106', '2012-06-01', '052')));
      expect((next.verifiableCredential.proof as { verificationMethod: string }).verificationMethod).toBe(
        (certificate.verifiableCredential.proof as { verificationMethod: string }).verificationMethod,
      );
      const [audit] = await second.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'master_key.resealed' ORDER BY seq LIMIT 1`);
      expect(audit.details).toEqual({ previousMasterKeyId: masterKeyId(oldKey), issuerKeys: keyCount, idNumbers: 2, totpSecrets: 1, requestMaterials: 1, guardianPhones: 1, recordFieldValues: 1, auditEntries: expect.any(Number) });
      // The guardian's recomputed phone digest still finds the account; the name's history opens.
      await second.http.post('/guardian/sessions').send({ phone: '13800138000', password: 'Guardian-Pass-2026' }).expect(200);
      const [history] = await second.dataSource.query(`SELECT old_sealed, new_sealed FROM student_field_changes WHERE student_id = $1`, [studentId]);
      const vault = second.app.get(FieldValueVault);
      expect([vault.open(studentId, 'name', history.old_sealed), vault.open(studentId, 'name', history.new_sealed)]).toEqual([oldName, '更正后']);
      // The former document's digest is recomputed too: it is the same person's earlier number.
      const [former] = await second.dataSource.query(`SELECT number_digest, number_sealed FROM student_identity_documents WHERE student_id = $1`, [studentId]);
      const ids = second.app.get(IdNumberVault);
      expect(former.number_digest.trim()).toBe(ids.digest('resident_id', formerNumber));
      expect(ids.open(former.number_digest.trim(), former.number_sealed)).toBe(formerNumber);
      const [material] = await second.dataSource.query(`SELECT content_sealed FROM request_materials WHERE id = $1`, [materialId]);
      expect(second.app.get(MaterialSeal).open(materialId, Buffer.from(material.content_sealed)).equals(scan)).toBe(true);
      // The TOTP secret opens under the new key: the next step's code logs the city administrator in.
      await second.http.post('/auth/login').send({ username: users.city, password: PASSWORD, totpCode: hotp(totpSecret, totpStep(new Date()) + 1) }).expect(200);
      expect(audit.details.auditEntries).toBeGreaterThan(5);
      // The audit trail's MACs were made again under the new key: the chain verifies whole.
      const national = await second.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE mac IS NULL`);
      expect(national[0].n).toBe(0);
      const { AuditService } = await import('../../src/platform/audit/audit.service.js');
      expect(await second.app.get(AuditService).verify()).toMatchObject({ valid: true, firstBrokenSeq: null });
    } finally {
      await second.app.close();
    }
  });
});
