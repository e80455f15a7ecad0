import { fetchUtils } from 'react-admin';

export const apiUrl = '/api';

const CSRF_COOKIE = 'vinculo_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return found === undefined ? undefined : decodeURIComponent(found.slice(prefix.length));
}

/**
 * fetchJson with the session cookie and, on state-changing calls, the double-submit CSRF token
 * the server sets at login. Errors become HttpError whose message is the API's `message`.
 */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const method = (options.method ?? 'GET').toUpperCase();
  const csrf = readCookie(CSRF_COOKIE);
  if (!SAFE_METHODS.has(method) && csrf) headers.set('X-CSRF-Token', csrf);
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
}

/** JSON body helper for the custom endpoints. */
export function postJson(path: string, body: unknown) {
  return httpClient(`${apiUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
}
