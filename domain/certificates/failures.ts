/** Why an uploaded certificate was refused: a stable code for programs and a sentence for people. */
export const certificateFailures = {
  empty_file: 'The file is empty.',
  pem_not_pfx:
    'This is a PEM text file (-----BEGIN …), not a PFX. Export the certificate with its private key as a .pfx/.p12 file.',
  truncated_file: 'The PFX file is incomplete (it ends before its declared length); upload the whole file again.',
  not_pkcs12: 'The file is not a PKCS#12 (PFX/P12) container.',
  password_required: 'The password of the PFX file is required.',
  wrong_password: 'The password does not open this PFX file.',
  unsupported_pfx: 'This PFX uses an encryption this service cannot read.',
  no_certificate: 'The PFX file holds no certificate.',
  no_private_key: 'The PFX file holds a certificate but no private key; export it again with its private key.',
  several_private_keys: 'The PFX file holds more than one private key; it must hold exactly one.',
  key_mismatch: 'The private key in the PFX file does not belong to its certificate.',
  not_yet_valid: 'The certificate is not valid yet.',
  expired: 'The certificate has expired.',
  cnpj_missing: 'The certificate carries no CNPJ (neither in the ICP-Brasil otherName nor after the colon in the CN).',
  cnpj_mismatch: "The certificate's CNPJ is not the company's CNPJ.",
} as const;

export type CertificateFailureCode = keyof typeof certificateFailures;

/** A refusal of a PFX file; its message never quotes the file or the password. */
export class CertificateRejected extends Error {
  constructor(
    readonly code: CertificateFailureCode,
    detail?: string,
  ) {
    super(detail ? `${certificateFailures[code]} ${detail}` : certificateFailures[code]);
    this.name = 'CertificateRejected';
  }
}
