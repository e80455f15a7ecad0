import { defaultLocale, isLocale, locales, type Locale } from '../settings.js';

// What each template says outside its MJML body: the subject line and the plain-text part.
// Values in `{{name}}` slots are filled in by render.ts.

export const mailTemplates = ['registration', 'accountLink', 'connectionApproval', 'connectionInvitation'] as const;
export type MailTemplate = (typeof mailTemplates)[number];
export const mailLocales: readonly Locale[] = locales;
export { defaultLocale };
export const isMailLocale = isLocale;

interface Wording {
  subject: string;
  text: string;
}

export const catalog: Record<MailTemplate, Record<Locale, Wording>> = {
  registration: {
    'pt-BR': {
      subject: 'Seu acesso ao portal de {{officeName}}',
      text: 'Olá, {{name}}\n\nO escritório {{officeName}} criou o seu acesso ao portal do cliente para {{companyName}}. Defina a sua senha:\n{{link}}\n',
    },
    en: {
      subject: 'Your portal access at {{officeName}}',
      text: 'Hello, {{name}}\n\nThe office {{officeName}} created your client portal access for {{companyName}}. Set your password:\n{{link}}\n',
    },
    fr: {
      subject: 'Votre accès au portail de {{officeName}}',
      text: 'Bonjour {{name}},\n\nLe cabinet {{officeName}} a créé votre accès au portail client pour {{companyName}}. Choisissez votre mot de passe :\n{{link}}\n',
    },
  },
  accountLink: {
    'pt-BR': {
      subject: 'Vincule sua conta ao escritório {{officeName}}',
      text: 'Olá, {{name}}\n\nEste e-mail ({{email}}) já tem acesso à plataforma. Confirme com a senha da sua conta para vincular as contas:\n{{link}}\n',
    },
    en: {
      subject: 'Link your account to {{officeName}}',
      text: 'Hello, {{name}}\n\nThis e-mail ({{email}}) already has access to the platform. Confirm with your account password to link the accounts:\n{{link}}\n',
    },
    fr: {
      subject: 'Liez votre compte au cabinet {{officeName}}',
      text: 'Bonjour {{name}},\n\nCette adresse ({{email}}) a déjà accès à la plateforme. Confirmez avec le mot de passe de votre compte pour lier les comptes :\n{{link}}\n',
    },
  },
  connectionApproval: {
    'pt-BR': {
      subject: '{{requester}} quer se conectar a {{target}}',
      text: 'Olá,\n\n{{requester}} quer conectar a conta com {{target}} no Vínculo.\nAprovar: {{approveLink}}\nRecusar: {{rejectLink}}\n',
    },
    en: {
      subject: '{{requester}} wants to connect with {{target}}',
      text: 'Hello,\n\n{{requester}} wants to connect its account with {{target}} on Vínculo.\nApprove: {{approveLink}}\nReject: {{rejectLink}}\n',
    },
    fr: {
      subject: '{{requester}} souhaite se connecter à {{target}}',
      text: 'Bonjour,\n\n{{requester}} souhaite connecter son compte à {{target}} sur Vínculo.\nApprouver : {{approveLink}}\nRefuser : {{rejectLink}}\n',
    },
  },
  connectionInvitation: {
    'pt-BR': {
      subject: '{{officeName}} convida {{companyName}} para o Vínculo',
      text: 'Olá,\n\nSeu contador {{officeName}} convida {{companyName}} para o Vínculo. Crie a sua conta:\n{{link}}\n',
    },
    en: {
      subject: '{{officeName}} invites {{companyName}} to Vínculo',
      text: 'Hello,\n\nYour accountant {{officeName}} invites {{companyName}} to Vínculo. Create your account:\n{{link}}\n',
    },
    fr: {
      subject: '{{officeName}} invite {{companyName}} sur Vínculo',
      text: 'Bonjour,\n\nVotre comptable {{officeName}} invite {{companyName}} sur Vínculo. Créez votre compte :\n{{link}}\n',
    },
  },
};
