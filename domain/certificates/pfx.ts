import forge from 'node-forge';
import { CertificateRejected } from './failures.js';

const { asn1, pki, pkcs12 } = forge;

/** The parts of a PFX this service keeps looking at, once it has opened. */
export interface OpenedPfx {
  certificate: forge.pki.Certificate;
  privateKey: forge.pki.rsa.PrivateKey;
}

/**
 * Tells a DER file cut short from other garbage: a PKCS#12 file is one DER SEQUENCE whose header
 * states its full length, so fewer bytes than declared means truncated, not a wrong format.
 */
function declaredDerLength(bytes: Buffer): number | undefined {
  if (bytes.length < 2 || bytes[0] !== 0x30) return undefined;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length;
}

function readContainer(bytes: Buffer): forge.asn1.Asn1 {
  if (bytes.length === 0) throw new CertificateRejected('empty_file');
  if (/^\s*-----BEGIN /.test(bytes.subarray(0, 64).toString('latin1'))) throw new CertificateRejected('pem_not_pfx');
  const declared = declaredDerLength(bytes);
  if (declared === undefined) throw new CertificateRejected('not_pkcs12');
  if (declared > bytes.length) throw new CertificateRejected('truncated_file');
  try {
    return asn1.fromDer(forge.util.createBuffer(bytes.subarray(0, declared).toString('binary')), true);
  } catch {
    throw new CertificateRejected('not_pkcs12');
  }
}

function isPfxShape(container: forge.asn1.Asn1): boolean {
  const items = container.value;
  return Array.isArray(items) && items.length >= 2 && (items[0] as forge.asn1.Asn1).type === asn1.Type.INTEGER;
}

function decrypt(container: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  if (!isPfxShape(container)) throw new CertificateRejected('not_pkcs12');
  try {
    return pkcs12.pkcs12FromAsn1(container, true, password);
  } catch (err) {
    const message = (err as Error).message ?? '';
    // node-forge words these failures; the MAC check is the one that means "wrong password".
    if (/MAC could not be verified|Invalid password/i.test(message)) throw new CertificateRejected('wrong_password');
    if (/unsupported|not supported|Unknown/i.test(message)) throw new CertificateRejected('unsupported_pfx');
    throw new CertificateRejected('not_pkcs12');
  }
}

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

function onlyKeyAndCertificate(p12: forge.pkcs12.Pkcs12Pfx): OpenedPfx {
  const certificates = bagsOf(p12, pki.oids.certBag!).flatMap((b) => (b.cert ? [b.cert] : []));
  const keyBags = [...bagsOf(p12, pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(p12, pki.oids.keyBag!)];
  if (keyBags.length === 0) {
    throw new CertificateRejected(certificates.length === 0 ? 'no_certificate' : 'no_private_key');
  }
  if (keyBags.length > 1) throw new CertificateRejected('several_private_keys');
  const privateKey = keyBags[0]!.key as forge.pki.rsa.PrivateKey | undefined;
  // node-forge leaves `key` empty for keys it cannot read (non-RSA).
  if (!privateKey) throw new CertificateRejected('unsupported_pfx', 'Only RSA keys are supported, as ICP-Brasil A1.');
  if (certificates.length === 0) throw new CertificateRejected('no_certificate');
  const certificate = certificates.find((c) => matches(c, privateKey));
  if (!certificate) throw new CertificateRejected('key_mismatch');
  return { certificate, privateKey };
}

function matches(certificate: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey): boolean {
  const pub = certificate.publicKey as forge.pki.rsa.PublicKey;
  return pub.n !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
}

/** Opens a PFX with its password and finds its one private key and the certificate that goes with it. */
export function openPfx(bytes: Buffer, password: string): OpenedPfx {
  const container = readContainer(bytes);
  if (password === '') throw new CertificateRejected('password_required');
  return onlyKeyAndCertificate(decrypt(container, password));
}
