import Link from "next/link";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/content/format";
import type { QueryRow } from "@/lib/queries-app/queries";
import { QueryStatusBadge } from "./status-badge";

const answers = (n: number) => (n === 1 ? "1 answer" : `${n.toLocaleString("en-GB")} answers`);

/** /queries' rows (G4 G8): title, team, status, asker, date, number of answers. */
export function QueryList({ rows, empty }: { rows: QueryRow[]; empty: ReactNode }) {
  if (!rows.length) return <div className="mt-6">{empty}</div>;
  return (
    <ul className="mt-6 divide-y divide-gray-300 border-y border-gray-300" aria-label="Queries">
      {rows.map((q) => (
        <li key={q.id} className="py-4">
          <div className="flex flex-wrap items-center gap-2">
            <QueryStatusBadge status={q.status} />
            <Link href={`/queries/${q.id}`} className="text-lg font-semibold break-words text-brand-700 underline underline-offset-2 hover:no-underline">
              {q.title}
            </Link>
          </div>
          <p className="mt-1 text-sm text-gray-800">
            To <span className="font-semibold">{q.teamName}</span> · asked by {q.askerName} · <time dateTime={new Date(q.createdAt).toISOString()}>{formatDateTime(new Date(q.createdAt))}</time> ·{" "}
            {answers(q.answerCount)}
          </p>
        </li>
      ))}
    </ul>
  );
}
