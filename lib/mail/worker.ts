import "server-only";
/**
 * The outbox worker: sends what lib/mail/outbox.ts queued. Started once per server
 * process (instrumentation.ts); every few seconds it claims the messages that are due,
 * sends each, and records the outcome.
 *
 * - Claiming sets a lease (`locked_until`) in one UPDATE over a `for update skip locked`
 *   selection, so several app instances never take the same message; a process that
 *   dies mid-send leaves a lease that simply expires, and the message is due again.
 * - A failed send is retried with exponential backoff; after MAX_ATTEMPTS it is marked
 *   failed. The provider gets the message's idempotency key, so a send repeated after a
 *   crash (sent, but not yet recorded) is still one e-mail.
 * - With RESEND_API_KEY the message goes through Resend; without it nothing leaves the
 *   machine: the message is marked sent via "local" and webmasters read it at /admin/outbox.
 */
import { and, eq, sql } from "drizzle-orm";
import { Resend } from "resend";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { outboxMessages } from "@/db/schema";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Resend's `emails.send` shape, so tests can stand in for the provider. */
export type SendMail = (
  mail: OutgoingMail,
  options: { idempotencyKey: string },
) => Promise<{ data: { id: string } | null; error: { message: string; name?: string } | null }>;

export const MAX_ATTEMPTS = 8;
export const LEASE_MS = 2 * 60_000;
export const BATCH_SIZE = 20;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 6 * 60 * 60_000;
/**
 * Resend's test sender (it delivers only to the account owner's own address): set
 * MAIL_FROM to an address on a domain verified with Resend for real use.
 */
export const DEFAULT_MAIL_FROM = "Portico <onboarding@resend.dev>";

/** Wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min … at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
}

export function mailFrom(env: Record<string, string | undefined> = process.env): string {
  return env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
}

/** An error as it may be stored and shown to webmasters: one line, bounded, no API keys. */
export function describeError(error: unknown, secrets: (string | undefined)[] = [process.env.RESEND_API_KEY]): string {
  let message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === "string" ? error : JSON.stringify(error);
  for (const secret of secrets) if (secret && secret.length >= 4) message = message.split(secret).join("[redacted]");
  message = message
    .replace(/\bre_[A-Za-z0-9_]{6,}/g, "[redacted]") // anything shaped like a Resend key
    .replace(/\bBearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/\s+/g, " ")
    .trim();
  return message.length > 500 ? `${message.slice(0, 499)}…` : message;
}

function resendSender(apiKey: string): SendMail {
  const client = new Resend(apiKey);
  return async (mail, options) => {
    const { data, error } = await client.emails.send(mail, { idempotencyKey: options.idempotencyKey });
    return { data: data ? { id: data.id } : null, error: error ? { message: error.message, name: error.name } : null };
  };
}

