import nodemailer from 'nodemailer';

/** One e-mail as the outbox sends it. */
export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable per message (`<msg_…@host>`), so a receiving server can drop a repeat. */
  messageId: string;
}

/** Where e-mail goes: an SMTP server in production, whatever a test needs otherwise. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A refusal the server says is final (5xx: no such mailbox); a 4xx or a dropped connection is worth another try. */
export function isPermanentSmtpError(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Sends through the SMTP server at `url` (`smtp://user:pass@host:587`, `smtps://…` for TLS from the start). */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => transport.close(),
  };
}
