import type { MachineLabels } from './definition.js';

/** Console wording for clientUserOnboarding, in the languages the console speaks. */
export const clientUserOnboardingLabels: MachineLabels = {
  title: {
    en: 'Client user onboarding',
    'pt-BR': 'Cadastro de usuário de cliente',
    fr: 'Intégration d’un utilisateur client',
  },
  description: {
    en: 'Registration e-mail, or the placeholder procedure when the e-mail is already used at another office; timed resends and expiry.',
    'pt-BR':
      'E-mail de cadastro, ou o procedimento com e-mail provisório quando o e-mail já é usado em outro escritório; reenvios automáticos e expiração.',
    fr: 'E-mail d’inscription, ou la procédure avec adresse provisoire quand l’e-mail est déjà utilisé dans un autre cabinet ; relances et expiration.',
  },
  stateLabels: {
    checkingEmail: { en: 'Checking the e-mail', 'pt-BR': 'Verificando o e-mail', fr: 'Vérification de l’e-mail' },
    sendingRegistration: {
      en: 'Sending the registration e-mail',
      'pt-BR': 'Enviando o e-mail de cadastro',
      fr: 'Envoi de l’e-mail d’inscription',
    },
    registeringWithPlaceholder: {
      en: '1. Registering with a placeholder address',
      'pt-BR': '1. Cadastrando com e-mail provisório',
      fr: '1. Inscription avec une adresse provisoire',
    },
    correctingEmail: {
      en: '2. Correcting the e-mail',
      'pt-BR': '2. Corrigindo o e-mail',
      fr: '2. Correction de l’e-mail',
    },
    resendingRegistration: {
      en: '3. Resending the registration e-mail',
      'pt-BR': '3. Reenviando o e-mail de cadastro',
      fr: '3. Nouvel envoi de l’e-mail d’inscription',
    },
    awaitingRegistration: {
      en: 'Waiting for the user to register',
      'pt-BR': 'Aguardando o cadastro do usuário',
      fr: 'En attente de l’inscription',
    },
    awaitingLink: {
      en: '4. Waiting for the user to link the accounts',
      'pt-BR': '4. Aguardando o usuário vincular as contas',
      fr: '4. En attente de la liaison des comptes',
    },
    completingRegistration: {
      en: 'Completing the registration',
      'pt-BR': 'Concluindo o cadastro',
      fr: 'Finalisation de l’inscription',
    },
    linkingAccounts: { en: 'Linking the accounts', 'pt-BR': 'Vinculando as contas', fr: 'Liaison des comptes' },
    sendFailed: { en: 'Sending failed', 'pt-BR': 'Falha no envio', fr: 'Échec de l’envoi' },
    stepFailed: { en: 'A step failed', 'pt-BR': 'Uma etapa falhou', fr: 'Une étape a échoué' },
    closing: { en: 'Closing', 'pt-BR': 'Encerrando', fr: 'Clôture' },
    closeFailed: { en: 'Closing failed', 'pt-BR': 'Falha ao encerrar', fr: 'Échec de la clôture' },
    registered: { en: 'Registered', 'pt-BR': 'Cadastrado', fr: 'Inscrit' },
    linked: { en: '5. Linked', 'pt-BR': '5. Vinculado', fr: '5. Lié' },
    expired: { en: 'Expired', 'pt-BR': 'Expirado', fr: 'Expiré' },
    cancelled: { en: 'Cancelled', 'pt-BR': 'Cancelado', fr: 'Annulé' },
    deactivated: { en: 'Deactivated', 'pt-BR': 'Desativado', fr: 'Désactivé' },
  },
  eventLabels: {
    CORRECT_EMAIL: { en: 'Correct the e-mail', 'pt-BR': 'Corrigir o e-mail', fr: 'Corriger l’e-mail' },
    RESEND_NOW: { en: 'Resend now', 'pt-BR': 'Reenviar agora', fr: 'Renvoyer maintenant' },
    EXTEND_DEADLINE: { en: 'Extend the deadline', 'pt-BR': 'Prorrogar o prazo', fr: 'Prolonger le délai' },
    CANCEL: { en: 'Cancel', 'pt-BR': 'Cancelar', fr: 'Annuler' },
    DEACTIVATE: { en: 'User deactivated', 'pt-BR': 'Usuário desativado', fr: 'Utilisateur désactivé' },
    REGISTERED: { en: 'User registered', 'pt-BR': 'Usuário cadastrado', fr: 'Utilisateur inscrit' },
    ACCOUNT_LINK_CONFIRMED: {
      en: 'User confirmed the link',
      'pt-BR': 'Usuário confirmou o vínculo',
      fr: 'Liaison confirmée par l’utilisateur',
    },
    PASSWORD_RESET: {
      en: 'User reset the password',
      'pt-BR': 'Usuário redefiniu a senha',
      fr: 'Mot de passe réinitialisé par l’utilisateur',
    },
  },
};
