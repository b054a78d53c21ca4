import "server-only";
/**
 * K5: the notification work the background loop runs beside the outbox worker
 * (instrumentation.ts, lib/mail/worker.ts): expanding events on every pass (every few
 * seconds), and the daily digests every minute (each person's goes once a day, whichever
 * instance gets there first). Both are safe with several instances running.
 */
import type { PeriodicJob } from "@/lib/mail/worker";
import { expandDueEvents } from "./fan-out";
import { sendDueDigests } from "./mail";

export const DIGEST_EVERY_MS = 60_000;

export const notificationJobs: PeriodicJob[] = [
  { name: "notification-fan-out", everyMs: 0, run: (db) => expandDueEvents(db) },
  { name: "notification-digest", everyMs: DIGEST_EVERY_MS, run: (db) => sendDueDigests(db) },
];
