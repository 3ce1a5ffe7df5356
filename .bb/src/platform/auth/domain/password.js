import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
/**
 * scrypt (memory-hard, RFC 7914) with N=2^15, r=8: 32 MiB and ~0.1 s per hash on our machines.
 * The parameters travel inside the hash so that they can be raised without breaking old ones.
 */
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
function scryptAsync(password, salt, options) {
    return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) => err ? reject(err) : resolve(key)));
}
export async function hashPassword(password, params = DEFAULTS) {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, params);
    return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}
export async function verifyPassword(password, stored) {
    const [scheme, N, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || !expected)
        return false;
    const key = await scryptAsync(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
    const want = Buffer.from(expected, 'base64');
    return key.length === want.length && timingSafeEqual(key, want);
}
/** Returns what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password) {
    if (password.length < 12)
        return 'must be at least 12 characters';
    if (password.length > 128)
        return 'must be at most 128 characters';
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
    if (classes < 3)
        return 'must mix at least three of: lower case, upper case, digits, symbols';
    return null;
}
//# sourceMappingURL=password.js.map