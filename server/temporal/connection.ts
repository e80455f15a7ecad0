import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../config.js';

type TemporalConfig = Config['temporal'];

function tlsOptions(t: TemporalConfig) {
  if (!t.tls) return undefined;
  const read = (p?: string) => (p ? fs.readFileSync(p) : undefined);
  const cert = read(t.tlsCertPath);
  const key = read(t.tlsKeyPath);
  return {
    serverRootCACertificate: read(t.tlsCaPath),
    clientCertPair: cert && key ? { crt: cert, key } : undefined,
  };
}

export function connectionOptions(t: TemporalConfig): ConnectionOptions & NativeConnectionOptions {
  return { address: t.address, tls: tlsOptions(t), apiKey: t.apiKey };
}

export async function connectClient(t: TemporalConfig, codec: PayloadCodec): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(t));
  return new Client({ connection, namespace: t.namespace, dataConverter: { payloadCodecs: [codec] } });
}

export const connectWorker = (t: TemporalConfig) => NativeConnection.connect(connectionOptions(t));
