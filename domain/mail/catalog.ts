import { defaultLocale, isLocale, locales, type Locale } from '../settings.js';

// What each template says outside its MJML body: the subject line and the plain-text part.
// Values in `{{name}}` slots are filled in by render.ts.

export const mailTemplates = [
  'registration',
  'accountLink',
  'officeLinkReminder',
  'officeLinkStalled',
  'agentDisconnected',
  'trialReminder',
  'hiringLink',
  'keyGraceReminder',
  'connectionApproval',
  'connectionInvitation',
  'passwordReset',
  'alertDigest',
] as const;
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
      text: 'Olá, {{name}}\n\nEste e-mail ({{email}}) já tem acesso à plataforma. Confirme com a senha da sua conta para vincular as contas:\n{{link}}\n\nNão lembra a senha? Redefina-a: {{forgotLink}}\n',
    },
    en: {
      subject: 'Link your account to {{officeName}}',
      text: 'Hello, {{name}}\n\nThis e-mail ({{email}}) already has access to the platform. Confirm with your account password to link the accounts:\n{{link}}\n\nForgot the password? Reset it: {{forgotLink}}\n',
    },
    fr: {
      subject: 'Liez votre compte au cabinet {{officeName}}',
      text: 'Bonjour {{name}},\n\nCette adresse ({{email}}) a déjà accès à la plateforme. Confirmez avec le mot de passe de votre compte pour lier les comptes :\n{{link}}\n\nMot de passe oublié ? Réinitialisez-le : {{forgotLink}}\n',
    },
  },
  officeLinkReminder: {
    'pt-BR': {
      subject: 'Lembrete: vincule sua conta ao escritório {{officeName}}',
      text: 'Olá, {{name}}\n\nO escritório {{officeName}} ainda aguarda o vínculo da sua conta da plataforma. Informe o e-mail e a senha da sua conta para concluir o vínculo. Se não lembrar a senha, redefina-a no portal: {{forgotLink}}\n',
    },
    en: {
      subject: 'Reminder: link your account to {{officeName}}',
      text: 'Hello, {{name}}\n\nThe office {{officeName}} is still waiting for your platform account to be linked. Give your account e-mail and password to finish the link. If you do not remember your password, reset it on the portal: {{forgotLink}}\n',
    },
    fr: {
      subject: 'Rappel : liez votre compte au cabinet {{officeName}}',
      text: 'Bonjour {{name}},\n\nLe cabinet {{officeName}} attend toujours la liaison de votre compte de la plateforme. Indiquez l’adresse et le mot de passe de votre compte pour terminer la liaison. Si vous avez oublié votre mot de passe, réinitialisez-le sur le portail : {{forgotLink}}\n',
    },
  },
  officeLinkStalled: {
    'pt-BR': {
      subject: '{{userName}} ainda não vinculou a conta ({{officeName}})',
      text: 'Olá, {{name}}\n\n{{userName}}, usuário do escritório {{officeName}}, ainda não vinculou a conta da plataforma, apesar dos lembretes. Sem o vínculo, o acesso dele será encerrado quando o prazo acabar.\n',
    },
    en: {
      subject: '{{userName}} has not linked an account yet ({{officeName}})',
      text: 'Hello, {{name}}\n\n{{userName}}, a user of the office {{officeName}}, has not linked a platform account yet despite the reminders. Without the link, the access ends when the deadline passes.\n',
    },
    fr: {
      subject: '{{userName}} n’a pas encore lié son compte ({{officeName}})',
      text: 'Bonjour {{name}},\n\n{{userName}}, utilisateur du cabinet {{officeName}}, n’a toujours pas lié son compte de la plateforme malgré les relances. Sans liaison, l’accès prendra fin à l’échéance.\n',
    },
  },
  agentDisconnected: {
    'pt-BR': {
      subject: 'O agente de comunicação de {{officeName}} está desconectado',
      text: 'Olá, {{name}}\n\nO agente de comunicação do escritório {{officeName}} está desconectado. Verifique se o computador onde ele roda está ligado e conectado à internet, e tente a conexão de novo.\n',
    },
    en: {
      subject: 'The communication agent of {{officeName}} is disconnected',
      text: 'Hello, {{name}}\n\nThe communication agent of the office {{officeName}} is disconnected. Check that the computer it runs on is on and connected to the internet, then try the connection again.\n',
    },
    fr: {
      subject: 'L’agent de communication de {{officeName}} est déconnecté',
      text: 'Bonjour {{name}},\n\nL’agent de communication du cabinet {{officeName}} est déconnecté. Vérifiez que l’ordinateur sur lequel il tourne est allumé et connecté à internet, puis réessayez la connexion.\n',
    },
  },
  trialReminder: {
    'pt-BR': {
      subject: 'O período de teste de {{companyName}} está terminando',
      text: 'Olá, {{name}}\n\nO período de teste de {{companyName}} com o escritório {{officeName}} termina em breve. Sem a confirmação do contrato, a conta será bloqueada. Veja a situação da conta:\n{{link}}\n',
    },
    en: {
      subject: 'The trial of {{companyName}} is ending',
      text: 'Hello, {{name}}\n\nThe trial of {{companyName}} with the office {{officeName}} ends soon. Unless the contract is confirmed, the account will be blocked. See the account:\n{{link}}\n',
    },
    fr: {
      subject: 'L’essai de {{companyName}} se termine',
      text: 'Bonjour {{name}},\n\nL’essai de {{companyName}} avec le cabinet {{officeName}} se termine bientôt. Sans confirmation du contrat, le compte sera bloqué. Voir le compte :\n{{link}}\n',
    },
  },
  hiringLink: {
    'pt-BR': {
      subject: '{{officeName}} convida você a contratar a plataforma',
      text: 'Olá,\n\nO escritório {{officeName}} enviou um link de contratação do plano {{planName}}. Cadastre a sua empresa:\n{{link}}\n',
    },
    en: {
      subject: '{{officeName}} invites you to sign up',
      text: 'Hello,\n\nThe office {{officeName}} sent you a hiring link for the plan {{planName}}. Sign your company up:\n{{link}}\n',
    },
    fr: {
      subject: '{{officeName}} vous invite à souscrire',
      text: 'Bonjour,\n\nLe cabinet {{officeName}} vous a envoyé un lien de souscription à l’offre {{planName}}. Inscrivez votre entreprise :\n{{link}}\n',
    },
  },
  keyGraceReminder: {
    'pt-BR': {
      subject: 'A chave de integração anterior de {{companyName}} vai parar de funcionar',
      text: 'Olá, {{name}}\n\nUma nova chave de integração foi gerada para {{companyName}}. A chave anterior para de funcionar em breve: atualize as suas aplicações.\n{{link}}\n',
    },
    en: {
      subject: 'The previous integration key of {{companyName}} stops working soon',
      text: 'Hello, {{name}}\n\nA new integration key was generated for {{companyName}}. The previous key stops working soon: update your applications.\n{{link}}\n',
    },
    fr: {
      subject: 'L’ancienne clé d’intégration de {{companyName}} va cesser de fonctionner',
      text: 'Bonjour {{name}},\n\nUne nouvelle clé d’intégration a été générée pour {{companyName}}. L’ancienne cesse bientôt de fonctionner : mettez à jour vos applications.\n{{link}}\n',
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
  passwordReset: {
    'pt-BR': {
      subject: 'Redefinir a senha da sua conta Vínculo',
      text: 'Olá,\n\nRecebemos um pedido para redefinir a senha da conta {{email}}. Escolha uma nova senha (o link vale até {{expiresAt}} UTC e só pode ser usado uma vez):\n{{link}}\n\nSe você não pediu, ignore este e-mail: a senha atual continua valendo.\n',
    },
    en: {
      subject: 'Reset the password of your Vínculo account',
      text: 'Hello,\n\nWe received a request to reset the password of the account {{email}}. Choose a new password (the link works until {{expiresAt}} UTC, once):\n{{link}}\n\nIf you did not ask for it, ignore this e-mail: your current password still works.\n',
    },
    fr: {
      subject: 'Réinitialiser le mot de passe de votre compte Vínculo',
      text: 'Bonjour,\n\nNous avons reçu une demande de réinitialisation du mot de passe du compte {{email}}. Choisissez un nouveau mot de passe (le lien fonctionne jusqu’au {{expiresAt}} UTC, une seule fois) :\n{{link}}\n\nSi vous ne l’avez pas demandé, ignorez cet e-mail : votre mot de passe actuel reste valable.\n',
    },
  },
  alertDigest: {
    'pt-BR': {
      subject: 'Vínculo: {{count}} processo(s) travado(s) ({{day}})',
      text: '{{count}} processo(s) travaram desde o último resumo e aguardam um operador:\n\n{{processes}}\n',
    },
    en: {
      subject: 'Vínculo: {{count}} stuck process(es) ({{day}})',
      text: '{{count}} process(es) became stuck since the last digest and wait for an operator:\n\n{{processes}}\n',
    },
    fr: {
      subject: 'Vínculo : {{count}} processus bloqué(s) ({{day}})',
      text: '{{count}} processus sont bloqués depuis le dernier résumé et attendent un opérateur :\n\n{{processes}}\n',
    },
  },
};
