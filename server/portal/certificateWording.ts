import type { Locale } from '../../machines/definition.js';

// What the portal's "Certificado digital" tab says. Plain text; the page escapes it.
const pt = {
  title: 'Certificado digital',
  company: 'Empresa',
  valid: 'Parabéns, certificado válido até {date}.',
  expiring: 'O certificado vence em {date}. Envie o novo antes disso para não parar de emitir notas.',
  missing: 'Esta empresa ainda não tem certificado digital. Envie o arquivo PFX (A1) e a sua senha.',
  expired: 'O certificado venceu em {date}: a emissão de notas está parada até o envio de um novo.',
  validating: 'O certificado enviado está sendo validado…',
  file: 'Arquivo PFX',
  password: 'Senha do arquivo PFX',
  send: 'Enviar certificado',
  sent: 'Certificado aceito: válido até {date}.',
  signIn: 'Entre no portal para ver o certificado das suas empresas.',
  toHome: 'Ir para o portal',
};

type Wording = typeof pt;

const en: Wording = {
  title: 'Digital certificate',
  company: 'Company',
  valid: 'Congratulations, certificate valid until {date}.',
  expiring: 'The certificate expires on {date}. Send the new one before then so invoicing does not stop.',
  missing: 'This company has no digital certificate yet. Send the PFX (A1) file and its password.',
  expired: 'The certificate expired on {date}: invoicing is stopped until a new one is sent.',
  validating: 'The certificate sent is being validated…',
  file: 'PFX file',
  password: 'Password of the PFX file',
  send: 'Send certificate',
  sent: 'Certificate accepted: valid until {date}.',
  signIn: 'Sign in to the portal to see your companies’ certificates.',
  toHome: 'Go to the portal',
};

const fr: Wording = {
  title: 'Certificat numérique',
  company: 'Entreprise',
  valid: 'Félicitations, certificat valable jusqu’au {date}.',
  expiring: 'Le certificat expire le {date}. Envoyez le nouveau avant pour ne pas arrêter la facturation.',
  missing: 'Cette entreprise n’a pas encore de certificat numérique. Envoyez le fichier PFX (A1) et son mot de passe.',
  expired: 'Le certificat a expiré le {date} : la facturation est arrêtée jusqu’à l’envoi d’un nouveau.',
  validating: 'Le certificat envoyé est en cours de validation…',
  file: 'Fichier PFX',
  password: 'Mot de passe du fichier PFX',
  send: 'Envoyer le certificat',
  sent: 'Certificat accepté : valable jusqu’au {date}.',
  signIn: 'Connectez-vous au portail pour voir les certificats de vos entreprises.',
  toHome: 'Aller au portail',
};

export const certificateWording: Record<Locale, Wording> = { 'pt-BR': pt, en, fr };
