import { type OutboxMessageState, keptHere, outboxStateLabel } from "./outbox-words";

const STYLES = {
  pending: "bg-yellow-200 text-gray-900",
  sent: "bg-green-200 text-gray-900",
  failed: "bg-red-200 text-gray-900",
} as const;
const KEPT_STYLE = "bg-gray-200 text-gray-900";

/** A message's state in words (never colour alone): waiting, trying again, sent, could not be sent, or kept here. */
export function OutboxStatusBadge(m: OutboxMessageState) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold ${keptHere(m) ? KEPT_STYLE : STYLES[m.status]}`}>{outboxStateLabel(m)}</span>;
}
