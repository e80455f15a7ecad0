import type { MachineLabels } from './definition.js';

/** Console wording for clientHiring, in the languages the console speaks. */
export const clientHiringLabels: MachineLabels = {
  title: { en: 'Hiring link', 'pt-BR': 'Link de contratação', fr: 'Lien de souscription' },
  description: {
    en: 'An office sends a hiring link; reminders, expiry, or the client signs up and the account starts its trial.',
    'pt-BR':
      'O escritório envia um link de contratação; lembretes, expiração, ou o cliente se cadastra e a conta entra em teste.',
    fr: 'Un cabinet envoie un lien de souscription ; rappels, expiration, ou le client s’inscrit et le compte commence son essai.',
  },
  stateLabels: {
    sending: { en: 'Sending the link', 'pt-BR': 'Enviando o link', fr: 'Envoi du lien' },
    reminding: { en: 'Sending a reminder', 'pt-BR': 'Enviando um lembrete', fr: 'Envoi d’un rappel' },
    awaitingSignUp: {
      en: 'Waiting for the client to sign up',
      'pt-BR': 'Aguardando o cadastro do cliente',
      fr: 'En attente de l’inscription du client',
    },
    sendFailed: { en: 'Sending failed', 'pt-BR': 'Falha no envio', fr: 'Échec de l’envoi' },
    closing: { en: 'Closing the link', 'pt-BR': 'Encerrando o link', fr: 'Fermeture du lien' },
    closeFailed: { en: 'Closing failed', 'pt-BR': 'Falha ao encerrar', fr: 'Échec de la fermeture' },
    signedUp: { en: 'Signed up', 'pt-BR': 'Cadastrado', fr: 'Inscrit' },
    expired: { en: 'Expired', 'pt-BR': 'Expirado', fr: 'Expiré' },
    cancelled: { en: 'Cancelled', 'pt-BR': 'Cancelado', fr: 'Annulé' },
  },
  eventLabels: {
    RESEND_NOW: { en: 'Resend now', 'pt-BR': 'Reenviar agora', fr: 'Renvoyer maintenant' },
    EXTEND_DEADLINE: { en: 'Extend the deadline', 'pt-BR': 'Prorrogar o prazo', fr: 'Prolonger le délai' },
    CANCEL: { en: 'Cancel the link', 'pt-BR': 'Cancelar o link', fr: 'Annuler le lien' },
    SIGNED_UP: { en: 'Client signed up', 'pt-BR': 'Cliente cadastrado', fr: 'Client inscrit' },
  },
};
