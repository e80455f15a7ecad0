import path from 'node:path';
import { z } from 'zod';

/** Where the project keeps its local state by default (ignored by git). */
export const projectRoot = path.resolve(import.meta.dirname, '..');

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  DATA_DIR: z.string().default(path.join(projectRoot, 'data')),
  HTTP_PORT: port.default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: optionalString,
  DATABASE_URL: optionalString,
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('vinculo'),
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  TEMPORAL_TLS_CERT: optionalString,
  TEMPORAL_TLS_KEY: optionalString,
  TEMPORAL_TLS_CA: optionalString,
  TEMPORAL_CLI: optionalString,
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalString,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = ReturnType<typeof loadConfig>;

/** Reads and validates the environment once; fails fast with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  const embeddedTemporal = c.TEMPORAL_ADDRESS === undefined;
  const temporalAddress = c.TEMPORAL_ADDRESS ?? `127.0.0.1:${c.TEMPORAL_DEV_PORT}`;
  return {
    dataDir: c.DATA_DIR,
    http: {
      port: c.HTTP_PORT,
      host: c.HTTP_HOST,
      publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.HTTP_PORT}`,
    },
    database: c.DATABASE_URL
      ? ({ kind: 'postgres', url: c.DATABASE_URL } as const)
      : ({ kind: 'sqlite', filename: path.join(c.DATA_DIR, 'vinculo.sqlite') } as const),
    temporal: {
      embedded: embeddedTemporal,
      address: temporalAddress,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      apiKey: c.TEMPORAL_API_KEY,
      tls: c.TEMPORAL_TLS === 'true' || c.TEMPORAL_API_KEY !== undefined || c.TEMPORAL_TLS_CERT !== undefined,
      tlsCertPath: c.TEMPORAL_TLS_CERT,
      tlsKeyPath: c.TEMPORAL_TLS_KEY,
      tlsCaPath: c.TEMPORAL_TLS_CA,
      cliPath: c.TEMPORAL_CLI,
      devServer: {
        port: c.TEMPORAL_DEV_PORT,
        uiPort: c.TEMPORAL_UI_PORT,
        dbFile: path.join(c.DATA_DIR, 'temporal.sqlite'),
      },
      uiUrl: c.TEMPORAL_UI_URL ?? (embeddedTemporal ? `http://localhost:${c.TEMPORAL_UI_PORT}` : undefined),
    },
    logLevel: c.LOG_LEVEL,
  };
}
