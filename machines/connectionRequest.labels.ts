import type { MachineLabels } from './definition.js';

/** Console wording for connectionRequest, in the languages the console speaks. */
export const connectionRequestLabels: MachineLabels = {
  title: { en: 'Connection request', 'pt-BR': 'Solicitação de conexão', fr: 'Demande de connexion' },
  description: {
    en: 'An office and a client company connect their accounts, in either direction: invitation when the client has no account, approval by the other side with reminders and expiry, then the connection until revoked.',
    'pt-BR':
      'Um escritório e uma empresa cliente conectam suas contas, em qualquer direção: convite quando o cliente não tem conta, aprovação pelo outro lado com lembretes e expiração, depois a conexão até ser revogada.',
    fr: 'Un cabinet et une entreprise cliente connectent leurs comptes, dans un sens ou dans l’autre : invitation si le client n’a pas de compte, approbation par l’autre partie avec relances et expiration, puis la connexion jusqu’à sa révocation.',
  },
  stateLabels: {
    classifying: { en: 'Checking the request', 'pt-BR': 'Verificando a solicitação', fr: 'Vérification de la demande' },
    inviting: { en: 'Inviting the client', 'pt-BR': 'Convidando o cliente', fr: 'Invitation du client' },
    awaitingAccount: {
      en: 'Waiting for the client to create the account',
      'pt-BR': 'Aguardando o cliente criar a conta',
      fr: 'En attente de la création du compte',
    },
    awaitingOfficeMatch: {
      en: 'Waiting for an office with this e-mail',
      'pt-BR': 'Aguardando um escritório com este e-mail',
      fr: 'En attente d’un cabinet avec cet e-mail',
    },
    requestingApproval: {
      en: 'Sending the approval request',
      'pt-BR': 'Enviando o pedido de aprovação',
      fr: 'Envoi de la demande d’approbation',
    },
    awaitingApproval: { en: 'Awaiting approval', 'pt-BR': 'Aguardando aprovação', fr: 'En attente d’approbation' },
    approving: { en: 'Approving', 'pt-BR': 'Aprovando', fr: 'Approbation' },
    active: { en: 'Connected', 'pt-BR': 'Conectado', fr: 'Connecté' },
    revoking: { en: 'Revoking', 'pt-BR': 'Revogando', fr: 'Révocation' },
    revokeFailed: { en: 'Revocation failed', 'pt-BR': 'Falha ao revogar', fr: 'Échec de la révocation' },
    sendFailed: { en: 'Sending failed', 'pt-BR': 'Falha no envio', fr: 'Échec de l’envoi' },
    stepFailed: { en: 'A step failed', 'pt-BR': 'Uma etapa falhou', fr: 'Une étape a échoué' },
    closing: { en: 'Closing', 'pt-BR': 'Encerrando', fr: 'Clôture' },
    closeFailed: { en: 'Closing failed', 'pt-BR': 'Falha ao encerrar', fr: 'Échec de la clôture' },
    revoked: { en: 'Revoked', 'pt-BR': 'Revogado', fr: 'Révoqué' },
    rejected: { en: 'Rejected', 'pt-BR': 'Recusado', fr: 'Refusé' },
    expired: { en: 'Expired', 'pt-BR': 'Expirado', fr: 'Expiré' },
    cancelled: { en: 'Cancelled', 'pt-BR': 'Cancelado', fr: 'Annulé' },
  },
  eventLabels: {
    RESEND_NOW: { en: 'Resend now', 'pt-BR': 'Reenviar agora', fr: 'Renvoyer maintenant' },
    EXTEND_DEADLINE: { en: 'Extend the deadline', 'pt-BR': 'Prorrogar o prazo', fr: 'Prolonger le délai' },
    CANCEL: { en: 'Cancel', 'pt-BR': 'Cancelar', fr: 'Annuler' },
    ACCOUNT_CREATED: { en: 'Client created the account', 'pt-BR': 'Cliente criou a conta', fr: 'Compte créé' },
    OFFICE_MATCHED: { en: 'Office found', 'pt-BR': 'Escritório encontrado', fr: 'Cabinet trouvé' },
    UNMATCHED: {
      en: 'Linked e-mail removed',
      'pt-BR': 'E-mail vinculado removido',
      fr: 'E-mail lié retiré',
    },
    APPROVE: { en: 'Approved', 'pt-BR': 'Aprovado', fr: 'Approuvé' },
    REJECT: { en: 'Rejected', 'pt-BR': 'Recusado', fr: 'Refusé' },
    REVOKE: { en: 'Revoked', 'pt-BR': 'Revogado', fr: 'Révoqué' },
  },
};
