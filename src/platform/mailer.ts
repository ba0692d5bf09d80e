import nodemailer from "nodemailer";

export type TMail = {
  to: string[];
  subject: string;
  text: string;
  /** Extra header lines (List-Unsubscribe, List-Unsubscribe-Post, …). */
  headers?: Record<string, string>;
  /** A stable Message-ID, so that a receiver can recognise a mail sent twice after a crash. */
  messageId?: string;
};
export type TMailer = { isConfigured: boolean; send(mail: TMail): Promise<void> };

/** Sends e-mail over SMTP when a URL is configured; otherwise a mailer that says it is not configured. */
export function createMailer(smtpUrl: string | undefined, from: string): TMailer {
  if (!smtpUrl)
    return {
      isConfigured: false,
      send: async () => {
        throw new Error("SMTP is not configured");
      },
    };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    isConfigured: true,
    send: async (mail) => {
      await transport.sendMail({
        from,
        to: mail.to.join(", "),
        subject: mail.subject,
        text: mail.text,
        headers: mail.headers,
        messageId: mail.messageId,
      });
    },
  };
}
