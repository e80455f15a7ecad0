import type { MachineLabels } from './definition.js';

const l = (en: string, pt: string, fr: string) => ({ en, 'pt-BR': pt, fr });

/** Console wording for integrationKeyRotation, in the languages the console speaks. */
export const integrationKeyRotationLabels: MachineLabels = {
  title: l('Integration key rotation', 'Troca de chave de integração', 'Renouvellement de la clé d’intégration'),
  description: l(
    'A new key; the previous one works for a grace period, with a reminder to the admins, then is revoked.',
    'Uma nova chave; a anterior funciona durante um período de carência, com lembrete aos administradores, e depois é revogada.',
    'Une nouvelle clé ; l’ancienne fonctionne pendant un délai de grâce, avec un rappel aux administrateurs, puis est révoquée.',
  ),
  stateLabels: {
    starting: l('Starting', 'Iniciando', 'Démarrage'),
    inGrace: l('Old key in its grace period', 'Chave anterior em carência', 'Ancienne clé en délai de grâce'),
    remindingAdmins: l('Reminding the admins', 'Lembrando os administradores', 'Rappel aux administrateurs'),
    endingGrace: l('Grace period ending', 'Fim da carência', 'Fin du délai de grâce'),
    revoking: l('Revoking the old key', 'Revogando a chave anterior', 'Révocation de l’ancienne clé'),
    revokeFailed: l('Revoking failed', 'Falha ao revogar', 'Échec de la révocation'),
    revoked: l('Old key revoked', 'Chave anterior revogada', 'Ancienne clé révoquée'),
  },
  eventLabels: { REVOKE_NOW: l('Revoke the old key now', 'Revogar a chave anterior agora', 'Révoquer l’ancienne clé') },
};
