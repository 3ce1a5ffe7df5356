import type { StoredCredential } from './wallet-store.js';

/**
 * Which copy of the credential to present to a relying system (docs/identity.md, "How two
 * relying systems could link a student"): the copy already shown to it, else one shown to nobody,
 * so that two relying systems never see the same holder key, issuer signature or status index.
 * When every copy of the format has gone to others, the least used one is chosen and the answer
 * says it is linkable, so that the holder can ask the school for a new offer instead. Pure.
 */
export function chooseCopy(
  credentials: readonly StoredCredential[],
  format: StoredCredential['format'],
  relyingSystem: string | null,
): { credential: StoredCredential; linkable: boolean } | null {
  const copies = credentials.filter((c) => c.format === format);
  if (copies.length === 0) return null;
  const used = (c: StoredCredential) => c.usedWith ?? [];
  const own = relyingSystem ? copies.find((c) => used(c).includes(relyingSystem)) : undefined;
  if (own) return { credential: own, linkable: used(own).length > 1 };
  const fresh = copies.find((c) => used(c).length === 0);
  if (fresh) return { credential: fresh, linkable: false };
  const least = [...copies].sort((a, b) => used(a).length - used(b).length)[0];
  return { credential: least, linkable: true };
}
