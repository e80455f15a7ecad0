import crypto from 'node:crypto';
import type { Response } from 'express';
import { escapeHtml } from '../../domain/mail/render.js';
import type { Locale } from '../../machines/definition.js';
import { portalWording, type Wording } from './wording.js';

// Thin pages over the portal JSON API: a form, a few lines of script, no framework.

const style = `body{font-family:Helvetica,Arial,sans-serif;background:#f4f6f8;color:#1f2933;margin:0}
main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1rem;background:#0b6e4f;color:#fff;border:0;border-radius:4px;cursor:pointer}
#message{margin-top:1rem}.error{color:#b42318}li{margin:.4rem 0}`;

// Shared by the forms: posts JSON, shows the API's message on failure, the offices on success.
const clientScript = (w: Wording) => `
const t = ${JSON.stringify({ choose: w.choose, viewing: w.viewing, done: w.done })};
const message = document.getElementById('message');
function say(text, isError) { message.textContent = text; message.className = isError ? 'error' : ''; }
function showOffices(offices) {
  say(t.done, false);
  const list = document.createElement('ul');
  list.id = 'offices';
  const chosen = localStorage.getItem('vinculo.office');
  for (const o of offices) {
    const li = document.createElement('li');
    li.textContent = o.officeName + ' ';
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = o.officeId === chosen ? t.viewing : t.choose;
    b.dataset.officeId = o.officeId;
    b.onclick = () => { localStorage.setItem('vinculo.office', o.officeId); showOffices(offices); };
    li.appendChild(b);
    list.appendChild(li);
  }
  document.getElementById('offices')?.remove();
  message.after(list);
}
async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) { say(data.message || res.statusText, true); return undefined; }
  return data;
}`;

export function layout(res: Response, status: number, locale: Locale, title: string, body: string, script = '') {
  const nonce = crypto.randomBytes(16).toString('base64');
  res
    .status(status)
    .setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; frame-ancestors 'none'`,
    )
    .setHeader('Referrer-Policy', 'no-referrer') // the token is in the URL
    .setHeader('Cache-Control', 'no-store')
    .type('html')
    .send(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Vínculo</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}<div id="message" role="status"></div></main>${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`);
}

export function errorPage(res: Response, status: number, locale: Locale, detail: string) {
  const w = portalWording[locale];
  layout(
    res,
    status,
    locale,
    w.errorTitle,
    `<p>${escapeHtml(status === 400 ? w.forged : w.gone)}</p><p class="error">${escapeHtml(detail)}</p>`,
  );
}

export function registerPage(res: Response, locale: Locale, email: string) {
  const w = portalWording[locale];
  const body = `<p>${escapeHtml(w.registerIntro)}</p><p><strong>${escapeHtml(email)}</strong></p>
<form id="form"><label for="password">${escapeHtml(w.password)}</label><input id="password" type="password" autocomplete="new-password" minlength="8" required>
<label for="repeat">${escapeHtml(w.passwordRepeat)}</label><input id="repeat" type="password" autocomplete="new-password" minlength="8" required>
<button type="submit">${escapeHtml(w.submitRegister)}</button></form>`;
  const script = `${clientScript(w)}
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const password = document.getElementById('password').value;
  if (password !== document.getElementById('repeat').value) return say(${JSON.stringify(w.passwordsDiffer)}, true);
  const token = new URLSearchParams(location.search).get('token');
  const data = await post('/portal/api/register', { token, password });
  if (data) { document.getElementById('form').remove(); showOffices(data.offices); }
};`;
  layout(res, 200, locale, w.registerTitle, body, script);
}

export function linkPage(res: Response, locale: Locale, email: string) {
  const w = portalWording[locale];
  const body = `<p>${escapeHtml(w.linkIntro)}</p><p><strong>${escapeHtml(email)}</strong></p>
<form id="form"><label for="password">${escapeHtml(w.password)}</label><input id="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(w.submitLink)}</button></form>`;
  const script = `${clientScript(w)}
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const token = new URLSearchParams(location.search).get('token');
  const data = await post('/portal/api/link', { token, password: document.getElementById('password').value });
  if (data) { document.getElementById('form').remove(); showOffices(data.offices); }
};`;
  layout(res, 200, locale, w.linkTitle, body, script);
}

export function officesPage(res: Response, locale: Locale) {
  const w = portalWording[locale];
  const body = `<p>${escapeHtml(w.officesIntro)}</p>
<form id="form"><label for="email">${escapeHtml(w.email)}</label><input id="email" type="email" autocomplete="username" required>
<label for="password">${escapeHtml(w.password)}</label><input id="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(w.submitOffices)}</button></form>`;
  const script = `${clientScript(w)}
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const data = await post('/portal/api/offices', { email: document.getElementById('email').value, password: document.getElementById('password').value });
  if (data) showOffices(data.offices);
};`;
  layout(res, 200, locale, w.officesTitle, body, script);
}
