/**
 * Inputs shared by the cases: an issuer with an in-memory DID document, an offline document
 * loader, an unsigned graduation certificate, resident ID inputs and a 60-character URL.
 * Nothing here touches the network or a database.
 */
import { generateKeyPairSync } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { buildCertificateCredential } from '../src/certificates/domain/certificate-credential.js';
import { statusEntries } from '../src/certificates/status/domain/status-list.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from '../src/identity/contexts/xueji-certificate-v1.js';
import { buildDidDocument, didWebForPath, verificationMethodId } from '../src/identity/domain/did-web.js';
import { createDocumentLoader } from '../src/identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../src/identity/domain/ed25519-keys.js';
import { residentIdCheckCharacter } from '../src/registry/domain/resident-id.js';

export const NOW = new Date('2026-07-01T08:00:00Z');
export const PUBLIC_URL = 'https://xueji.example.cn';
export const TODAY = '2026-07-01';

/** 1 KB of random bytes and a raw Node key pair: the baselines' material. */
export const ONE_KB = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 151 + 7) & 0xff));
export const RAW_KEYS = generateKeyPairSync('ed25519');

export async function makeIssuer() {
  const did = didWebForPath(PUBLIC_URL, ['issuers', '330106']);
  const keys = generateEd25519KeyPair();
  const methodId = verificationMethodId(did, 'key-1');
  const didDocument = buildDidDocument({
    did,
    name: '杭州市西湖区教育局',
    verificationMethods: [{ id: 'key-1', publicKeyMultibase: keys.publicKeyMultibase }],
  });
  const documentLoader = createDocumentLoader({
    contexts: { [xuejiCertificateContextUrl(PUBLIC_URL)]: XUEJI_CERTIFICATE_CONTEXT_V1 },
    resolveDid: async (requested) => (requested === did ? didDocument : null),
  });
  const ourSigner = createEd25519Signer({ id: methodId, secretKeyMultibase: keys.secretKeyMultibase });
  const stockKeyPair = await Ed25519Multikey.from({ id: methodId, controller: did, ...keys });
  const stockSigner = stockKeyPair.signer();
  if (stockSigner.id !== methodId) throw new Error(`stock signer id is "${stockSigner.id}", expected "${methodId}"`);
  return { did, documentLoader, ourSigner, stockSigner };
}

/** A junior-high 毕业证书 as the service issues it (Open Badges 3.0, with its two status entries). */
export function graduationCertificate(issuerDid: string) {
  return buildCertificateCredential(
    {
      certificateId: '6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21',
      certificateNumber: '330106-2026-000042',
      kind: 'graduation',
      issuer: { id: issuerDid, name: '杭州市西湖区教育局' },
      issuedAt: NOW,
      student: {
        studentNumber: 'S3320230000047115',
        name: '张小明',
        gender: 'male',
        birthDate: '2010-03-07',
        educationStage: 'junior',
      },
      school: { code: '3301061001', name: '杭州市西湖区文三中学' },
      studyFrom: '2023-09-01',
      studyTo: '2026-06-30',
      credentialStatus: statusEntries(PUBLIC_URL, 1, 4711),
    },
    { publicUrl: PUBLIC_URL },
  );
}

/**
 * 1,000 resident ID inputs, the same every run: 70% valid (some typed in groups, some with a
 * lower-case x or full-width digits), the rest wrong in shape, region, date or check character.
 */
export function residentIdInputs(count = 1000): string[] {
  let state = 20260701;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const regions = ['330106', '110105', '440305', '510107', '441900', '650102'];
  const inputs: string[] = [];
  for (let i = 0; i < count; i++) {
    const body =
      regions[next(regions.length)] + pad(1950 + next(70), 4) + pad(1 + next(12), 2) + pad(1 + next(28), 2) + pad(next(1000), 3);
    const valid = body + residentIdCheckCharacter(body);
    switch (i % 10) {
      case 0: inputs.push(`${valid.slice(0, 6)} ${valid.slice(6, 14)} ${valid.slice(14)}`.toLowerCase()); break;
      case 1: inputs.push(valid.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))); break;
      case 7: inputs.push(valid.slice(0, 17)); break; // format
      case 8: inputs.push('990106' + valid.slice(6)); break; // region
      case 9: inputs.push(valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')); break; // check character
      default: inputs.push(valid);
    }
  }
  return inputs;
}

/** 60 characters, the length the certificate QR codes carry. */
export const VERIFICATION_URL = 'https://xueji.example.cn/v/330106-2026-000042?k=Zm9vYmFyYmF6';
if (VERIFICATION_URL.length !== 60) throw new Error(`verification URL is ${VERIFICATION_URL.length} characters, not 60`);

/** A record-like object whose JSON is about 1 KB. */
export const ONE_KB_OBJECT = {
  id: '6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21',
  kind: 'graduation',
  status: 'valid',
  issuedAt: NOW.toISOString(),
  student: { number: 'G330106201003071234', name: '张小明', birthDate: '2010-03-07', gender: 'male' },
  school: { code: '3301061001', name: '杭州市西湖区文三中学' },
  history: Array.from({ length: 14 }, (_, i) => ({ year: 2013 + i, grade: i + 1, classCode: `C${300 + i}`, ok: true })),
};
const oneKbLength = Buffer.byteLength(JSON.stringify(ONE_KB_OBJECT));
if (oneKbLength < 900 || oneKbLength > 1200) throw new Error(`1 KB object serialises to ${oneKbLength} bytes`);
