import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config.js';
import { sealingKey } from '../identity/domain/secret-box.js';
import { IdNumberSealingThread } from './id-number-sealing-thread.js';
import { IdNumberVault } from './id-number-vault.js';

const items = Array.from({ length: 300 }, (_, i) => {
  const normalised = `33010620130501${String(1000 + i)}`;
  return { normalised, digest: '' };
});

describe('IdNumberVault.sealManyAside (sealing on its own thread)', () => {
  const vault = new IdNumberVault({ masterKey: randomBytes(32) } as AppConfig);
  for (const item of items) item.digest = vault.digest('resident_id', item.normalised);
  afterAll(() => vault.onApplicationShutdown());

  it('seals as sealMany does: each number opens under its own digest, each with its own IV', async () => {
    const [first, second] = await Promise.all([vault.sealManyAside(items), vault.sealManyAside(items.slice(0, 10))]);

    expect(first).toHaveLength(300);
    expect(first.map((hex, i) => vault.open(items[i].digest, Buffer.from(hex, 'hex')))).toEqual(items.map((i) => i.normalised));
    expect(second.map((hex, i) => vault.open(items[i].digest, Buffer.from(hex, 'hex')))).toEqual(items.slice(0, 10).map((i) => i.normalised));
    expect(new Set(first).size).toBe(300);
    expect(first.slice(0, 10)).not.toEqual(second);
    // Bound to its digest: under another person's it does not open.
    expect(() => vault.open(items[1].digest, Buffer.from(first[0], 'hex'))).toThrow('could not be opened');
  });

  it('seals on the main thread when the thread cannot', async () => {
    const thread = (vault as unknown as { sealingThread: IdNumberSealingThread }).sealingThread;
    const spy = jest.spyOn(thread, 'seal').mockRejectedValueOnce(new Error('lost'));
    const sealed = await vault.sealManyAside(items.slice(0, 3));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(sealed.map((hex, i) => vault.open(items[i].digest, Buffer.from(hex, 'hex')))).toEqual(items.slice(0, 3).map((i) => i.normalised));
  });
});

describe('IdNumberSealingThread', () => {
  it('answers a failure by its name only, and keeps serving', async () => {
    const good = sealingKey(randomBytes(32), 'xueji/test/v1');
    const thread = new IdNumberSealingThread({ masterKeyId: 'not hex', key: good.key });
    try {
      const failure = await thread.seal([{ digest: 'd'.repeat(64), normalised: '330106201305011234' }]).catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe('the sealing thread could not seal');
      expect((failure as Error).message).not.toContain('330106201305011234');
      await expect(thread.seal([{ digest: 'e'.repeat(64), normalised: 'x' }])).rejects.toThrow('could not seal');
      // What the packed request cannot carry is refused before it is sent.
      expect(() => thread.seal([{ digest: 'short', normalised: 'x' }])).toThrow(RangeError);
      expect(() => thread.seal([{ digest: 'e'.repeat(64), normalised: 'a\nb' }])).toThrow(RangeError);
    } finally {
      await thread.close();
    }
  });
});
