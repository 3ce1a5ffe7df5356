import { chmod, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The wallet's files: one JSON file per holder key and per credential, in a folder only its
 * owner can read (0700 folder, 0600 files), written atomically (temporary file, then rename).
 */

export interface StoredKey {
  id: string;
  /** A P-256 key (Multikey): ES256 key binding for SD-JWT VC, and as a did:key (`zDn…`) for the W3C form. */
  publicKeyMultibase: string;
  secretKeyMultibase: string;
  createdAt: string;
}

export interface StoredCredential {
  id: string;
  format: 'dc+sd-jwt' | 'ldp_vc';
  configurationId: string;
  issuer: string;
  keyId: string;
  /** A compact SD-JWT (dc+sd-jwt) or the signed credential (ldp_vc). */
  credential: string | Record<string, unknown>;
  receivedAt: string;
  /** The relying systems (client ids) this copy was presented to over OpenID4VP. */
  usedWith?: string[];
}

export class WalletStore {
  constructor(readonly dir: string) {}

  async open(): Promise<this> {
    await mkdir(join(this.dir, 'keys'), { recursive: true, mode: 0o700 });
    await mkdir(join(this.dir, 'credentials'), { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    return this;
  }

  saveKey(key: StoredKey): Promise<void> {
    return this.write(join(this.dir, 'keys', `${key.id}.json`), key);
  }

  async key(id: string): Promise<StoredKey> {
    return this.read(join(this.dir, 'keys', `${safeId(id)}.json`));
  }

  saveCredential(credential: StoredCredential): Promise<void> {
    return this.write(join(this.dir, 'credentials', `${credential.id}.json`), credential);
  }

  async credential(id: string): Promise<StoredCredential> {
    return this.read(join(this.dir, 'credentials', `${safeId(id)}.json`));
  }

  async credentials(): Promise<StoredCredential[]> {
    const names = (await readdir(join(this.dir, 'credentials'))).filter((n) => n.endsWith('.json')).sort();
    const all = await Promise.all(names.map((n) => this.read<StoredCredential>(join(this.dir, 'credentials', n))));
    return all.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  }

  private async write(path: string, value: unknown): Promise<void> {
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(value, null, 2), { mode: 0o600 });
    await rename(temporary, path);
  }

  private async read<T>(path: string): Promise<T> {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  }
}

function safeId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error(`not a wallet id: ${JSON.stringify(id)}`);
  return id;
}
