import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';
import type { TestApp } from './test-app.js';

/** A registered relying system as the tests hold it: its client id and its private signing key. */
export interface RelyingSystem {
  clientId: string;
  key: CryptoKey;
}

/**
 * A relying system's access token (第二十四条 sharing): a client-credentials grant with a signed
 * client assertion (RFC 7523) addressed to `${base}/sharing/token`, answered 200.
 */
export async function relyingSystemToken(t: TestApp, base: string, system: RelyingSystem, kid = 'k1'): Promise<string> {
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(system.clientId)
    .setSubject(system.clientId)
    .setAudience(`${base}/sharing/token`)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(system.key);
  const res = await t.http
    .post('/sharing/token')
    .type('form')
    .send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion })
    .expect(200);
  return `Bearer ${res.body.access_token}`;
}
