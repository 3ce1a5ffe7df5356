import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { clientAuthenticationAnonymous, setGlobalConfig, type Jwk, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { serviceContexts } from '../identity/contexts/service-contexts.js';
import { didKeyDocument } from '../identity/domain/did-key.js';
import { createDocumentLoader } from '../identity/domain/document-loader.js';
import { createP256Signer, generateP256KeyPair, p256DidKey, type P256Signer } from '../identity/domain/p256-keys.js';
import { encodeJws } from '../identity/sd-jwt/domain/es256.js';
import { presentSdJwtVc } from '../identity/sd-jwt/domain/sd-jwt-vc.js';
import { createPresentation, deriveDisclosure, type SignedCredential } from '../identity/student-credential/domain/selective-disclosure.js';
import type { StoredCredential, StoredKey, WalletStore } from './wallet-store.js';

/**
 * The holder side of the identity credential: a small OpenID4VCI client (on
 * @openid4vc/openid4vci) that redeems a school's offer, and the presentations of chosen claims in
 * either format. Every copy gets its own key, so two relying systems never see the same key.
 */

export interface RedeemOptions {
  /** `openid-credential-offer://?credential_offer_uri=…`, or the offer URL itself. */
  offer: string;
  txCode: string;
  /** Copies per format (distinct keys), at most the issuer's batch size. */
  copies?: number;
  /** Only these configurations of the offer (default: all it offers). */
  configurations?: string[];
  /** Talk to an issuer over plain http (a development service on the local network); loopback needs no flag. */
  allowHttp?: boolean;
}

export interface PresentOptions {
  credentialId: string;
  /**
   * Claims to disclose, in the credential's own names: SD-JWT paths such as `age_over_14`,
   * `region.city`; for the W3C form, paths under credentialSubject such as `age_over_14`,
   * `school.city`.
   */
  disclose: string[];
  /** The verifier's nonce (SD-JWT KB-JWT) or challenge (W3C presentation). */
  nonce: string;
  /** The verifier's audience (SD-JWT) or domain (W3C). */
  audience: string;
  now?: Date;
}

export async function newHolderKey(store: WalletStore): Promise<StoredKey> {
  const pair = generateP256KeyPair();
  const key: StoredKey = { id: randomUUID(), ...pair, createdAt: new Date().toISOString() };
  await store.saveKey(key);
  return key;
}

export function holderDid(key: StoredKey): { did: string; verificationMethodId: string } {
  return p256DidKey(key.publicKeyMultibase);
}

function signerOf(key: StoredKey, id = holderDid(key).verificationMethodId): P256Signer {
  return createP256Signer({ id, secretKeyMultibase: key.secretKeyMultibase });
}

function publicJwk(key: StoredKey): Jwk {
  const { x, y } = signerOf(key).key.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: x!, y: y! };
}

/** Redeems an offer: one access token, then one credential request per configuration with `copies` proofs. */
export async function redeemOffer(store: WalletStore, options: RedeemOptions, fetchImpl: typeof fetch = fetch): Promise<StoredCredential[]> {
  const keys = new Map<string, StoredKey>();
  const client = new Openid4vciClient({
    callbacks: {
      fetch: fetchImpl,
      hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      generateRandom: (bytes) => randomBytes(bytes),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: async (signer: JwtSigner, jwt) => {
        const keyId = signer.method === 'jwk' ? signer.publicJwk.x : signer.method === 'did' ? signer.didUrl : undefined;
        const key = keyId ? keys.get(keyId) : undefined;
        if (!key) throw new Error('the wallet holds no key for this signer');
        return { jwt: encodeJws(jwt.header, jwt.payload, signerOf(key).key), signerJwk: publicJwk(key) };
      },
    },
  });
  const offerUrl = toOfferUrl(options.offer);
  // OpenID4VCI requires https; a service on this machine (or, when asked, on the local network) may speak http.
  if (options.allowHttp || isLoopbackHttp(offerUrl)) setGlobalConfig({ allowInsecureUrls: true });
  const offer = await client.resolveCredentialOffer(offerUrl);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata, txCode: options.txCode });
  const wanted = options.configurations ?? offer.credential_configuration_ids;
  const out: StoredCredential[] = [];
  for (const configurationId of wanted) {
    const configuration = issuerMetadata.credentialIssuer.credential_configurations_supported[configurationId] as { format?: string } | undefined;
    const format = configuration?.format === 'ldp_vc' ? 'ldp_vc' : 'dc+sd-jwt';
    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const copyKeys = await Promise.all(Array.from({ length: options.copies ?? 1 }, () => newHolderKey(store)));
    const jwts: string[] = [];
    for (const key of copyKeys) {
      const signer: JwtSigner =
        format === 'ldp_vc'
          ? { method: 'did', alg: 'ES256', didUrl: holderDid(key).verificationMethodId }
          : { method: 'jwk', alg: 'ES256', publicJwk: publicJwk(key) };
      keys.set(signer.method === 'did' ? signer.didUrl : publicJwk(key).x!, key);
      jwts.push((await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: configurationId, signer, nonce: c_nonce })).jwt);
    }
    const { credentialResponse } = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: configurationId,
      proofs: { jwt: jwts },
    });
    const received = (credentialResponse.credentials ?? []).map((c) => (typeof c === 'object' && c !== null && 'credential' in c ? c.credential : c));
    for (const [i, credential] of received.entries()) {
      const stored: StoredCredential = {
        id: randomUUID(),
        format,
        configurationId,
        issuer: offer.credential_issuer,
        keyId: copyKeys[i].id,
        credential: credential as StoredCredential['credential'],
        receivedAt: new Date().toISOString(),
      };
      await store.saveCredential(stored);
      out.push(stored);
    }
  }
  return out;
}

/** A presentation of the chosen claims only: an SD-JWT+KB text, or a W3C presentation of a derived credential. */
export async function present(store: WalletStore, options: PresentOptions): Promise<string | Record<string, unknown>> {
  const stored = await store.credential(options.credentialId);
  const key = await store.key(stored.keyId);
  const now = options.now ?? new Date();
  if (stored.format === 'dc+sd-jwt') {
    return presentSdJwtVc({ sdJwt: stored.credential as string, disclose: options.disclose, holderPrivateKey: signerOf(key).key, nonce: options.nonce, aud: options.audience, iat: now });
  }
  const documentLoader = createDocumentLoader({ contexts: serviceContexts(stored.issuer, false), resolveDid: async (did) => didKeyDocument(did) });
  const derived = await deriveDisclosure({
    verifiableCredential: stored.credential as SignedCredential,
    selectivePointers: options.disclose.map((path) => `/credentialSubject/${path.split('.').map(escapePointer).join('/')}`),
    documentLoader,
  });
  return createPresentation({ derived, holderSigner: signerOf(key), challenge: options.nonce, domain: options.audience, documentLoader, now });
}

function isLoopbackHttp(offerUrl: string): boolean {
  const uri = new URL(offerUrl).searchParams.get('credential_offer_uri');
  if (!uri?.startsWith('http://')) return false;
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(uri).hostname);
}

function toOfferUrl(offer: string): string {
  if (offer.startsWith('openid-credential-offer://')) return offer;
  return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offer)}`;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
