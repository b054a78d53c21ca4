/**
 * What the outbox says about a message, in plain words (never colour alone). Without a mail
 * service (no RESEND_API_KEY) the worker marks each message sent via "local"
 * (lib/mail/worker.ts): it was kept in the outbox and reached nobody, so it says so rather
 * than "sent".
 */
export interface OutboxMessageState {
  status: "pending" | "sent" | "failed";
  attempts: number;
  deliveredVia: string | null;
}

/** The worker's mark for a message kept here because no mail service is set up. */
const KEPT_LOCALLY = "local";

export const KEPT_HERE = "Kept here, not sent";

/** Whether the message was kept in the outbox instead of being sent. */
export function keptHere(m: Pick<OutboxMessageState, "status" | "deliveredVia">): boolean {
  return m.status === "sent" && m.deliveredVia === KEPT_LOCALLY;
}

/** The message's state for the Status column and the message page. */
export function outboxStateLabel(m: OutboxMessageState): string {
  if (keptHere(m)) return KEPT_HERE;
  if (m.status === "sent") return "Sent";
  if (m.status === "failed") return "Could not be sent";
  return m.attempts > 0 ? "Trying again" : "Waiting";
}

/** The "Delivered via" column: the mail service and its message id, or that it stayed here. */
export function deliveredViaLabel(m: Pick<OutboxMessageState, "status" | "deliveredVia">): string {
  if (keptHere(m)) return "Kept here";
  return m.deliveredVia ?? "—";
}
