import { HttpError, type AuthProvider } from 'react-admin';
import { apiUrl, httpClient, postJson } from './httpClient';
import type { Identity } from './types';

const STORAGE_KEY = 'vinculo.identity';

// The session itself lives in an HttpOnly cookie; this copy only spares a round trip per page.
function remember(identity: Identity | null) {
  if (identity) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  else sessionStorage.removeItem(STORAGE_KEY);
}

function remembered(): Identity | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  return raw ? (JSON.parse(raw) as Identity) : null;
}

async function fetchMe(): Promise<Identity> {
  const cached = remembered();
  if (cached) return cached;
  const { json } = await httpClient(`${apiUrl}/auth/me`);
  const identity = json as Identity;
  remember(identity);
  return identity;
}

const statusOf = (error: unknown) => (error instanceof HttpError ? error.status : undefined);

export const authProvider: AuthProvider = {
  async login({ username, email, password }: { username?: string; email?: string; password: string }) {
    const { json } = await postJson('/auth/login', { email: email ?? username, password });
    remember(json as Identity);
  },
  async logout() {
    const wasLoggedIn = remembered() !== null;
    remember(null);
    if (wasLoggedIn) await postJson('/auth/logout', {}).catch(() => undefined);
  },
  async checkAuth() {
    await fetchMe();
  },
  async checkError(error: unknown) {
    if (statusOf(error) === 401) {
      remember(null);
      throw new Error('ra.notification.logged_out');
    }
    // 403 means "not with this role": stay signed in and let the page show the refusal.
  },
  async getIdentity() {
    const me = await fetchMe();
    return { id: me.id, fullName: me.email ?? undefined, role: me.role };
  },
  async getPermissions() {
    const me = await fetchMe().catch(() => null);
    return me?.role;
  },
};
