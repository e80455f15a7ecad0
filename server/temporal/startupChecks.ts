import fs from 'node:fs';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { vinculoSearchAttributes } from '../../workflows/searchAttributes.js';
import type { Config } from '../config.js';
import { connectionOptions } from './connection.js';

// What a process checks before it migrates, listens or polls: a wrong setting stops it at once with
// the setting's name and how to fix it, instead of a half-started process retrying in the dark.

type TemporalConfig = Config['temporal'];

export class StartupError extends Error {
  override name = 'StartupError';
}

/** Each TLS file named in the configuration exists, is readable, and holds PEM of the right kind. */
export function checkTlsFiles(t: TemporalConfig): void {
  const files: Array<[string, string | undefined, RegExp, string]> = [
    ['TEMPORAL_TLS_CERT', t.tlsCertPath, /-----BEGIN CERTIFICATE-----/, 'the client certificate (PEM)'],
    ['TEMPORAL_TLS_KEY', t.tlsKeyPath, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'the client private key (PEM)'],
    ['TEMPORAL_TLS_CA', t.tlsCaPath, /-----BEGIN CERTIFICATE-----/, "the server's CA certificate (PEM)"],
  ];
  for (const [setting, file, pem, what] of files) {
    if (!file) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new StartupError(
        `${setting} is ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): ` +
          `point it to ${what}.`,
      );
    }
    if (!pem.test(text)) throw new StartupError(`${setting} is ${file}, which does not hold ${what}.`);
  }
  if (Boolean(t.tlsCertPath) !== Boolean(t.tlsKeyPath))
    throw new StartupError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both (mutual TLS) or neither.');
}

const grpcCode = (err: unknown) => (err as { code?: number }).code;
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;

/**
 * Temporal answers at TEMPORAL_ADDRESS, the namespace exists, and Vinculo's search attributes are
 * registered on it. Returns warnings for what could not be checked (a key without operator rights).
 */
export async function checkTemporal(t: TemporalConfig, timeoutMs: number): Promise<string[]> {
  checkTlsFiles(t);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...connectionOptions(t), connectTimeout: timeoutMs });
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.getSystemInfo({}));
  } catch (err) {
    throw new StartupError(
      `TEMPORAL_ADDRESS is ${t.address}, where no Temporal server answered within ${timeoutMs / 1000} s ` +
        `(${(err as Error).message.split('\n')[0]}). Start the server or correct TEMPORAL_ADDRESS` +
        (t.tls ? ' and the TEMPORAL_TLS_* settings.' : ' (add TEMPORAL_TLS=true if the server expects TLS).'),
    );
  }
  const warnings: string[] = [];
  try {
    try {
      await connection.workflowService.describeNamespace({ namespace: t.namespace });
    } catch (err) {
      if (grpcCode(err) !== NOT_FOUND) throw err;
      throw new StartupError(
        `TEMPORAL_NAMESPACE is "${t.namespace}", which does not exist on the server at ${t.address}: create it ` +
          `(temporal operator namespace create --namespace ${t.namespace}) or set TEMPORAL_NAMESPACE to an existing one.`,
      );
    }
    let custom: Record<string, unknown> | undefined;
    try {
      custom =
        (await connection.operatorService.listSearchAttributes({ namespace: t.namespace })).customAttributes ?? {};
    } catch (err) {
      if (grpcCode(err) !== PERMISSION_DENIED && grpcCode(err) !== UNIMPLEMENTED) throw err;
      warnings.push(
        `Could not list the search attributes of "${t.namespace}" (${(err as Error).message}); not checked.`,
      );
    }
    const missing = custom ? vinculoSearchAttributes.filter((k) => !(k.name in custom)) : [];
    if (missing.length > 0) {
      const commands = missing
        .map(
          (k) =>
            `  temporal operator search-attribute create --namespace ${t.namespace} --name ${k.name} ` +
            `--type ${k.type === SearchAttributeType.INT ? 'Int' : 'Keyword'}`,
        )
        .join('\n');
      throw new StartupError(
        `The Temporal namespace "${t.namespace}" at ${t.address} lacks the search attributes ` +
          `${missing.map((k) => k.name).join(', ')}, which Vinculo's processes set. Register them:\n${commands}`,
      );
    }
  } finally {
    await connection.close();
  }
  return warnings;
}
