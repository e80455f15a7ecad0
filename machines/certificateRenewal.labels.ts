import type { MachineLabels } from './definition.js';

/** Console wording for certificateRenewal, in the languages the console speaks. */
export const certificateRenewalLabels: MachineLabels = {
  title: { en: 'Certificate renewal', 'pt-BR': 'Renovação do certificado digital', fr: 'Renouvellement du certificat' },
  description: {
    en: "Watches the company's A1 certificate: reminders before expiry, invoicing blocked once expired, each new certificate validated.",
    'pt-BR':
      'Acompanha o certificado A1 da empresa: lembretes antes do vencimento, emissão de notas bloqueada após o vencimento, cada novo certificado validado.',
    fr: 'Suit le certificat A1 de l’entreprise : rappels avant l’expiration, facturation bloquée une fois expiré, chaque nouveau certificat validé.',
  },
  stateLabels: {
    checking: { en: 'Reading the certificate', 'pt-BR': 'Lendo o certificado', fr: 'Lecture du certificat' },
    checkingRenewed: {
      en: 'Reading the new certificate',
      'pt-BR': 'Lendo o novo certificado',
      fr: 'Lecture du nouveau certificat',
    },
    missing: { en: 'No certificate', 'pt-BR': 'Sem certificado', fr: 'Aucun certificat' },
    valid: { en: 'Valid', 'pt-BR': 'Válido', fr: 'Valide' },
    expiringSoon: { en: 'Expiring soon', 'pt-BR': 'Vencendo em breve', fr: 'Expire bientôt' },
    reminding: { en: 'Sending a reminder', 'pt-BR': 'Enviando lembrete', fr: 'Envoi d’un rappel' },
    blockingInvoices: {
      en: 'Blocking invoicing',
      'pt-BR': 'Bloqueando a emissão de notas',
      fr: 'Blocage de la facturation',
    },
    expired: {
      en: 'Expired: cannot issue invoices',
      'pt-BR': 'Vencido: não pode emitir notas',
      fr: 'Expiré : facturation impossible',
    },
    validating: { en: 'Validating an upload', 'pt-BR': 'Validando o envio', fr: 'Validation de l’envoi' },
    planFailed: { en: 'Reading failed', 'pt-BR': 'Falha na leitura', fr: 'Échec de la lecture' },
    reminderFailed: { en: 'Reminder failed', 'pt-BR': 'Falha no lembrete', fr: 'Échec du rappel' },
    validationFailed: { en: 'Validation failed', 'pt-BR': 'Falha na validação', fr: 'Échec de la validation' },
    cancelled: { en: 'Cancelled', 'pt-BR': 'Cancelado', fr: 'Annulé' },
  },
  eventLabels: {
    UPLOADED: { en: 'Certificate uploaded', 'pt-BR': 'Certificado enviado', fr: 'Certificat envoyé' },
    RESEND_NOW: { en: 'Send a reminder now', 'pt-BR': 'Enviar lembrete agora', fr: 'Envoyer un rappel maintenant' },
    CANCEL: { en: 'Cancel', 'pt-BR': 'Cancelar', fr: 'Annuler' },
  },
};
