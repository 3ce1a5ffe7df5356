import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';

/**
 * Bitstring Status List (W3C) rules, pure. Every credential gets one index in a list pair:
 * the same index in the issuer's revocation list and in its suspension list.
 *
 * Privacy: indices are handed out in the order of a keyed pseudo-random permutation of a list of
 * 131,072 (the spec's recommended minimum for herd privacy; `index-permutation.ts`), and a list
 * is closed when half of it is handed out, so a verifier that fetches a list learns only that one
 * of tens of thousands of credentials is being checked, and nothing of when it was issued.
 */
export const STATUS_LIST_SIZE = 131_072;
export const STATUS_LIST_CAPACITY = STATUS_LIST_SIZE / 2;
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export function statusListUrl(publicUrl: string, listSeq: string | number, purpose: StatusPurpose): string {
  return `${publicUrl}/status-lists/${listSeq}/${purpose}`;
}

/** The list a URL names, when it is one of ours; null for anything else. */
export function parseStatusListUrl(publicUrl: string, url: string): { listSeq: string; purpose: StatusPurpose } | null {
  const prefix = `${publicUrl}/status-lists/`;
  if (!url.startsWith(prefix)) return null;
  const match = /^(\d{1,18})\/(revocation|suspension)$/.exec(url.slice(prefix.length));
  return match ? { listSeq: match[1], purpose: match[2] as StatusPurpose } : null;
}

export function statusEntries(publicUrl: string, listSeq: string | number, index: number): BitstringStatusListEntry[] {
  return STATUS_PURPOSES.map((statusPurpose) => {
    const statusListCredential = statusListUrl(publicUrl, listSeq, statusPurpose);
    return {
      id: `${statusListCredential}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose,
      statusListIndex: String(index),
      statusListCredential,
    };
  });
}

/** The unsigned BitstringStatusListCredential (VC 2.0) with the given indices set. */
export async function statusListCredential(options: {
  url: string;
  issuer: { id: string; name?: string };
  purpose: StatusPurpose;
  size: number;
  setIndices: Iterable<number>;
  now: Date;
}): Promise<Record<string, unknown> & { credentialSubject: { encodedList: string } }> {
  const list = await createList({ length: options.size });
  for (const index of options.setIndices) list.setStatus(index, true);
  const credential = await createCredential({ id: options.url, list, statusPurpose: options.purpose });
  return {
    ...credential,
    issuer: options.issuer.name ? { id: options.issuer.id, name: options.issuer.name } : options.issuer.id,
    validFrom: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** Transitions a status update may make. Revocation is final: the bit is never cleared. */
export function statusChangeProblem(purpose: StatusPurpose, current: { revoked: boolean; suspended: boolean }, value: boolean): string | null {
  if (current.revoked) return 'the credential is revoked; its status can no longer change';
  if (purpose === 'revocation' && !value) return 'a revocation cannot be undone';
  if (purpose === 'suspension' && current.suspended === value) {
    return value ? 'the credential is already suspended' : 'the credential is not suspended';
  }
  return null;
}
