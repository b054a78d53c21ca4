import { STATUS_LABELS, type QueryStatus } from "@/lib/queries-app/schemas";

const COLOURS: Record<QueryStatus, string> = {
  open: "bg-yellow-100 text-yellow-900",
  answered: "bg-blue-100 text-blue-900",
  resolved: "bg-green-100 text-green-900",
};

/** A query's status (G8) as a badge: the text says it, colour only repeats it. */
export function QueryStatusBadge({ status }: { status: QueryStatus }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold uppercase ${COLOURS[status]}`}>
      <span className="sr-only">Status: </span>
      {STATUS_LABELS[status]}
    </span>
  );
}
