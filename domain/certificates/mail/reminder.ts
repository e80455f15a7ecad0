import mjml2html from 'mjml';
import type { Locale } from '../../../machines/definition.js';

export interface ReminderValues {
  companyName: string;
  validUntil: string;
  daysLeft: number;
  link: string;
}

interface Wording {
  subject: (v: ReminderValues) => string;
  lead: (v: ReminderValues) => string;
  expired: (v: ReminderValues) => string;
  action: string;
}

const date = (iso: string, locale: Locale) =>
  new Date(iso).toLocaleDateString(locale, { timeZone: 'America/Sao_Paulo', dateStyle: 'long' });

const wording: Record<Locale, Wording> = {
  'pt-BR': {
    subject: (v) =>
      v.daysLeft > 0
        ? `Certificado digital de ${v.companyName} vence em ${v.daysLeft} dia(s)`
        : `Certificado digital de ${v.companyName} vencido`,
    lead: (v) =>
      `O certificado digital A1 de ${v.companyName} vence em ${date(v.validUntil, 'pt-BR')}. Envie o novo certificado para continuar emitindo notas fiscais.`,
    expired: (v) =>
      `O certificado digital A1 de ${v.companyName} venceu em ${date(v.validUntil, 'pt-BR')}: a emissão de notas está bloqueada até o envio de um novo certificado.`,
    action: 'Enviar certificado',
  },
  en: {
    subject: (v) =>
      v.daysLeft > 0
        ? `${v.companyName}'s digital certificate expires in ${v.daysLeft} day(s)`
        : `${v.companyName}'s digital certificate has expired`,
    lead: (v) =>
      `The A1 digital certificate of ${v.companyName} expires on ${date(v.validUntil, 'en')}. Upload the new certificate to keep issuing invoices.`,
    expired: (v) =>
      `The A1 digital certificate of ${v.companyName} expired on ${date(v.validUntil, 'en')}: invoicing is blocked until a new certificate is uploaded.`,
    action: 'Upload the certificate',
  },
  fr: {
    subject: (v) =>
      v.daysLeft > 0
        ? `Le certificat numérique de ${v.companyName} expire dans ${v.daysLeft} jour(s)`
        : `Le certificat numérique de ${v.companyName} a expiré`,
    lead: (v) =>
      `Le certificat numérique A1 de ${v.companyName} expire le ${date(v.validUntil, 'fr')}. Envoyez le nouveau certificat pour continuer à facturer.`,
    expired: (v) =>
      `Le certificat numérique A1 de ${v.companyName} a expiré le ${date(v.validUntil, 'fr')} : la facturation est bloquée jusqu’à l’envoi d’un nouveau certificat.`,
    action: 'Envoyer le certificat',
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The reminder e-mail in the recipient's language: subject, MJML-rendered HTML and plain text. */
export async function renderReminder(locale: Locale, v: ReminderValues) {
  const w = wording[locale];
  const subject = w.subject(v).replace(/[\r\n]+/g, ' ');
  const body = v.daysLeft > 0 ? w.lead(v) : w.expired(v);
  const source = `<mjml lang="${locale}"><mj-head><mj-title>${escapeHtml(subject)}</mj-title></mj-head><mj-body>
<mj-section><mj-column>
<mj-text font-size="16px">${escapeHtml(body)}</mj-text>
<mj-button href="${escapeHtml(v.link)}">${escapeHtml(w.action)}</mj-button>
</mj-column></mj-section></mj-body></mjml>`;
  const { html } = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
  return { subject, html, text: `${body}\n\n${w.action}: ${v.link}\n` };
}
