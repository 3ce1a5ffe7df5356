import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from '../../../identity/contexts/xueji-certificate-v1.js';
import { buildDidDocument, didWebForPath, verificationMethodId } from '../../../identity/domain/did-web.js';
import { createDocumentLoader } from '../../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../../identity/domain/ed25519-keys.js';
import { buildCertificateCredential, CERTIFICATE_KINDS, EDUCATION_STAGES } from '../certificate-credential.js';
import { issueCredential, verifyCredential, type Credential } from '../data-integrity.js';
import { createTemplateIssuer } from './template-issuer.js';

/**
 * The same equality for the Open Badges 3.0 certificate (VC 2.0 + OB 3.0.3 + our extension
 * context): its terms apply under their class only and some of its datatypes are https
 * XMLSchema IRIs, which the template inherits from the stock derivation.
 */

const RECORDS = 250;
const PUBLIC_URL = 'https://xueji.example.cn';
const VERIFY_AT = new Date('2025-01-01T00:00:00Z');
const PIECES = ['张小明', '"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u0085', '😀', '\ud800', ' ', '学军小学', 'é', '<>{}|^`', 'a'];

function hostileString(seed: number): string {
  let text = seed % 17 === 0 ? ' ' : '';
  for (let n = 1 + (seed % 6), k = seed; n > 0; n--, k = (k * 7919 + 13) % 104729) text += PIECES[k % PIECES.length];
  return seed % 11 === 0 ? text + '学'.repeat(3_000) : text;
}

function uuidOf(n: number): string {
  return `6a1f0c4e-2b7d-4c1a-9e3f-${n.toString(16).padStart(12, '0')}`;
}

it(`issues ${RECORDS} OB 3.0 certificates with the stock path's N-Quads and proofs, and they verify`, async () => {
  const did = didWebForPath(PUBLIC_URL, ['issuers', '330106']);
  const keys = generateEd25519KeyPair();
  const didDocument = buildDidDocument({ did, name: '教育局', verificationMethods: [{ id: 'key-1', publicKeyMultibase: keys.publicKeyMultibase }] });
  const signer = createEd25519Signer({ id: verificationMethodId(did, 'key-1'), secretKeyMultibase: keys.secretKeyMultibase });
  const documentLoader = createDocumentLoader({
    contexts: { [xuejiCertificateContextUrl(PUBLIC_URL)]: XUEJI_CERTIFICATE_CONTEXT_V1 },
    resolveDid: async (requested) => (requested === did ? didDocument : null),
  });
  const templates = createTemplateIssuer({ documentLoader });
  const mismatches: string[] = [];

  for (let record = 0; record < RECORDS && mismatches.length === 0; record++) {
    const credential = buildCertificateCredential(
      {
        certificateId: uuidOf(record),
        certificateNumber: hostileString(record * 3),
        kind: CERTIFICATE_KINDS[record % CERTIFICATE_KINDS.length],
        issuer: { id: did, name: hostileString(record * 5 + 1) },
        issuedAt: new Date(Date.UTC(2024, record % 12, 1 + (record % 28), record % 24)),
        student: {
          studentNumber: `S${record}${hostileString(record * 7 + 2)}`,
          name: hostileString(record * 11 + 3),
          gender: record % 2 ? 'male' : 'female',
          birthDate: `20${10 + (record % 9)}-0${1 + (record % 9)}-1${record % 10}`,
          educationStage: EDUCATION_STAGES[record % EDUCATION_STAGES.length],
        },
        school: { code: String(3301061000 + (record % 97)), name: hostileString(record * 13 + 4) },
        studyFrom: '2016-09-01',
        studyTo: '2022-06-30',
        ...(record % 4 === 1 ? { replaces: `urn:uuid:${uuidOf(record + 100_000)}` } : {}),
      },
      { publicUrl: PUBLIC_URL },
    ) as unknown as Credential;
    const now = new Date(Date.parse('2024-12-31T00:00:00Z') + record * 400);

    const stockNQuads = await eddsaRdfc2022.canonize(credential, { documentLoader, base: null, safe: true });
    if ((await templates.canonize(credential)) !== stockNQuads) mismatches.push(`record ${record}: N-Quads differ`);
    const issued = await templates.issue(credential, signer, now);
    const stock = await issueCredential({ credential, signer, documentLoader, now });
    if (JSON.stringify(issued) !== JSON.stringify(stock)) mismatches.push(`record ${record}: issued credentials differ`);
    if (record % 10 === 0 && !(await verifyCredential({ credential: issued, documentLoader, now: VERIFY_AT })).verified) {
      mismatches.push(`record ${record}: not verified`);
    }
  }

  expect(mismatches).toEqual([]);
});
