import type { Label } from './definition.js';
import { officeUserLinkLabels } from './officeUserLink.labels.js';

/** Console wording for officeUserLink version 2: version 1's, plus reminders, expiry and connection health. */
export const officeUserLinkV2Labels = {
  ...officeUserLinkLabels,
  description: {
    en: 'Links an office user to a platform account (manager first, agent online, credentials verified), reminds and expires while credentials are awaited, then follows the office agent’s connection.',
    'pt-BR':
      'Vincula um usuário do escritório a uma conta da plataforma (gestor primeiro, agente online, credenciais verificadas), lembra e expira enquanto aguarda as credenciais, e depois acompanha a conexão do agente do escritório.',
    fr: 'Lie un utilisateur du cabinet à un compte de la plateforme (le gérant d’abord, agent en ligne, identifiants vérifiés), relance et expire pendant l’attente des identifiants, puis suit la connexion de l’agent du cabinet.',
  } satisfies Label,
  stateLabels: {
    ...officeUserLinkLabels.stateLabels,
    remindingOfficeUser: { en: 'Sending a reminder', 'pt-BR': 'Enviando um lembrete', fr: 'Envoi d’une relance' },
    reminderFailed: {
      en: 'The reminder could not be sent',
      'pt-BR': 'O lembrete não pôde ser enviado',
      fr: 'La relance n’a pas pu être envoyée',
    },
    'linked.connected': {
      en: 'Linked, agent connected',
      'pt-BR': 'Vinculado, agente conectado',
      fr: 'Lié, agent connecté',
    },
    'linked.checkingConnection': {
      en: 'Linked, checking the connection',
      'pt-BR': 'Vinculado, verificando a conexão',
      fr: 'Lié, vérification de la connexion',
    },
    'linked.disconnected': {
      en: 'Linked, agent disconnected',
      'pt-BR': 'Vinculado, agente desconectado',
      fr: 'Lié, agent déconnecté',
    },
    'linked.disconnected.waiting': { en: 'Disconnected', 'pt-BR': 'Desconectado', fr: 'Déconnecté' },
    'linked.disconnected.remindingManager': {
      en: 'Telling the manager',
      'pt-BR': 'Avisando o gestor',
      fr: 'Information du gérant',
    },
    'linked.disconnected.managerReminded': {
      en: 'Manager told',
      'pt-BR': 'Gestor avisado',
      fr: 'Gérant informé',
    },
    'linked.disconnected.noticeFailed': {
      en: 'The notice to the manager failed',
      'pt-BR': 'O aviso ao gestor falhou',
      fr: 'L’avis au gérant a échoué',
    },
    expired: { en: 'Expired', 'pt-BR': 'Expirado', fr: 'Expiré' },
    cancelled: { en: 'Cancelled', 'pt-BR': 'Cancelado', fr: 'Annulé' },
  } satisfies Record<string, Label>,
  eventLabels: {
    ...officeUserLinkLabels.eventLabels,
    RESEND_NOW: { en: 'Remind now', 'pt-BR': 'Lembrar agora', fr: 'Relancer maintenant' },
    EXTEND_DEADLINE: { en: 'Extend the deadline', 'pt-BR': 'Prorrogar o prazo', fr: 'Prolonger le délai' },
    CANCEL: { en: 'Cancel', 'pt-BR': 'Cancelar', fr: 'Annuler' },
    HEARTBEAT: { en: 'Agent heartbeat', 'pt-BR': 'Sinal do agente', fr: 'Signal de l’agent' },
    RECONNECT: { en: 'Try the connection again', 'pt-BR': 'Tentar a conexão de novo', fr: 'Réessayer la connexion' },
    PASSWORD_RESET: {
      en: 'User reset the password',
      'pt-BR': 'Usuário redefiniu a senha',
      fr: 'Mot de passe réinitialisé par l’utilisateur',
    },
  } satisfies Record<string, Label>,
};
