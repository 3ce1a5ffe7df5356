import type { Role } from '../../organisations/domain/org-level.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AccessRefusal = 'PASSWORD_CHANGE_ONLY' | 'ROLE_NOT_ALLOWED' | 'REGISTRAR_NOT_FILED';

/**
 * Whether an authenticated caller may use a route, decided in one place for every route:
 * a password-change token reaches only the password change; the role must be listed; and a
 * school registrar acts on records only once filed (备案) and trained (第二十二条) — reads, and
 * the holder's own account (password, second factor, logout), stay open to it before that.
 */
export function accessRefusal(
  caller: { role: Role; registrarFiled: boolean; passwordChangeOnly: boolean },
  rule: { roles: readonly Role[]; ownAccount?: true; passwordChange?: true },
  method: string,
): AccessRefusal | null {
  if (caller.passwordChangeOnly && !rule.passwordChange) return 'PASSWORD_CHANGE_ONLY';
  if (!rule.roles.includes(caller.role)) return 'ROLE_NOT_ALLOWED';
  if (!caller.registrarFiled && !rule.ownAccount && !READS.has(method.toUpperCase())) return 'REGISTRAR_NOT_FILED';
  return null;
}
