import type { Response } from 'express';
import { escapeHtml } from '../../domain/mail/render.js';
import type { Locale } from '../../machines/definition.js';
import { certificateWording } from './certificateWording.js';
import { layout } from './pages.js';
import { portalScript } from './pageScript.js';
import { PORTAL_CSRF_HEADER } from './sessions.js';

/** "Certificado digital": the validity, or the upload form when the certificate is missing, expiring or expired. */
export function certificatePage(res: Response, locale: Locale) {
  const w = certificateWording[locale];
  const body = `<p id="company"></p><p id="status"></p>
<form id="upload" style="display:none" enctype="multipart/form-data">
<label for="file">${escapeHtml(w.file)}</label><input id="file" name="file" type="file" accept=".pfx,.p12" required>
<label for="password">${escapeHtml(w.password)}</label><input id="password" name="password" type="password" autocomplete="off" required>
<button type="submit">${escapeHtml(w.send)}</button></form>
<p id="sign-in" style="display:none">${escapeHtml(w.signIn)} <a href="/portal/home">${escapeHtml(w.toHome)}</a></p>`;
  const t = {
    company: w.company,
    valid: w.valid,
    expiring: w.expiring,
    missing: w.missing,
    expired: w.expired,
    validating: w.validating,
    sent: w.sent,
  };
  const script = `${portalScript}
const t = ${JSON.stringify(t)};
const el = (id) => document.getElementById(id);
const companyId = new URLSearchParams(location.search).get('companyId') || '';
const url = '/portal/api/companies/' + encodeURIComponent(companyId) + '/certificate';
const day = (iso) => new Date(iso).toLocaleDateString(${JSON.stringify(locale)});
function show(v) {
  el('company').textContent = t.company + ': ' + v.companyName + ' (' + v.cnpj + ')';
  const expired = v.invoicingBlocked || (v.validUntil && Date.parse(v.validUntil) <= Date.now());
  const expiring = !expired && v.state && /^(expiringSoon|reminding)/.test(v.state);
  const status = el('status');
  status.dataset.state = v.validating ? 'validating' : !v.validUntil ? 'missing' : expired ? 'expired' : expiring ? 'expiring' : 'valid';
  status.textContent = v.validating ? t.validating
    : !v.validUntil ? t.missing
    : (expired ? t.expired : expiring ? t.expiring : t.valid).replace('{date}', day(v.validUntil));
  el('upload').style.display = status.dataset.state === 'valid' || v.validating ? 'none' : '';
}
async function load() {
  const r = await call('GET', url);
  if (r.status === 401) { el('sign-in').style.display = ''; return; }
  if (!r.ok) return say(r.data.message || String(r.status), true);
  show(r.data);
}
el('upload').onsubmit = async (e) => {
  e.preventDefault();
  const form = new FormData();
  form.append('password', el('password').value);
  form.append('file', el('file').files[0]);
  const r = await fetch(url, { method: 'POST', headers: { ${JSON.stringify(PORTAL_CSRF_HEADER)}: csrf() }, body: form });
  const data = await r.json().catch(() => ({}));
  el('password').value = '';
  if (!r.ok) { say(data.message || String(r.status), true); return; }
  say(data.validUntil ? t.sent.replace('{date}', day(data.validUntil)) : t.validating, false);
  show(data);
};
load();`;
  layout(res, 200, locale, w.title, body, script);
}
