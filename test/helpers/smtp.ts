import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

export interface ReceivedMail {
  /** The first recipient. */
  to: string;
  /** The message as it arrived, headers and body. */
  raw: string;
  /** The same with its quoted-printable encoding undone (soft line breaks joined, `=XX` bytes read as UTF-8). */
  text: string;
}

const unquote = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/**
 * A local SMTP server for the tests of one file, listening from before the first test until after
 * the last: every message it accepts is kept in `received`, in order; `url()` is what the mailer takes.
 */
export function localSmtp(): { received: ReceivedMail[]; url(): string } {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  beforeAll(async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => {
          raw += c.toString('utf8');
        });
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo[0]?.address ?? '', raw, text: unquote(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    server = smtp;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return {
    received,
    url() {
      if (!server) throw new Error('The SMTP server listens from before the first test of its file.');
      return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    },
  };
}
