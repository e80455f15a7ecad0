import type { MachineLabels } from './definition.js';

const l = (en: string, pt: string, fr: string) => ({ en, 'pt-BR': pt, fr });

/** Console wording for planChange, in the languages the console speaks. */
export const planChangeLabels: MachineLabels = {
  title: l('Plan change', 'Troca de plano', 'Changement de formule'),
  description: l(
    'An account changes plan, at once or at its next billing date.',
    'Uma conta troca de plano, na hora ou na próxima data de cobrança.',
    'Un compte change de formule, tout de suite ou à sa prochaine date de facturation.',
  ),
  stateLabels: {
    starting: l('Starting', 'Iniciando', 'Démarrage'),
    scheduled: l(
      'Waiting for the billing date',
      'Aguardando a data de cobrança',
      'En attente de la date de facturation',
    ),
    applying: l('Applying the new plan', 'Aplicando o novo plano', 'Application de la nouvelle formule'),
    applyFailed: l('Applying failed', 'Falha ao aplicar', 'Échec de l’application'),
    withdrawing: l('Withdrawing the change', 'Desfazendo a troca', 'Retrait du changement'),
    withdrawFailed: l('Withdrawing failed', 'Falha ao desfazer', 'Échec du retrait'),
    applied: l('New plan in effect', 'Novo plano em vigor', 'Nouvelle formule en vigueur'),
    cancelled: l('Change cancelled', 'Troca cancelada', 'Changement annulé'),
  },
  eventLabels: {
    APPLY_NOW: l('Apply now', 'Aplicar agora', 'Appliquer maintenant'),
    CANCEL: l('Cancel the change', 'Cancelar a troca', 'Annuler le changement'),
    RETRY: l('Retry', 'Tentar novamente', 'Réessayer'),
  },
};
