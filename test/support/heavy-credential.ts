import { randomUUID } from 'node:crypto';
import { MAX_VERIFY_VALUES, valuesExceed } from '../../src/common/http/body-depth.interceptor.js';

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
