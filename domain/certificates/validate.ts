import forge from 'node-forge';
import { CertificateRejected } from './failures.js';
import { openPfx } from './pfx.js';

/** ICP-Brasil: the holder company's CNPJ in the subject alternative name (DOC-ICP-04). */
export const ICP_BRASIL_CNPJ_OID = '2.16.76.1.3.3';

/** What is shown of a certificate that passed: nothing secret, nothing that opens it. */
export interface CertificateSummary {
  subject: string;
  cnpj: string;
  /** Where the CNPJ was read: the ICP-Brasil otherName or the CN. */
  cnpjSource: 'otherName' | 'commonName';
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validUntil: string;
  /** SHA-256 of the certificate's DER, upper-case hex pairs joined by ':'. */
  sha256Fingerprint: string;
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

function distinguishedName(name: forge.pki.Certificate['subject']): string {
  return name.attributes.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
}

interface AltName {
  type: number;
  value?: unknown;
}

/** The otherName's value: [0] EXPLICIT holding a string type; ICP-Brasil issuers use OCTET or PrintableString. */
function otherNameValue(parts: forge.asn1.Asn1[]): string | undefined {
  const explicit = parts[1];
  const inner = Array.isArray(explicit?.value) ? (explicit.value[0] as forge.asn1.Asn1 | undefined) : undefined;
  return typeof inner?.value === 'string' ? inner.value : undefined;
}

function cnpjFromOtherName(certificate: forge.pki.Certificate): string | undefined {
  const san = certificate.getExtension('subjectAltName') as { altNames?: AltName[] } | undefined;
  for (const alt of san?.altNames ?? []) {
    if (alt.type !== 0 || !Array.isArray(alt.value)) continue;
    const parts = alt.value as forge.asn1.Asn1[];
    const oid = typeof parts[0]?.value === 'string' ? forge.asn1.derToOid(parts[0].value) : undefined;
    if (oid !== ICP_BRASIL_CNPJ_OID) continue;
    const cnpj = digitsOnly(otherNameValue(parts) ?? '');
    if (cnpj.length === 14) return cnpj;
  }
  return undefined;
}

function cnpjFromCommonName(certificate: forge.pki.Certificate): string | undefined {
  const cn = certificate.subject.getField('CN') as { value?: unknown } | null;
  const match = typeof cn?.value === 'string' ? /:\s*(\d{14})\s*$/.exec(cn.value) : null;
  return match?.[1];
}

function fingerprint(certificate: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  const hex = forge.md.sha256.create().update(der).digest().toHex().toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** Summarises a certificate; the CNPJ prefers the ICP-Brasil otherName over the CN. */
export function summarize(certificate: forge.pki.Certificate): CertificateSummary {
  const fromOtherName = cnpjFromOtherName(certificate);
  const cnpj = fromOtherName ?? cnpjFromCommonName(certificate);
  if (!cnpj) throw new CertificateRejected('cnpj_missing');
  return {
    subject: distinguishedName(certificate.subject),
    cnpj,
    cnpjSource: fromOtherName ? 'otherName' : 'commonName',
    issuer: distinguishedName(certificate.issuer),
    serialNumber: certificate.serialNumber.toUpperCase(),
    validFrom: certificate.validity.notBefore.toISOString(),
    validUntil: certificate.validity.notAfter.toISOString(),
    sha256Fingerprint: fingerprint(certificate),
  };
}

function checkValidity(summary: CertificateSummary, now: Date): void {
  if (now < new Date(summary.validFrom)) {
    throw new CertificateRejected('not_yet_valid', `It is valid from ${summary.validFrom}.`);
  }
  if (now > new Date(summary.validUntil))
    throw new CertificateRejected('expired', `It expired on ${summary.validUntil}.`);
}

/**
 * Checks an uploaded PFX against its company: container, password, key pair, validity and CNPJ,
 * in that order, so each file gets the first thing wrong with it. Throws CertificateRejected.
 */
export function validatePfx(
  bytes: Buffer,
  password: string,
  companyCnpj: string,
  now = new Date(),
): CertificateSummary {
  const { certificate } = openPfx(bytes, password);
  const summary = summarize(certificate);
  checkValidity(summary, now);
  if (summary.cnpj !== digitsOnly(companyCnpj)) throw new CertificateRejected('cnpj_mismatch');
  return summary;
}
