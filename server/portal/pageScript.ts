import { PORTAL_CSRF_COOKIE, PORTAL_CSRF_HEADER } from './sessions.js';

/**
 * What every signed-in portal page's script starts with: `say` shows a message, `csrf` reads the
 * session's CSRF cookie, `call` sends JSON with the CSRF header and answers {ok, status, data}.
 */
export const portalScript = `
const message = document.getElementById('message');
function say(text, isError) { message.textContent = text; message.className = isError ? 'error' : ''; }
function csrf() {
  const c = document.cookie.split('; ').find((p) => p.startsWith(${JSON.stringify(`${PORTAL_CSRF_COOKIE}=`)}));
  return c ? decodeURIComponent(c.slice(${PORTAL_CSRF_COOKIE.length + 1})) : '';
}
async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ${JSON.stringify(PORTAL_CSRF_HEADER)}: csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  return { ok: res.ok, status: res.status, data };
}`;
