import { createP256Signer, p256DidKey } from '../identity/domain/p256-keys.js';
import { encodeJws } from '../identity/sd-jwt/domain/es256.js';
import type { WalletStore } from './wallet-store.js';

/**
 * Signs the holder in at the register (POST /holder/challenges, then /holder/sessions) with the
 * key of a W3C identity credential in the wallet: a short JWT over the service's challenge, `kid`
 * the key's did:key. Answers the bearer token for the holder's routes (disclosures, codes).
 */
export async function holderSession(store: WalletStore, serviceUrl: string, fetchImpl: typeof fetch = fetch, now = new Date()): Promise<string> {
  const stored = (await store.credentials()).filter((c) => c.format === 'ldp_vc').at(-1);
  if (!stored) throw new Error('the wallet holds no W3C identity credential to sign in with');
  const key = await store.key(stored.keyId);
  const { verificationMethodId } = p256DidKey(key.publicKeyMultibase);
  const challenge = await json(await fetchImpl(`${serviceUrl}/holder/challenges`, { method: 'POST' }));
  const signer = createP256Signer({ id: verificationMethodId, secretKeyMultibase: key.secretKeyMultibase });
  const proof = encodeJws(
    { alg: 'ES256', typ: 'JWT', kid: verificationMethodId },
    { nonce: challenge.challenge, aud: challenge.audience, iat: Math.floor(now.getTime() / 1000) },
    signer.key,
  );
  const session = await json(
    await fetchImpl(`${serviceUrl}/holder/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ proof }) }),
  );
  return `Bearer ${session.accessToken}`;
}

async function json(response: Response): Promise<Record<string, string>> {
  const body = (await response.json()) as Record<string, string>;
  if (!response.ok) throw new Error(`the register answered ${response.status}: ${body.detail ?? body.title ?? 'refused'}`);
  return body;
}

/** A holder route at the register, with a fresh session: what the wallet's `disclosures` and `codes` commands call. */
export async function holderCall(
  store: WalletStore,
  serviceUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  const authorization = await holderSession(store, serviceUrl, fetchImpl);
  const response = await fetchImpl(`${serviceUrl}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`the register answered ${response.status}: ${String(answer.detail ?? answer.title ?? 'refused')}`);
  return answer;
}
