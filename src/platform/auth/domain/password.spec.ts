import { hashPassword, passwordProblem, verifyPassword } from './password.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Correct-Horse-9', FAST);
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('Correct-Horse-9', stored)).resolves.toBe(true);
    await expect(verifyPassword('Correct-Horse-8', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('Correct-Horse-9', FAST)).not.toEqual(await hashPassword('Correct-Horse-9', FAST));
  });

  it('refuses a stored value of an unknown scheme', async () => {
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });

  it.each([
    ['short-1A', false],
    ['alllowercaseletters', false],
    ['lowercase-and-1', true],
    ['Upper-and-lower', true],
    ['密码很长但是只有中文字符', false],
  ])('policy for %s: acceptable=%s', (pw, ok) => {
    expect(passwordProblem(pw) === null).toBe(ok);
  });
});
