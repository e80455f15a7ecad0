import type { Response } from 'express';
import { escapeHtml } from '../../domain/mail/render.js';
import type { Locale } from '../../machines/definition.js';
import { layout } from './pages.js';

// The connection request's portal pages: approve or reject (the link of the approval e-mail), and
// the account creation of an invited client (the link of the invitation). Thin forms over
// POST /portal/api/connection/{approve,reject,register}; nothing is decided by opening a link.

const wording = {
  'pt-BR': {
    decideTitle: 'Pedido de conexão',
    decideIntro: '{requester} quer conectar a conta com {target} no Vínculo.',
    accountantNote:
      'Aprovado, os usuários do escritório terão acesso aos dados da empresa como contador (sem as configurações).',
    reason: 'Motivo (opcional)',
    approve: 'Aprovar',
    reject: 'Recusar',
    approved: 'Pronto! A conexão foi aprovada.',
    rejected: 'O pedido foi recusado.',
    closedTitle: 'Este pedido não aguarda decisão',
    closed: 'Este pedido está {state}: não há nada a decidir.',
    registerTitle: 'Criar a conta da empresa',
    registerIntro: 'Seu contador {officeName} convida {companyName} para o Vínculo. Crie o seu acesso com este e-mail:',
    name: 'Seu nome',
    password: 'Senha',
    passwordRepeat: 'Repita a senha',
    passwordsDiffer: 'As senhas não coincidem.',
    submitRegister: 'Criar conta',
    registered: 'Pronto! Sua conta foi criada. Você receberá o pedido de conexão de {officeName} para aprovar.',
    recorded: 'Sua conta foi criada; o pedido de conexão chegará em instantes.',
  },
  en: {
    decideTitle: 'Connection request',
    decideIntro: '{requester} wants to connect its account with {target} on Vínculo.',
    accountantNote: "Once approved, the office's users see the company's data as its accountant (not its settings).",
    reason: 'Reason (optional)',
    approve: 'Approve',
    reject: 'Reject',
    approved: 'Done! The connection is approved.',
    rejected: 'The request is rejected.',
    closedTitle: 'This request awaits no decision',
    closed: 'This request is {state}: there is nothing to decide.',
    registerTitle: "Create the company's account",
    registerIntro:
      'Your accountant {officeName} invites {companyName} to Vínculo. Create your access with this e-mail:',
    name: 'Your name',
    password: 'Password',
    passwordRepeat: 'Repeat the password',
    passwordsDiffer: 'The passwords differ.',
    submitRegister: 'Create account',
    registered: 'Done! Your account is created. You will receive the connection request of {officeName} to approve.',
    recorded: 'Your account is created; the connection request will arrive in a moment.',
  },
  fr: {
    decideTitle: 'Demande de connexion',
    decideIntro: '{requester} souhaite connecter son compte à {target} sur Vínculo.',
    accountantNote:
      'Une fois approuvée, les utilisateurs du cabinet voient les données de l’entreprise comme son comptable (pas ses paramètres).',
    reason: 'Motif (facultatif)',
    approve: 'Approuver',
    reject: 'Refuser',
    approved: 'C’est fait ! La connexion est approuvée.',
    rejected: 'La demande est refusée.',
    closedTitle: 'Cette demande n’attend aucune décision',
    closed: 'Cette demande est {state} : il n’y a rien à décider.',
    registerTitle: 'Créer le compte de l’entreprise',
    registerIntro: 'Votre comptable {officeName} invite {companyName} sur Vínculo. Créez votre accès avec cet e-mail :',
    name: 'Votre nom',
    password: 'Mot de passe',
    passwordRepeat: 'Répétez le mot de passe',
    passwordsDiffer: 'Les mots de passe diffèrent.',
    submitRegister: 'Créer le compte',
    registered:
      'C’est fait ! Votre compte est créé. Vous recevrez la demande de connexion de {officeName} à approuver.',
    recorded: 'Votre compte est créé ; la demande de connexion arrivera dans un instant.',
  },
} satisfies Record<Locale, Record<string, string>>;

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

