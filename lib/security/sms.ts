import "server-only";
/**
 * The pluggable SMS sender (M4, M6). Every text is written to `sms_outbox` (webmasters
 * read it at /admin/sms-outbox); a real sender delivers it only when one is configured
 * by environment: PORTICO_SMS_WEBHOOK_URL receives `{ to, body }` as JSON (with
 * PORTICO_SMS_WEBHOOK_TOKEN as a bearer token), for whatever SMS gateway the operator uses.
 */
import type { Db } from "@/db/client";
import { smsOutbox } from "@/db/schema";

export interface SmsSender {
  /** A name for the outbox's "delivered via" column. */
  readonly name: string;
  send(message: { to: string; body: string }): Promise<void>;
}

/** Keeps messages in the outbox only: the default when no sender is configured. */
export const localSender: SmsSender = { name: "local outbox", async send() {} };

export function webhookSender(url: string, token?: string): SmsSender {
  return {
    name: `webhook ${new URL(url).host}`,
    async send(message) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

let override: SmsSender | null = null;
/** For tests: a sender that records what it was given. */
export function setSmsSenderForTests(sender: SmsSender | null) {
  override = sender;
}

export function smsSender(env: Record<string, string | undefined> = process.env): SmsSender {
  if (override) return override;
  const url = env.PORTICO_SMS_WEBHOOK_URL?.trim();
  return url ? webhookSender(url, env.PORTICO_SMS_WEBHOOK_TOKEN?.trim() || undefined) : localSender;
}

/**
 * Records the message, then hands it to the sender. With a real sender the outbox keeps
 * the text with its `secret` (a one-time code) blanked: only the phone receives it.
 */
export async function sendSms(db: Db, message: { recipientId: string | null; to: string; body: string; secret?: string }): Promise<void> {
  const sender = smsSender();
  const kept = sender === localSender || !message.secret ? message.body : message.body.split(message.secret).join("••••••");
  await db.insert(smsOutbox).values({ recipientId: message.recipientId, toNumber: message.to, body: kept, deliveredVia: sender.name });
  await sender.send({ to: message.to, body: message.body });
}
