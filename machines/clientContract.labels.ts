import type { MachineLabels } from './definition.js';

/** Console wording for clientContract, in the languages the console speaks. */
export const clientContractLabels: MachineLabels = {
  title: { en: 'Client contract', 'pt-BR': 'Contrato do cliente', fr: 'Contrat du client' },
  description: {
    en: 'Trial with reminders to the payer, then effective when confirmed or blocked when it ends; cancelled after a time blocked.',
    'pt-BR':
      'Teste com lembretes ao pagador, depois efetivado quando confirmado ou bloqueado ao fim do teste; cancelado após um tempo bloqueado.',
    fr: 'Essai avec rappels au payeur, puis effectif une fois confirmé ou bloqué à sa fin ; annulé après un temps bloqué.',
  },
  stateLabels: {
    recording: { en: 'Recording the status', 'pt-BR': 'Registrando a situação', fr: 'Enregistrement du statut' },
    trial: { en: 'Trial', 'pt-BR': 'Teste', fr: 'Essai' },
    remindingPayer: {
      en: 'Reminding the payer',
      'pt-BR': 'Lembrando o pagador',
      fr: 'Rappel au payeur',
    },
    effective: { en: 'Effective', 'pt-BR': 'Efetivado', fr: 'Effectif' },
    blocked: { en: 'Blocked', 'pt-BR': 'Bloqueado', fr: 'Bloqué' },
    recordFailed: {
      en: 'Recording the status failed',
      'pt-BR': 'Falha ao registrar a situação',
      fr: 'Échec de l’enregistrement du statut',
    },
    cancelled: { en: 'Cancelled', 'pt-BR': 'Cancelado', fr: 'Annulé' },
  },
  eventLabels: {
    CONFIRM: { en: 'Confirm the contract', 'pt-BR': 'Efetivar o contrato', fr: 'Confirmer le contrat' },
    BLOCK: { en: 'Block', 'pt-BR': 'Bloquear', fr: 'Bloquer' },
    UNBLOCK: { en: 'Unblock', 'pt-BR': 'Desbloquear', fr: 'Débloquer' },
    CANCEL: { en: 'Cancel the contract', 'pt-BR': 'Cancelar o contrato', fr: 'Annuler le contrat' },
    RETRY: { en: 'Retry', 'pt-BR': 'Tentar novamente', fr: 'Réessayer' },
  },
};
