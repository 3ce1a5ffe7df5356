import { createHash } from 'node:crypto';
import { setGlobalConfig, type JwtSigner } from '@openid4vc/oauth2';
import { resolveOpenid4vpAuthorizationRequest, submitOpenid4vpAuthorizationResponse, type ResolvedOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { didWebForPath, didWebToPath, type DidDocument } from '../identity/domain/did-web.js';
import { p256PublicKeyObject } from '../identity/domain/p256-keys.js';
import { verifyEs256 } from '../identity/sd-jwt/domain/es256.js';
import { presentableClaims } from '../identity/sd-jwt/domain/sd-jwt-vc.js';
import { chooseCopy } from './copy-choice.js';
import { present } from './holder.js';
import type { StoredCredential, WalletStore } from './wallet-store.js';

/**
 * The holder's side of OpenID4VP 1.0 (on @openid4vc/openid4vp): fetch the signed request object
 * from request_uri, check that the register which issued one of our credentials signed it (its
 * root authority's did:web, key from its DID document), show who asks for what under which
 * approval, and on confirmation answer with only the requested claims by direct_post.
 */

export interface RequestSummary {
  clientId: string;
  relyingSystem: { clientId: string; name: string; operator: string } | null;
  purpose: string | null;
  approval: { id: string; approvingOrganisation: { code: string; name: string } | null; legalBasis: string; region: { code: string; name: string } | null; validUntil: string } | null;
  /** Per format the wallet could answer in: the claim paths asked for. */
  claims: Partial<Record<StoredCredential['format'], string[]>>;
  expiresAt: string | null;
}

export interface ResolvedPresentationRequest {
  resolved: ResolvedOpenid4vpAuthorizationRequest;
  summary: RequestSummary;
}

interface DcqlCredentialQuery {
  id: string;
  format: string;
  claims?: Array<{ path: Array<string | number | null> }>;
}

const ROOT_SEGMENTS = ['issuers', '000000'];

export async function resolvePresentationRequest(
  store: WalletStore,
  uri: string,
  options: { allowHttp?: boolean; fetchImpl?: typeof fetch } = {},
): Promise<ResolvedPresentationRequest> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const params = Object.fromEntries(new URL(uri.replace(/^openid4vp:\/\//, 'openid4vp://x/')).searchParams);
  const requestUri = params.request_uri;
  if (!params.client_id || !requestUri) throw new Error('not an OpenID4VP request by reference: client_id and request_uri are required');
  const allowHttp = options.allowHttp || isLoopbackHttp(requestUri);
  if (allowHttp) setGlobalConfig({ allowInsecureUrls: true });
  // Whom we answer: the registers that issued our credentials, by their root authority's DID.
  const trusted = new Set((await store.credentials()).map((c) => didWebForPath(new URL(c.issuer).origin, ROOT_SEGMENTS)));
  const resolved = await resolveOpenid4vpAuthorizationRequest({
    authorizationRequestPayload: { client_id: params.client_id, request_uri: requestUri },
    callbacks: {
      fetch: fetchImpl,
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      decryptJwe: async () => {
        throw new Error('encrypted request objects are not supported');
      },
      getX509CertificateMetadata: () => {
        throw new Error('x509 client identifiers are not supported');
      },
      verifyJwt: async (signer: JwtSigner, jwt) => {
        if (signer.method !== 'did') return { verified: false as const };
        const did = signer.didUrl.split('#')[0];
        if (!trusted.has(did)) throw new Error(`the request is signed by ${did}, not by the register of a credential in this wallet`);
        const document = await fetchDidDocument(did, allowHttp, fetchImpl);
        const method = document.verificationMethod.find((m) => m.id === signer.didUrl);
        const usable = method && !method.revoked && [...document.authentication, ...document.assertionMethod].includes(method.id);
        if (!usable) return { verified: false as const };
        const [header, payload, signature] = jwt.compact.split('.');
        const key = p256PublicKeyObject(method.publicKeyMultibase);
        if (!verifyEs256(`${header}.${payload}`, signature, key)) return { verified: false as const };
        const { x, y } = key.export({ format: 'jwk' });
        return { verified: true as const, signerJwk: { kty: 'EC', crv: 'P-256', x: x!, y: y! } };
      },
    },
  });
  if (resolved.authorizationRequestPayload.response_mode !== 'direct_post' || !resolved.dcql) throw new Error('only DCQL requests answered by direct_post are supported');
  return { resolved, summary: summaryOf(resolved) };
}

/**
 * Answers with only the requested claims, from a copy of the chosen format (default SD-JWT VC):
 * the copy this relying system saw before, else a fresh one (copy-choice.ts), remembered once accepted.
 */
export async function answerPresentationRequest(
  store: WalletStore,
  request: ResolvedPresentationRequest,
  options: { format?: StoredCredential['format']; credentialId?: string; fetchImpl?: typeof fetch; now?: Date } = {},
): Promise<{ status: number; body: unknown; credentialId: string; linkable: boolean }> {
  const credentials = await store.credentials();
  const relyingSystem = request.summary.relyingSystem?.clientId ?? null;
  const picked = options.credentialId
    ? { credential: credentials.find((c) => c.id === options.credentialId), linkable: false }
    : chooseCopy(credentials, options.format ?? 'dc+sd-jwt', relyingSystem);
  const chosen = picked?.credential;
  if (!chosen) throw new Error('no credential of that format in this wallet');
  const query = queriesOf(request.resolved).find((q) => q.format === chosen.format);
  if (!query) throw new Error(`the request does not ask for ${chosen.format}`);
  const payload = request.resolved.authorizationRequestPayload;
  const disclose = await disclosureOf(chosen, query);
  const presentation = await present(store, { credentialId: chosen.id, disclose, nonce: payload.nonce, audience: payload.client_id!, now: options.now });
  const { response } = await submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: { response_uri: payload.response_uri as string | undefined },
    authorizationResponsePayload: { vp_token: { [query.id]: [presentation] }, ...(typeof payload.state === 'string' ? { state: payload.state } : {}) },
    callbacks: { fetch: options.fetchImpl ?? fetch },
  });
  const text = await response.text();
  if (response.ok && relyingSystem && !(chosen.usedWith ?? []).includes(relyingSystem)) {
    await store.saveCredential({ ...chosen, usedWith: [...(chosen.usedWith ?? []), relyingSystem] });
  }
  return { status: response.status, body: text ? JSON.parse(text) : {}, credentialId: chosen.id, linkable: picked!.linkable };
}

function summaryOf(resolved: ResolvedOpenid4vpAuthorizationRequest): RequestSummary {
  const payload = resolved.authorizationRequestPayload;
  const info = (payload.verifier_info as Array<{ format: string; data: unknown }> | undefined)?.find((v) => v.format === 'xueji_sharing_approval')?.data as
    | Pick<RequestSummary, 'relyingSystem' | 'purpose' | 'approval'>
    | undefined;
  const claims: RequestSummary['claims'] = {};
  for (const query of queriesOf(resolved)) {
    if (query.format === 'dc+sd-jwt' || query.format === 'ldp_vc') claims[query.format] = pathsOf(query);
  }
  const exp = resolved.jar?.jwt.payload.exp;
  return {
    clientId: String(payload.client_id),
    relyingSystem: info?.relyingSystem ?? null,
    purpose: info?.purpose ?? null,
    approval: info?.approval ?? null,
    claims,
    expiresAt: typeof exp === 'number' ? new Date(exp * 1000).toISOString() : null,
  };
}

function queriesOf(resolved: ResolvedOpenid4vpAuthorizationRequest): DcqlCredentialQuery[] {
  return ((resolved.dcql?.query as { credentials?: DcqlCredentialQuery[] } | undefined)?.credentials ?? []).filter((q) => typeof q.id === 'string');
}

/** Claim paths in the wallet's own notation: SD-JWT paths from the root, W3C paths under credentialSubject. */
function pathsOf(query: DcqlCredentialQuery): string[] {
  return (query.claims ?? []).map((c) => (query.format === 'ldp_vc' ? c.path.slice(1) : c.path).join('.'));
}

/** An SD-JWT container asked for whole brings its members' disclosures too (DCQL: the path selects the object). */
async function disclosureOf(credential: StoredCredential, query: DcqlCredentialQuery): Promise<string[]> {
  const paths = pathsOf(query);
  if (credential.format !== 'dc+sd-jwt') return paths;
  const presentable = await presentableClaims(credential.credential as string);
  return presentable.filter((key) => paths.some((path) => key === path || key.startsWith(`${path}.`)));
}

async function fetchDidDocument(did: string, allowHttp: boolean, fetchImpl: typeof fetch): Promise<DidDocument> {
  const { host, path } = didWebToPath(did);
  const response = await fetchImpl(`${allowHttp ? 'http' : 'https'}://${host}${path}`, { headers: { Accept: 'application/did+ld+json, application/json' } });
  if (!response.ok) throw new Error(`the verifier's DID document could not be fetched (${response.status})`);
  return (await response.json()) as DidDocument;
}

function isLoopbackHttp(url: string): boolean {
  return url.startsWith('http://') && ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}
