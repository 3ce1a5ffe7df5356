import { buildDidDocument } from './did-web.js';
import { p256DidKeyDocument } from './p256-keys.js';
/**
 * did:key for Ed25519 (`did:key:z6Mk…`) and P-256 (`did:key:zDn…`): the DID is its own
 * document, so it resolves offline. Any other key type is not found (null).
 */
const ED25519_DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{40,50})$/;
export function didKeyDocument(did) {
    const match = ED25519_DID_KEY.exec(did);
    if (!match)
        return p256DidKeyDocument(did);
    try {
        return buildDidDocument({ did, verificationMethods: [{ id: match[1], publicKeyMultibase: match[1], algorithm: 'Ed25519' }] });
    }
    catch {
        return null; // not a valid Ed25519 public key after all
    }
}
//# sourceMappingURL=did-key.js.map