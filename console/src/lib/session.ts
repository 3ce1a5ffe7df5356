import { reactive } from 'vue';
import { api } from '../api/client';
import type { paths } from '../api/schema';

type Me = paths['/auth/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['role'];

/** Who is signed in, as GET /auth/me says; the token itself stays in the HttpOnly cookie. */
export const session = reactive<{ me: Me | null; checked: boolean }>({ me: null, checked: false });

export async function loadSession(): Promise<Me | null> {
  const { data } = await api.GET('/auth/me');
  session.me = data ?? null;
  session.checked = true;
  return session.me;
}

export async function logout(): Promise<void> {
  await api.POST('/auth/logout');
  session.me = null;
}

export const isRegistrar = (role: Role | undefined) => role === 'school_registrar';
export const isAuthority = (role: Role | undefined) => role !== undefined && role !== 'school_registrar';

