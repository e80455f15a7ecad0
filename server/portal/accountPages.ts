import type { Response } from 'express';
import { escapeHtml } from '../../domain/mail/render.js';
import type { Locale } from '../../machines/definition.js';
import { accountWording } from './accountWording.js';
import { certificateWording } from './certificateWording.js';
import { layout } from './pages.js';
import { portalScript } from './pageScript.js';

// The portal's account pages: the signed-in home with the office switcher, and the forgotten
// password. Thin pages over the JSON API in account.ts, a few lines of script each.

export function homePage(res: Response, locale: Locale) {
  const w = accountWording[locale];
  const body = `<nav id="bar" style="position:fixed;top:1rem;right:1rem;display:none;gap:.5rem;align-items:center">
<label for="office-switcher" style="margin:0">${escapeHtml(w.officeSwitcher)}</label>
<select id="office-switcher"></select><button id="sign-out" type="button" style="margin:0">${escapeHtml(w.signOut)}</button></nav>
<form id="sign-in" style="display:none"><p>${escapeHtml(w.signInIntro)}</p>
<label for="email">${escapeHtml(w.email)}</label><input id="email" type="email" autocomplete="username" required>
<label for="password">${escapeHtml(w.password)}</label><input id="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(w.signIn)}</button>
<p><a href="/portal/forgot">${escapeHtml(w.forgotLink)}</a></p></form>
<section id="home" style="display:none"><h2 id="office-name"></h2><p id="roles"></p>
<div id="staff" style="display:none"><p id="connection"></p><button id="reconnect" type="button">${escapeHtml(w.reconnect)}</button></div>
<h3>${escapeHtml(w.companies)}</h3><ul id="companies"></ul></section>`;
  const t = {
    roles: w.roles,
    connection: w.connection,
    noOffices: w.noOffices,
    noCompanies: w.noCompanies,
    certificate: certificateWording[locale].title,
    settings: w.accountSettings,
  };
  const script = `${portalScript}
const t = ${JSON.stringify(t)};
const el = (id) => document.getElementById(id);
function show(home) {
  el('sign-in').style.display = 'none';
  el('bar').style.display = 'flex';
  el('home').style.display = '';
  const select = el('office-switcher');
  select.replaceChildren(...home.offices.map((o) => {
    const option = document.createElement('option');
    option.value = o.officeId;
    option.textContent = o.officeName;
    return option;
  }));
  const s = home.selected;
  if (!s) { el('office-name').textContent = t.noOffices; el('roles').textContent = ''; el('companies').replaceChildren(); el('staff').style.display = 'none'; return; }
  select.value = s.officeId;
  el('home').dataset.officeId = s.officeId;
  el('office-name').textContent = s.officeName;
  el('roles').textContent = s.roles.map((r) => t.roles[r] || r).join(', ');
  const items = s.companies.map((c) => { const li = document.createElement('li'); const n = document.createElement('span'); n.className = 'company-name'; n.textContent = c.name; li.append(n, ' · '); li.dataset.companyId = c.id; const a = document.createElement('a'); a.href = '/portal/certificate?companyId=' + encodeURIComponent(c.id); a.textContent = t.certificate; const s = document.createElement('a'); s.href = '/portal/account?companyId=' + encodeURIComponent(c.id); s.textContent = t.settings; li.append(a, ' · ', s); return li; });
  if (!items.length) { const li = document.createElement('li'); li.textContent = t.noCompanies; items.push(li); }
  el('companies').replaceChildren(...items);
  el('staff').style.display = s.staffLink ? '' : 'none';
  if (s.staffLink) { el('connection').textContent = t.connection[s.staffLink.connection]; el('connection').dataset.connection = s.staffLink.connection; }
}
function signedOut() { el('sign-in').style.display = ''; el('bar').style.display = 'none'; el('home').style.display = 'none'; }
async function load() {
  const r = await call('GET', '/portal/api/session');
  if (r.ok) { say('', false); show(r.data); } else { signedOut(); if (r.status !== 401 || r.data.error === 'session_expired') say(r.data.message || '', true); }
}
el('sign-in').onsubmit = async (e) => {
  e.preventDefault();
  const r = await call('POST', '/portal/api/session', { email: el('email').value, password: el('password').value });
  if (!r.ok) return say(r.data.message || String(r.status), true);
  el('password').value = '';
  say('', false);
  show(r.data);
};
el('office-switcher').onchange = async (e) => {
  const r = await call('PUT', '/portal/api/session/office', { officeId: e.target.value });
  if (!r.ok) { say(r.data.message || String(r.status), true); return load(); }
  say('', false);
  show(r.data);
};
el('sign-out').onclick = async () => { await call('POST', '/portal/api/session/logout', {}); signedOut(); };
el('reconnect').onclick = async () => {
  const r = await call('POST', '/portal/api/reconnect', {});
  if (!r.ok) say(r.data.message || String(r.status), true);
  await load();
};
load();`;
  layout(res, 200, locale, w.homeTitle, body, script);
}

export function forgotPage(res: Response, locale: Locale) {
  const w = accountWording[locale];
  const body = `<p>${escapeHtml(w.forgotIntro)}</p>
<form id="form"><label for="email">${escapeHtml(w.email)}</label><input id="email" type="email" autocomplete="username" required>
<button type="submit">${escapeHtml(w.sendLink)}</button></form>`;
  const script = `${portalScript}
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const r = await call('POST', '/portal/api/password-reset', { email: document.getElementById('email').value, locale: ${JSON.stringify(locale)} });
  say(r.data.message || String(r.status), !r.ok);
};`;
  layout(res, 200, locale, w.forgotTitle, body, script);
}

export function resetPage(res: Response, locale: Locale) {
  const w = accountWording[locale];
  const body = `<p>${escapeHtml(w.resetIntro)}</p>
<form id="form"><label for="password">${escapeHtml(w.newPassword)}</label><input id="password" type="password" autocomplete="new-password" minlength="10" required>
<label for="repeat">${escapeHtml(w.passwordRepeat)}</label><input id="repeat" type="password" autocomplete="new-password" minlength="10" required>
<button type="submit">${escapeHtml(w.saveReset)}</button></form>
<p><a href="/portal/home">${escapeHtml(w.toHome)}</a></p>`;
  const script = `${portalScript}
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const password = document.getElementById('password').value;
  if (password !== document.getElementById('repeat').value) return say(${JSON.stringify(w.passwordsDiffer)}, true);
  const token = new URLSearchParams(location.search).get('token');
  const r = await call('POST', '/portal/api/password-reset/complete', { token, password });
  if (r.ok) document.getElementById('form').remove();
  say(r.data.message || String(r.status), !r.ok);
};`;
  layout(res, 200, locale, w.resetTitle, body, script);
}
