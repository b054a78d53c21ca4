const STYLES = {
  pending: "bg-yellow-200 text-gray-900",
  sent: "bg-green-200 text-gray-900",
  failed: "bg-red-200 text-gray-900",
} as const;

/** A message's state in words (never colour alone): pending, retrying, sent or failed. */
export function OutboxStatusBadge({ status, attempts }: { status: keyof typeof STYLES; attempts: number }) {
  const label = status === "sent" ? "Sent" : status === "failed" ? "Failed" : attempts > 0 ? "Retrying" : "Pending";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold uppercase ${STYLES[status]}`}>{label}</span>;
}
