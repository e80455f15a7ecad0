// One line per event. LOG_FORMAT=json writes JSON objects (time, level, event, fields) for a log
// collector; text (the default) writes what a person reads in a terminal. Callers pass ids, counts
// and durations only: never e-mails, names, CNPJs, tokens or request bodies.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** `notice`: a process's life (started, listening, stopping), written whatever LOG_LEVEL says. */
type Level = LogLevel | 'notice';
export type LogFormat = 'json' | 'text';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, notice: 50 };
let settings: { format: LogFormat; level: LogLevel } = { format: 'text', level: 'info' };

export function configureLog(format: LogFormat, level: LogLevel) {
  settings = { format, level };
}

export const logFormat = () => settings.format;

function write(level: Level, event: string, fields: LogFields = {}) {
  if (rank[level] < rank[settings.level]) return;
  const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
  if (settings.format === 'json') {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
    return;
  }
  const extra = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  stream.write(`${event}${extra ? ` (${extra})` : ''}\n`);
}

export const log = {
  debug: (event: string, fields?: LogFields) => write('debug', event, fields),
  info: (event: string, fields?: LogFields) => write('info', event, fields),
  warn: (event: string, fields?: LogFields) => write('warn', event, fields),
  error: (event: string, fields?: LogFields) => write('error', event, fields),
  notice: (event: string, fields?: LogFields) => write('notice', event, fields),
};

/** An error's class and message without its stack, for one log line. */
export const errorFields = (err: unknown): LogFields => ({
  error: err instanceof Error ? err.name : typeof err,
  message: err instanceof Error ? err.message : String(err),
});
