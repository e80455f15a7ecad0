import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface CaughtMail {
  to: string[];
  raw: string;
  messageId: string;
  subject: string;
  text: string;
}

export interface MailCatcher {
  url: string;
  messages: CaughtMail[];
  /**
   * Runs after a message is received and before the server answers that it accepted it: a test
   * can act in the sender's window between the acceptance and its own bookkeeping.
   */
  beforeAccepting?: (mail: CaughtMail) => Promise<void>;
  /** Every transmission to the address, duplicates included. */
  to(address: string): CaughtMail[];
  /** What a mailbox shows: transmissions of the same Message-ID collapse into one, as mail providers do. */
  mailbox(address: string): CaughtMail[];
  stop(): Promise<void>;
}

function decodePart(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    try {
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
    } catch {
      return bytes;
    }
  }
  return body;
}

const header = (block: string, name: string) =>
  new RegExp(`^${name}:\\s*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im')
    .exec(block)?.[1]
    ?.replace(/\r?\n[ \t]+/g, ' ')
    .trim() ?? '';

/** The text/plain part of a MIME message, decoded (enough for what nodemailer produces). */
export function textPart(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(header(head, 'Content-Type'))?.[1];
  if (!boundary) return decodePart(body, header(head, 'Content-Transfer-Encoding'));
  for (const part of body.split(`--${boundary}`)) {
    const [partHead = '', ...partBody] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    if (/text\/plain/i.test(header(partHead, 'Content-Type')))
      return decodePart(partBody.join('\r\n\r\n'), header(partHead, 'Content-Transfer-Encoding'));
  }
  return '';
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`) in headers, as plain text. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodePart(data.replace(/_/g, ' '), 'quoted-printable'),
    );
}

/** A real SMTP server on loopback that keeps what it receives, for tests. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  // eslint-disable-next-line prefer-const -- assigned once the server object it refers to exists
  let catcher: MailCatcher;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = ''] = raw.split(/\r?\n\r?\n/);
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          messageId: header(head, 'Message-ID'),
          subject: decodeWords(header(head, 'Subject')),
          text: textPart(raw),
        };
        messages.push(mail);
        const hook = catcher.beforeAccepting;
        if (!hook) return callback();
        hook(mail).then(
          () => callback(),
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A sender killed mid-conversation (the crash tests do it on purpose) resets its connection;
  // without a listener that error would be thrown in the test process. Anything else is kept.
  const unexpected: Error[] = [];
  server.on('error', (err: Error & { code?: string }) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') unexpected.push(err);
  });
  const { port } = server.server.address() as { port: number };
  catcher = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    mailbox: (address) => [
      ...new Map(messages.filter((m) => m.to.includes(address.toLowerCase())).map((m) => [m.messageId, m])).values(),
    ],
    stop: () =>
      new Promise<void>((resolve, reject) =>
        server.close(() =>
          unexpected.length
            ? reject(new AggregateError(unexpected, 'The mail catcher saw unexpected errors'))
            : resolve(),
        ),
      ),
  };
  return catcher;
}

/** The portal link in a message, as a path to request from the app. */
export function portalPath(mail: CaughtMail): string {
  const match = /https?:\/\/[^\s/]+(\/portal\/[^\s]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`No portal link in the message to ${mail.to.join(', ')}:\n${mail.text}`);
  return match[1];
}