// Posts JSON; shows the API's message on failure. Same shape as the other portal pages' script.
const post = `const message = document.getElementById('message');
function say(text, isError) { message.textContent = text; message.className = isError ? 'error' : ''; }
const token = new URLSearchParams(location.search).get('token');
async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) { say(data.message || res.statusText, true); return undefined; }
  return data;
}`;

export interface DecisionView {
  requester: string;
  target: string;
  direction: 'officeToClient' | 'clientToOffice';
  /** The decision the e-mail's link chose: its button comes first and has the focus. */
  decision?: 'approve' | 'reject';
}

/** Approve or reject: the request in words and two buttons; the link chooses which has the focus. */
export function decisionPage(res: Response, locale: Locale, v: DecisionView) {
  const w = wording[locale];
  const buttons = [
    `<button type="button" id="approve" data-decision="approve">${escapeHtml(w.approve)}</button>`,
    `<button type="button" id="reject" data-decision="reject" style="background:#b42318">${escapeHtml(w.reject)}</button>`,
  ];
  if (v.decision === 'reject') buttons.reverse();
  const body = `<p>${escapeHtml(fill(w.decideIntro, { requester: v.requester, target: v.target }))}</p>
<p>${escapeHtml(w.accountantNote)}</p>
<form id="form"><label for="reason">${escapeHtml(w.reason)}</label><input id="reason" maxlength="1000">
<p>${buttons.join(' ')}</p></form>`;
  const script = `${post}
const done = ${JSON.stringify({ approve: w.approved, reject: w.rejected })};
document.getElementById(${JSON.stringify(v.decision ?? 'approve')}).focus();
for (const b of document.querySelectorAll('button[data-decision]')) {
  b.onclick = async () => {
    const decision = b.dataset.decision;
    const reason = document.getElementById('reason').value.trim();
    const data = await post('/portal/api/connection/' + decision, reason && decision === 'reject' ? { token, reason } : { token });
    if (data) { document.getElementById('form').remove(); say(done[decision], false); }
  };
}`;
  layout(res, 200, locale, w.decideTitle, body, script);
}

/** The request no longer waits for a decision (or an account): said plainly, with its state. */
export function closedPage(res: Response, locale: Locale, state: string) {
  const w = wording[locale];
  layout(res, 409, locale, w.closedTitle, `<p class="error">${escapeHtml(fill(w.closed, { state }))}</p>`);
}

/** The invited client's account: name and password, for the e-mail the invitation was sent to. */
export function connectionRegisterPage(
  res: Response,
  locale: Locale,
  v: { email: string; officeName: string; companyName: string },
) {
  const w = wording[locale];
  const body = `<p>${escapeHtml(fill(w.registerIntro, v))}</p><p><strong>${escapeHtml(v.email)}</strong></p>
<form id="form"><label for="name">${escapeHtml(w.name)}</label><input id="name" autocomplete="name" maxlength="200" required>
<label for="password">${escapeHtml(w.password)}</label><input id="password" type="password" autocomplete="new-password" minlength="8" required>
<label for="repeat">${escapeHtml(w.passwordRepeat)}</label><input id="repeat" type="password" autocomplete="new-password" minlength="8" required>
<button type="submit">${escapeHtml(w.submitRegister)}</button></form>`;
  const script = `${post}
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const password = document.getElementById('password').value;
  if (password !== document.getElementById('repeat').value) return say(${JSON.stringify(w.passwordsDiffer)}, true);
  const data = await post('/portal/api/connection/register', { token, name: document.getElementById('name').value, password });
  if (data) { document.getElementById('form').remove(); say(data.recorded ? ${JSON.stringify(w.recorded)} : ${JSON.stringify(
    fill(w.registered, { officeName: v.officeName }),
  )}, false); }
};`;
  layout(res, 200, locale, w.registerTitle, body, script);
}
