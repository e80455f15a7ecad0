import type { MachineLabels } from './definition.js';

/** Console wording for officeUserLink, in the languages the console speaks. */
export const officeUserLinkLabels: MachineLabels = {
  title: {
    en: 'Office user link',
    'pt-BR': 'Vínculo de usuário do escritório',
    fr: 'Liaison d’un utilisateur du cabinet',
  },
  description: {
    en: 'Links an office user to a platform account: manager first, communication agent online, credentials verified.',
    'pt-BR':
      'Vincula um usuário do escritório a uma conta da plataforma: gestor primeiro, agente de comunicação online, credenciais verificadas.',
    fr: 'Lie un utilisateur du cabinet à un compte de la plateforme : le gérant d’abord, agent de communication en ligne, identifiants vérifiés.',
  },
  stateLabels: {
    checking: {
      en: 'Checking the prerequisites',
      'pt-BR': 'Verificando os pré-requisitos',
      fr: 'Vérification des prérequis',
    },
    awaitingManager: {
      en: 'Waiting for the manager to be linked',
      'pt-BR': 'Aguardando o vínculo do gestor',
      fr: 'En attente de la liaison du gérant',
    },
    awaitingAgent: {
      en: 'Waiting for the communication agent',
      'pt-BR': 'Aguardando o agente de comunicação',
      fr: 'En attente de l’agent de communication',
    },
    awaitingCredentials: {
      en: 'Waiting for the account credentials',
      'pt-BR': 'Aguardando as credenciais da conta',
      fr: 'En attente des identifiants du compte',
    },
    credentialsRejected: { en: 'Credentials rejected', 'pt-BR': 'Credenciais recusadas', fr: 'Identifiants refusés' },
    linking: { en: 'Linking', 'pt-BR': 'Vinculando', fr: 'Liaison en cours' },
    linked: { en: 'Linked', 'pt-BR': 'Vinculado', fr: 'Lié' },
    stepFailed: { en: 'A step failed', 'pt-BR': 'Uma etapa falhou', fr: 'Une étape a échoué' },
    unlinking: { en: 'Unlinking', 'pt-BR': 'Desvinculando', fr: 'Suppression de la liaison' },
    deactivated: { en: 'Deactivated', 'pt-BR': 'Desativado', fr: 'Désactivé' },
  },
  eventLabels: {
    RECHECK: { en: 'Check again now', 'pt-BR': 'Verificar de novo agora', fr: 'Revérifier maintenant' },
    MANAGER_LINKED: { en: 'Manager linked', 'pt-BR': 'Gestor vinculado', fr: 'Gérant lié' },
    AGENT_ONLINE: { en: 'Agent online', 'pt-BR': 'Agente online', fr: 'Agent en ligne' },
    CREDENTIALS_VERIFIED: {
      en: 'Credentials verified',
      'pt-BR': 'Credenciais verificadas',
      fr: 'Identifiants vérifiés',
    },
    CREDENTIALS_REJECTED: { en: 'Credentials rejected', 'pt-BR': 'Credenciais recusadas', fr: 'Identifiants refusés' },
    DEACTIVATE: { en: 'User deactivated', 'pt-BR': 'Usuário desativado', fr: 'Utilisateur désactivé' },
  },
};
