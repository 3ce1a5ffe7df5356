import type { paths } from '../api/schema';

type AddMaterial = paths['/requests/{id}/materials']['post']['requestBody']['content']['application/json'];
export type MediaType = AddMaterial['mediaType'];

/** A scanned form the user picked: its digest goes into the request, its bytes to the materials. */
export interface ScannedFile {
  fileName: string;
  mediaType: MediaType;
  size: number;
  sha256: string;
  contentBase64: string;
}

export const MAX_MATERIAL_BYTES = 5 * 1024 * 1024;
const ACCEPTED: Record<string, MediaType> = { 'application/pdf': 'application/pdf', 'image/jpeg': 'image/jpeg', 'image/png': 'image/png' };
export const ACCEPT = Object.keys(ACCEPTED).join(',');

export type ScanProblem = 'type' | 'size' | 'empty';

/** Reads a picked file: its SHA-256 (Web Crypto, in the browser) and base64; nothing is sent yet. */
export async function readScannedFile(file: File): Promise<ScannedFile | ScanProblem> {
  const mediaType = ACCEPTED[file.type];
  if (!mediaType) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_MATERIAL_BYTES) return 'size';
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { fileName: file.name, mediaType, size: file.size, sha256: hex(digest), contentBase64: base64(bytes) };
}

/** The material's body for POST /requests/{id}/materials (the digest is checked by the service). */
export function materialBody(file: ScannedFile): AddMaterial {
  return { fileName: file.fileName, mediaType: file.mediaType, contentBase64: file.contentBase64, sha256: file.sha256 };
}

export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
