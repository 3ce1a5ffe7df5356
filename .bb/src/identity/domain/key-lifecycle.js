/**
 * Rules of an issuer key's life after a compromise. A key revoked with a compromise time T stays
 * in its DID document with `revoked: T` and in no verification relationship, so no verifier
 * takes its signatures as current. Proofs it made before T may still count, but `proof.created`
 * is written by whoever signs, and whoever holds the key can backdate it: so a proof counts only
 * when the register itself vouches that it made that very proof before T.
 */
/** Seconds of clock difference tolerated when an authority reports a compromise "now". */
const FUTURE_TOLERANCE_MS = 60_000;
export function compromiseTimeProblem(compromisedAt, now) {
    if (Number.isNaN(compromisedAt.getTime()))
        return 'compromisedAt is not a date-time';
    if (compromisedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
        return `compromisedAt (${compromisedAt.toISOString()}) is in the future; a compromise is reported once it happened`;
    }
    return null;
}
export function revokedKeyVerdict(proof) {
    const revokedAt = Date.parse(proof.revoked);
    const refused = (why) => ({
        accepted: false,
        detail: `Signed with key ${proof.methodId}, revoked after compromise at ${proof.revoked}: ${why}.`,
    });
    if (Number.isNaN(revokedAt))
        return refused('the revocation time is not a date-time');
    if (typeof proof.created !== 'string' || Number.isNaN(Date.parse(proof.created)))
        return refused('the proof carries no creation time');
    if (Date.parse(proof.created) >= revokedAt)
        return refused(`the proof was made at ${proof.created}, after the compromise`);
    if (!proof.recordedBefore) {
        return refused(`the proof claims ${proof.created}, but the register holds no record of it made before the compromise`);
    }
    return {
        accepted: true,
        detail: `Signed at ${proof.created} with key ${proof.methodId}, before its compromise at ${proof.revoked}, as the register records.`,
    };
}
//# sourceMappingURL=key-lifecycle.js.map