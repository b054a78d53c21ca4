import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);

/**
 * Outgoing e-mail (S7 notifications, welcome e-mails). A message is written here in the
 * same transaction as the change that causes it, and a worker sends it afterwards, with
 * retries; the idempotency key makes a retried or duplicated send harmless. With no
 * RESEND_API_KEY the worker marks messages sent without sending, and webmasters read
 * them at /admin/outbox.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Unique per logical message, e.g. "content-published:<item>:<version>:<person>". */
    idempotencyKey: text("idempotency_key").notNull(),
    recipientId: uuid("recipient_id").references(() => people.id, { onDelete: "set null" }),
    /** One address, validated before it is queued; never a list. */
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker holds the message, so a crashed worker's claim expires. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** "resend:<id>" or "local" once sent. */
    deliveredVia: text("delivered_via"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outbox_messages_idempotency_key").on(t.idempotencyKey),
    index("outbox_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("outbox_messages_created_idx").on(t.createdAt.desc()),
  ],
);