export interface ProcessOptions {
  now?: Date;
  /** Sends through this instead of Resend (tests); delivered_via becomes "resend:<id>". */
  send?: SendMail;
  env?: Record<string, string | undefined>;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

export interface ProcessResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedMessage {
  id: number;
  idempotencyKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
}

/**
 * Takes up to `batchSize` due messages and leases them to the caller until `now + leaseMs`.
 * The selection is a materialised CTE: written as `id in (select … limit n for update
 * skip locked)`, PostgreSQL may run the subquery more than once and lease more than n.
 */
export async function claimDueMessages(db: Db, now: Date, batchSize = BATCH_SIZE, leaseMs = LEASE_MS): Promise<ClaimedMessage[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const rows = rowsOf<ClaimedMessage>(
    await db.execute(sql`
      with due as materialized (
        select id from outbox_messages
        where status = 'pending' and next_attempt_at <= ${at}::timestamptz
          and (locked_until is null or locked_until < ${at}::timestamptz)
        order by next_attempt_at, id
        limit ${batchSize}
        for update skip locked
      )
      update outbox_messages m set locked_until = ${until}::timestamptz
      from due where m.id = due.id
      returning m.id, m.idempotency_key as "idempotencyKey", m.to_address as "to", m.subject, m.html, m.text, m.attempts
    `),
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** One pass: claim what is due, send it, record each outcome. Never throws for one bad message. */
export async function processOutboxOnce(db: Db, options: ProcessOptions = {}): Promise<ProcessResult> {
  const env = options.env ?? process.env;
  const clock = () => options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const claimed = await claimDueMessages(db, clock(), options.batchSize ?? BATCH_SIZE, options.leaseMs ?? LEASE_MS);
  const result: ProcessResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  if (!claimed.length) return result;

  const apiKey = env.RESEND_API_KEY?.trim();
  const send = options.send ?? (apiKey ? resendSender(apiKey) : null);
  const from = mailFrom(env);

  for (const message of claimed) {
    const attempts = message.attempts + 1;
    let deliveredVia: string;
    try {
      if (send) {
        const { data, error } = await send(
          { from, to: message.to, subject: message.subject, html: message.html, text: message.text },
          { idempotencyKey: message.idempotencyKey },
        );
        if (error || !data?.id) throw new Error(error ? `${error.name ?? "error"}: ${error.message}` : "the provider answered without a message id");
        deliveredVia = `resend:${data.id}`;
      } else {
        deliveredVia = "local";
      }
    } catch (error) {
      const lastError = describeError(error, [apiKey]);
      const giveUp = attempts >= maxAttempts;
      await db
        .update(outboxMessages)
        .set({
          attempts,
          lastError,
          lockedUntil: null,
          ...(giveUp ? { status: "failed" as const } : { nextAttemptAt: new Date(clock().getTime() + retryDelayMs(attempts)) }),
        })
        .where(and(eq(outboxMessages.id, message.id), eq(outboxMessages.status, "pending")));
      if (giveUp) {
        result.failed++;
        console.error(`outbox: message ${message.id} failed after ${attempts} attempts: ${lastError}`);
      } else {
        result.retried++;
      }
      continue;
    }
    await db
      .update(outboxMessages)
      .set({ status: "sent", attempts, deliveredVia, sentAt: clock(), lockedUntil: null, lastError: null })
      .where(and(eq(outboxMessages.id, message.id), eq(outboxMessages.status, "pending")));
    result.sent++;
  }
  return result;
}

export interface OutboxWorker {
  /** Stops polling and waits for the pass in progress to finish. */
  stop(): Promise<void>;
}

const holder = globalThis as unknown as { __porticoOutboxWorker?: OutboxWorker };

/**
 * Starts the polling loop once per process (a second call answers the running worker).
 * Errors are logged and the loop carries on: the worker never takes the server down.
 */
/** Other background work the same loop runs now and then (e.g. the audit purge, M8). */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run: (db: Db) => Promise<unknown>;
}

export function startOutboxWorker(options: {
  getDb: () => Promise<Db>;
  intervalMs?: number;
  process?: typeof processOutboxOnce;
  jobs?: PeriodicJob[];
}): OutboxWorker {
  if (holder.__porticoOutboxWorker) return holder.__porticoOutboxWorker;
  const intervalMs = options.intervalMs ?? 5_000;
  const run = options.process ?? processOutboxOnce;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  const nextRun = new Map<string, number>();

  const pass = async () => {
    try {
      const db = await options.getDb();
      // Keep going while whole batches come back, so a backlog drains without waiting.
      for (let i = 0; i < 50 && !stopping; i++) {
        const result = await run(db);
        if (result.claimed < BATCH_SIZE) break;
      }
    } catch (error) {
      console.error(`outbox worker: ${describeError(error)}`);
    }
    for (const job of options.jobs ?? []) {
      if (stopping || Date.now() < (nextRun.get(job.name) ?? 0)) continue;
      nextRun.set(job.name, Date.now() + job.everyMs);
      try {
        await job.run(await options.getDb());
      } catch (error) {
        console.error(`worker job ${job.name}: ${describeError(error)}`);
      }
    }
  };
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      current = pass().finally(() => {
        current = null;
        schedule();
      });
    }, intervalMs);
    timer.unref(); // never keeps a finished process alive
  };

  const onSignal = (signal: NodeJS.Signals) => {
    void worker.stop();
    // Next's own handler closes the server and exits; if nothing else listens, do what
    // the signal would have done without us.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const worker: OutboxWorker = {
    async stop() {
      if (stopping) return current ?? undefined;
      stopping = true;
      if (timer) clearTimeout(timer);
      process.removeListener("SIGTERM", onSignal);
      process.removeListener("SIGINT", onSignal);
      if (holder.__porticoOutboxWorker === worker) holder.__porticoOutboxWorker = undefined;
      await current;
    },
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  holder.__porticoOutboxWorker = worker;
  schedule();
  return worker;
}
