import crypto from 'node:crypto';
import type { Response } from 'express';
import { escapeHtml } from '../../domain/mail/render.js';
import type { Locale } from '../../machines/definition.js';

// The hiring sign-up page: a form over POST /portal/api/hire, in the portal's three languages.

const wording = {
  'pt-BR': {
    title: 'Cadastrar sua empresa',
    intro: 'O escritório {office} convida a sua empresa para o plano {plan}. A conta começa em período de teste.',
    companyName: 'Nome da empresa',
    cnpj: 'CNPJ',
    contactName: 'Seu nome',
    adminEmail: 'E-mail do administrador',
    password: 'Senha (mínimo 8 caracteres)',
    submit: 'Cadastrar',
    done: 'Pronto! A conta da sua empresa está em teste. Entre no portal com o seu e-mail e senha.',
  },
  en: {
    title: 'Sign your company up',
    intro: 'The office {office} invites your company to the plan {plan}. The account starts with a trial.',
    companyName: 'Company name',
    cnpj: 'CNPJ',
    contactName: 'Your name',
    adminEmail: 'Admin e-mail',
    password: 'Password (at least 8 characters)',
    submit: 'Sign up',
    done: 'Done! Your company’s account is in trial. Sign in to the portal with your e-mail and password.',
  },
  fr: {
    title: 'Inscrire votre entreprise',
    intro: 'Le cabinet {office} invite votre entreprise à l’offre {plan}. Le compte commence par un essai.',
    companyName: 'Nom de l’entreprise',
    cnpj: 'CNPJ',
    contactName: 'Votre nom',
    adminEmail: 'E-mail de l’administrateur',
    password: 'Mot de passe (8 caractères au moins)',
    submit: 'S’inscrire',
    done: 'C’est fait ! Le compte de votre entreprise est en essai. Connectez-vous au portail avec votre e-mail et votre mot de passe.',
  },
} satisfies Record<Locale, Record<string, string>>;

const style = `body{font-family:Helvetica,Arial,sans-serif;background:#f4f6f8;color:#1f2933;margin:0}
main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1rem;background:#0b6e4f;color:#fff;border:0;border-radius:4px;cursor:pointer}
#message{margin-top:1rem}.error{color:#b42318}`;

const field = (id: string, label: string, type = 'text', auto = 'off') =>
  `<label for="${id}">${escapeHtml(label)}</label><input id="${id}" name="${id}" type="${type}" autocomplete="${auto}" required>`;

/** The form, or (status 400/410) the reason the link cannot be used. */
export function hiringPage(
  res: Response,
  locale: Locale,
  o: { officeName: string; planName: string } | { status: number; message: string },
) {
  const w = wording[locale];
  const nonce = crypto.randomBytes(16).toString('base64');
  const status = 'status' in o ? o.status : 200;
  const body =
    'status' in o
      ? `<p class="error">${escapeHtml(o.message)}</p>`
      : `<p>${escapeHtml(w.intro.replace('{office}', o.officeName).replace('{plan}', o.planName))}</p>
<form id="form">${field('companyName', w.companyName)}${field('cnpj', w.cnpj)}${field('contactName', w.contactName, 'text', 'name')}
${field('adminEmail', w.adminEmail, 'email', 'username')}${field('password', w.password, 'password', 'new-password')}
<button type="submit">${escapeHtml(w.submit)}</button></form>`;
  const script = `const message = document.getElementById('message');
document.getElementById('form').onsubmit = async (e) => {
  e.preventDefault();
  const body = Object.fromEntries(new FormData(e.target).entries());
  body.token = new URLSearchParams(location.search).get('token');
  const res = await fetch('/portal/api/hire', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  message.className = res.ok ? '' : 'error';
  message.textContent = res.ok ? ${JSON.stringify(w.done)} : (data.message || res.statusText);
  if (res.ok) e.target.remove();
};`;
  res
    .status(status)
    .setHeader('Content-Security-Policy', `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'`)
    .setHeader('Referrer-Policy', 'no-referrer')
    .setHeader('Cache-Control', 'no-store')
    .type('html')
    .send(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(w.title)} · Vínculo</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(w.title)}</h1>${body}<div id="message" role="status"></div></main>${
    'status' in o ? '' : `<script nonce="${nonce}">${script}</script>`
  }</body></html>`);
}
