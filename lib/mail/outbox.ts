import "server-only";
/**
 * Queuing e-mail (S7 notifications, later welcome e-mails). A message is written to
 * `outbox_messages` in the transaction of the change that causes it, so it exists if and
 * only if the change committed; lib/mail/worker.ts sends it afterwards. The idempotency
 * key makes queuing the same logical message twice (a retried transaction, a double
 * submit) a no-op, and is passed on to the mail provider so a retried send is one mail.
 */
import { outboxMessages } from "@/db/schema";
import type { Db } from "@/db/client";

export interface QueuedMail {
  /** Unique per logical message, e.g. "content-published:<item>:<version>:<person>". */
  idempotencyKey: string;
  recipientId?: string | null;
  /** Exactly one plain address (`local@domain`), never a list or a display-name form. */
  to: string;
  subject: string;
  html: string;
  text: string;
}

export class InvalidMailError extends Error {}

// RFC 5322 dot-atom characters, less "%" and "!" (old relay and bang-path routing).
const LOCAL_ATOM = /^[A-Za-z0-9#$&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * True only for one plain address `local@domain`: an unquoted dot-atom local part and a
 * host name with at least two labels. Everything a mail system could read as more than
 * one recipient, or as a different one, is refused: lists (`,` `;`), display names and
 * angle brackets, quoted local parts, comments, whitespace and line breaks, address
 * literals (`[1.2.3.4]`), "%" and "!" routing, and anything outside ASCII (an
 * internationalised address must arrive in its punycode form).
 */
export function isSingleAddress(value: unknown): value is string {
  if (typeof value !== "string" || value.length < 3 || value.length > 254) return false;
  const at = value.indexOf("@");
  if (at < 1 || at !== value.lastIndexOf("@")) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64) return false;
  if (!local.split(".").every((atom) => LOCAL_ATOM.test(atom))) return false;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return /[A-Za-z]/.test(labels[labels.length - 1]!); // a top-level label, not the end of an IP address
}

/** Throws unless `value` is exactly one plain address (see isSingleAddress). */
export function assertSingleAddress(value: unknown): asserts value is string {
  // The refused value is not echoed: it may be someone's address, and logs are not the place for it.
  if (!isSingleAddress(value)) throw new InvalidMailError("An e-mail can only be queued for exactly one plain address (local@domain).");
}

function check(message: QueuedMail): void {
  assertSingleAddress(message.to);
  if (!message.idempotencyKey || message.idempotencyKey.length > 256 || /[^\x21-\x7e]/.test(message.idempotencyKey)) {
    throw new InvalidMailError("An e-mail needs an idempotency key of at most 256 printable ASCII characters.");
  }
  // A subject is one header line: a line break in it could start another header.
  if (!message.subject.trim() || /[\u0000-\u001f\u007f\u2028\u2029]/.test(message.subject) || message.subject.length > 998) {
    throw new InvalidMailError("An e-mail subject must be one line of text.");
  }
  if (!message.text.trim() || !message.html.trim()) throw new InvalidMailError("An e-mail needs both an HTML and a plain-text part.");
}

// Rows per INSERT statement when queuing many messages at once.
const INSERT_CHUNK = 200;

/**
 * Queues messages; answers how many rows were written (a message whose idempotency key
 * is already queued is skipped). Every message is checked before anything is written,
 * and InvalidMailError rolls back the caller's transaction: callers that must not fail
 * check first.
 */
export async function enqueueMails(tx: Db, messages: readonly QueuedMail[]): Promise<number> {
  for (const message of messages) check(message);
  let written = 0;
  for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
    const rows = await tx
      .insert(outboxMessages)
      .values(
        messages.slice(i, i + INSERT_CHUNK).map((message) => ({
          idempotencyKey: message.idempotencyKey,
          recipientId: message.recipientId ?? null,
          toAddress: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
        })),
      )
      .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
      .returning({ id: outboxMessages.id });
    written += rows.length;
  }
  return written;
}

/** One message; answers whether it was written (false: its idempotency key was already queued). */
export async function enqueueMail(tx: Db, message: QueuedMail): Promise<boolean> {
  return (await enqueueMails(tx, [message])) > 0;
}

/** Queues one message in the caller's transaction; a second call with the same key does nothing. */
export async function queueMail(tx: Db, message: QueuedMail): Promise<void> {
  await enqueueMail(tx, message);
}
