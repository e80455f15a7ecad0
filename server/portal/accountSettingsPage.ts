import type { Response } from 'express';
import { escapeHtml } from '../../domain/mail/render.js';
import type { Locale } from '../../machines/definition.js';
import { layout } from './pages.js';
import { portalScript } from './pageScript.js';

// The company's settings on the portal, for its admin: the contract's status and plan, and a new
// integration key (shown once). Over the JSON API in officeAccounts.ts.
const wording = {
  'pt-BR': {
    title: 'Configurações da conta',
    status: 'Status do contrato',
    plan: 'Plano',
    key: 'Chave de integração',
    keyAge: 'gerada em {date}',
    noKey: 'nenhuma chave ainda',
    reason: 'Motivo',
    newKey: 'Gerar nova chave',
    keyOnce:
      'Copie a chave agora: ela só é mostrada desta vez. Aplicações que usam a chave anterior precisam ser atualizadas.',
    signIn: 'Entre no portal para ver as configurações da sua empresa.',
    toHome: 'Ir para o portal',
  },
  en: {
    title: 'Account settings',
    status: 'Contract status',
    plan: 'Plan',
    key: 'Integration key',
    keyAge: 'made on {date}',
    noKey: 'no key yet',
    reason: 'Reason',
    newKey: 'Generate a new key',
    keyOnce: 'Copy the key now: it is shown only this once. Applications using the previous key must be updated.',
    signIn: 'Sign in to the portal to see your company’s settings.',
    toHome: 'Go to the portal',
  },
  fr: {
    title: 'Paramètres du compte',
    status: 'Statut du contrat',
    plan: 'Formule',
    key: 'Clé d’intégration',
    keyAge: 'créée le {date}',
    noKey: 'pas encore de clé',
    reason: 'Motif',
    newKey: 'Générer une nouvelle clé',
    keyOnce:
      'Copiez la clé maintenant : elle n’est affichée qu’une fois. Les applications qui utilisent l’ancienne clé doivent être mises à jour.',
    signIn: 'Connectez-vous au portail pour voir les paramètres de votre entreprise.',
    toHome: 'Aller au portail',
  },
} satisfies Record<Locale, Record<string, string>>;

export function accountSettingsPage(res: Response, locale: Locale) {
  const w = wording[locale];
  const body = `<h2 id="company"></h2>
<p>${escapeHtml(w.status)}: <strong id="status"></strong></p>
<p>${escapeHtml(w.plan)}: <span id="plan"></span></p>
<p>${escapeHtml(w.key)}: <span id="key-age"></span></p>
<form id="rotate" style="display:none"><label for="reason">${escapeHtml(w.reason)}</label><input id="reason" required minlength="3">
<button type="submit">${escapeHtml(w.newKey)}</button></form>
<div id="new-key" style="display:none"><p>${escapeHtml(w.keyOnce)}</p><input id="key" readonly></div>
<p id="sign-in" style="display:none">${escapeHtml(w.signIn)} <a href="/portal/home">${escapeHtml(w.toHome)}</a></p>`;
  const script = `${portalScript}
const t = ${JSON.stringify({ keyAge: w.keyAge, noKey: w.noKey })};
const el = (id) => document.getElementById(id);
const companyId = new URLSearchParams(location.search).get('companyId') || '';
const base = '/portal/api/accounts/' + encodeURIComponent(companyId);
function show(a) {
  el('company').textContent = a.companyName;
  el('status').textContent = a.status;
  el('plan').textContent = a.planName;
  el('key-age').textContent = a.keyCreatedAt ? t.keyAge.replace('{date}', new Date(a.keyCreatedAt).toLocaleDateString(${JSON.stringify(locale)})) : t.noKey;
}
async function load() {
  const r = await call('GET', base + '/settings');
  if (r.status === 401) { el('sign-in').style.display = ''; return; }
  if (!r.ok) return say(r.data.why || r.data.message || String(r.status), true);
  show(r.data.account);
  el('rotate').style.display = '';
}
el('rotate').onsubmit = async (e) => {
  e.preventDefault();
  const r = await call('POST', base + '/keys', { reason: el('reason').value });
  if (!r.ok) return say(r.data.why || r.data.message || String(r.status), true);
  el('key').value = r.data.key;
  el('new-key').style.display = '';
  el('reason').value = '';
  say('', false);
  load();
};
load();`;
  layout(res, 200, locale, w.title, body, script);
}
