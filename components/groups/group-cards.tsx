import type { ReactNode } from "react";
import type { GroupCard } from "@/lib/groups/queries";
import { MembershipBadge, VisibilityBadge, memberCount } from "./badges";

/**
 * The groups directory's cards (G1): name (a plain link, as in ContentList: no prefetching
 * of every group in view), description clamped, visibility, member count, and the viewer's
 * own place. The caller's query has decided which groups may be shown.
 */
export function GroupCards({ groups, empty }: { groups: GroupCard[]; empty: ReactNode }) {
  if (!groups.length) return <div className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">{empty}</div>;
  return (
    <ul className="mt-6 grid gap-4 sm:grid-cols-2">
      {groups.map((g) => (
        <li key={g.id} className="flex flex-col gap-2 rounded border border-gray-300 p-4">
          <h2 className="text-lg font-bold break-words">
            <a href={`/groups/${g.slug}`} className="text-brand-700 underline underline-offset-2 hover:no-underline">
              {g.name}
            </a>
          </h2>
          <p className="flex flex-wrap items-center gap-2 text-sm text-gray-800">
            <VisibilityBadge visibility={g.visibility} />
            <MembershipBadge membership={g.membership} />
            <span>{memberCount(g.memberCount)}</span>
          </p>
          {g.description ? <p className="line-clamp-3 text-gray-800">{g.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}
