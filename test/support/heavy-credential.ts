import { randomUUID } from 'node:crypto';
import { MAX_VERIFY_VALUES, valuesExceed } from '../../src/common/http/body-limits.js';
import { createDocumentLoader } from '../../src/identity/domain/document-loader.js';
import { createP256Signer, generateP256KeyPair, p256DidKey } from '../../src/identity/domain/p256-keys.js';
import { issueSdCredential, type SignedCredential } from '../../src/identity/student-credential/domain/selective-disclosure.js';

/** Values of the subject's list: with the credential's own (~60 with proof and status entries) just under MAX_VERIFY_VALUES. */
export const HEAVY_ITEMS = 1_900;
/** Characters per item: the whole request stays under the 1 MB body limit. */
const ITEM_LENGTH = 480;

/**
 * The heaviest credential the request limits still accept (2,000 values, 1 MB): a subject holding
 * 1,900 distinct ~480-character strings. JSON-LD expansion and RDFC-1.0 canonicalisation take
 * about a second of one core for it on this kind of machine, against a few milliseconds for a
 * certificate: the cheapest way for anyone to make the verifier work hard. Unsigned: issue it
 * (POST /credentials/issue as an authority, or issueCredential) before verifying.
 */
export function heavyCredential(issuer: string, items = HEAVY_ITEMS): Record<string, unknown> {
  const filler = 'x'.repeat(ITEM_LENGTH - 12);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', { heavy: 'https://xueji.test/ns/heavy#', items: 'heavy:items' }],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:holder', items: Array.from({ length: items }, (_, i) => `${String(i).padStart(6, '0')} ${filler}`) },
  };
}

/** Throws unless `body` is within the verification limits: the heavy credential must be one the service takes. */
export function assertWithinVerifyLimits(body: unknown): void {
  if (valuesExceed(body, MAX_VERIFY_VALUES)) throw new Error('the heavy credential holds more values than a verification request may');
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes > 1024 * 1024) throw new Error(`the heavy credential is ${bytes} bytes, over the 1 MB body limit`);
}

/**
 * An ecdsa-sd-2023 base credential over heavyCredential's subject, as a holder brings it to
 * POST /credentials/derive, signed by a throwaway P-256 did:key (deriving checks no issuer).
 * Its proof carries one signature per statement (~90 bytes each): 1,500 items keep it under 1 MB.
 */
export async function heavySdBase(items = 1_500): Promise<SignedCredential> {
  const keys = generateP256KeyPair();
  const { did, verificationMethodId } = p256DidKey(keys.publicKeyMultibase);
  const signer = createP256Signer({ id: verificationMethodId, secretKeyMultibase: keys.secretKeyMultibase });
  return issueSdCredential({ credential: heavyCredential(did, items), signer, mandatoryPointers: ['/issuer'], documentLoader: createDocumentLoader(), now: new Date() });
}
