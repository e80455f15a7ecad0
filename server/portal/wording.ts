import type { Locale } from '../../machines/definition.js';

// What the portal pages say, per language. Values are plain text; pages.ts escapes them.
const pt = {
  registerTitle: 'Criar sua senha',
  registerIntro: 'Defina a senha do seu acesso ao portal do cliente.',
  linkTitle: 'Vincular contas',
  linkIntro:
    'Este e-mail já tem acesso à plataforma. Digite a senha da sua conta existente para vinculá-la a este escritório.',
  officesTitle: 'Seus escritórios',
  officesIntro: 'Entre com a sua conta para ver os escritórios a que você pertence e escolher qual visualizar.',
  email: 'E-mail',
  password: 'Senha',
  passwordRepeat: 'Repita a senha',
  passwordsDiffer: 'As senhas não coincidem.',
  submitRegister: 'Criar senha',
  submitLink: 'Vincular contas',
  submitOffices: 'Entrar',
  choose: 'Visualizar',
  viewing: 'Visualizando',
  done: 'Pronto! Você tem acesso a estes escritórios:',
  errorTitle: 'Link inválido',
  gone: 'Este link não pode mais ser usado. Peça um novo ao seu escritório.',
  forged: 'Este link não é válido. Abra o endereço exatamente como recebido no e-mail.',
};
type Wording = typeof pt;

const en: Wording = {
  registerTitle: 'Create your password',
  registerIntro: 'Set the password of your client portal access.',
  linkTitle: 'Link accounts',
  linkIntro:
    'This e-mail already has access to the platform. Type the password of your existing account to link it to this office.',
  officesTitle: 'Your offices',
  officesIntro: 'Sign in with your account to see the offices you belong to and choose which one to view.',
  email: 'E-mail',
  password: 'Password',
  passwordRepeat: 'Repeat the password',
  passwordsDiffer: 'The passwords differ.',
  submitRegister: 'Create password',
  submitLink: 'Link accounts',
  submitOffices: 'Sign in',
  choose: 'View',
  viewing: 'Viewing',
  done: 'Done! You have access to these offices:',
  errorTitle: 'Invalid link',
  gone: 'This link can no longer be used. Ask your office for a new one.',
  forged: 'This link is not valid. Open the address exactly as received in the e-mail.',
};

const fr: Wording = {
  registerTitle: 'Créer votre mot de passe',
  registerIntro: 'Choisissez le mot de passe de votre accès au portail client.',
  linkTitle: 'Lier les comptes',
  linkIntro:
    'Cette adresse a déjà accès à la plateforme. Saisissez le mot de passe de votre compte existant pour le lier à ce cabinet.',
  officesTitle: 'Vos cabinets',
  officesIntro: 'Connectez-vous pour voir les cabinets dont vous faites partie et choisir lequel afficher.',
  email: 'E-mail',
  password: 'Mot de passe',
  passwordRepeat: 'Répétez le mot de passe',
  passwordsDiffer: 'Les mots de passe diffèrent.',
  submitRegister: 'Créer le mot de passe',
  submitLink: 'Lier les comptes',
  submitOffices: 'Se connecter',
  choose: 'Afficher',
  viewing: 'Affiché',
  done: 'C’est fait ! Vous avez accès à ces cabinets :',
  errorTitle: 'Lien invalide',
  gone: 'Ce lien ne peut plus être utilisé. Demandez-en un nouveau à votre cabinet.',
  forged: 'Ce lien n’est pas valide. Ouvrez l’adresse exactement telle que reçue dans l’e-mail.',
};

export const portalWording: Record<Locale, Wording> = { 'pt-BR': pt, en, fr };
export type { Wording };

/** The page language: the user's own when known, else the browser's first supported one, else pt-BR. */
export function pickLocale(preferred: string | undefined, acceptLanguage: string | undefined): Locale {
  if (preferred === 'pt-BR' || preferred === 'en' || preferred === 'fr') return preferred;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('pt')) return 'pt-BR';
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('fr')) return 'fr';
  }
  return 'pt-BR';
}
