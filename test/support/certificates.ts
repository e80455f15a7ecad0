import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A tiny certificate authority made with the `openssl` command in a temporary folder. */
export interface TinyCa {
  dir: string;
  /** Issues a leaf and returns the path of its certificate (PEM) and its key (PEM). */
  issue(o: LeafOptions): { cert: string; key: string };
  /** Packs files into a PFX with openssl; `legacy` uses 3DES + SHA-1 MAC as older Windows exports do. */
  pfx(o: PfxOptions): Buffer;
  cleanup(): void;
}

export interface LeafOptions {
  name: string;
  /** The subject's CN, e.g. "ACME LTDA:11222333000181". */
  commonName: string;
  /** Put this CNPJ in the ICP-Brasil otherName 2.16.76.1.3.3 of the SAN. */
  otherNameCnpj?: string;
  /** openssl ca dates, YYMMDDHHMMSSZ; default: valid from an hour ago for `days`. */
  startDate?: Date;
  endDate?: Date;
}

export interface PfxOptions {
  key?: string;
  certs: string[];
  /** Certificates added beside the key with -certfile (with no `certs`: not checked against the key). */
  loose?: string;
  password: string;
  format?: 'openssl3' | 'legacy3des' | 'legacyRc2';
}

const run = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
const caDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
const day = 86_400_000;

function caConfig(dir: string): string {
  return [
    '[ca]',
    'default_ca = tiny',
    '[tiny]',
    `dir = ${dir}`,
    'database = $dir/index.txt',
    'new_certs_dir = $dir',
    'serial = $dir/serial',
    'default_md = sha256',
    'policy = anything',
    'unique_subject = no',
    '[anything]',
    'commonName = supplied',
    'organizationName = optional',
    'countryName = optional',
    '',
  ].join('\n');
}

const formatArgs: Record<NonNullable<PfxOptions['format']>, string[]> = {
  openssl3: [],
  legacy3des: ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
  legacyRc2: ['-legacy'],
};

export function createTinyCa(): TinyCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-ca-'));
  fs.writeFileSync(path.join(dir, 'ca.cnf'), caConfig(dir));
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  run(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem'].concat([
      '-days',
      '3650',
      '-subj',
      '/C=BR/O=Tiny CA/CN=Tiny Test CA',
    ]),
    dir,
  );
  return {
    dir,
    issue(o) {
      const key = path.join(dir, `${o.name}.key`);
      const cert = path.join(dir, `${o.name}.pem`);
      run(
        [
          'req',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          `${o.name}.csr`,
          '-subj',
          `/C=BR/O=ICP-Brasil/CN=${o.commonName}`,
        ],
        dir,
      );
      const ext = o.otherNameCnpj
        ? `subjectAltName=otherName:2.16.76.1.3.3;PRINTABLESTRING:${o.otherNameCnpj}\n`
        : 'basicConstraints=CA:FALSE\n';
      fs.writeFileSync(path.join(dir, `${o.name}.ext`), ext);
      const start = o.startDate ?? new Date(Date.now() - 3_600_000);
      const end = o.endDate ?? new Date(Date.now() + 365 * day);
      run(
        [
          'ca',
          '-batch',
          '-config',
          'ca.cnf',
          '-cert',
          'ca.pem',
          '-keyfile',
          'ca.key',
          '-notext',
          '-in',
          `${o.name}.csr`,
          '-out',
          cert,
          '-extfile',
          `${o.name}.ext`,
          '-startdate',
          caDate(start),
          '-enddate',
          caDate(end),
        ],
        dir,
      );
      return { cert, key };
    },
    pfx(o) {
      const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.pfx`);
      const [first, ...rest] = o.certs;
      const args = [
        'pkcs12',
        '-export',
        '-out',
        out,
        '-passout',
        `pass:${o.password}`,
        ...formatArgs[o.format ?? 'openssl3'],
      ];
      if (o.key && first) args.push('-inkey', o.key, '-in', first);
      else if (o.key) args.push('-inkey', o.key, '-nocerts');
      else args.push('-nokeys', '-in', first!);
      if (o.loose) args.push('-certfile', o.loose);
      else if (rest[0]) args.push('-certfile', rest[0]);
      run(args, dir);
      return fs.readFileSync(out);
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
