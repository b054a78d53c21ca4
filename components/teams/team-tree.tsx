import Link from "next/link";
import type { TeamNode } from "@/lib/teams/queries";

function count(n: number): string {
  return n === 1 ? "1 member" : `${n} members`;
}

/** The team tree as nested lists (P5): each team links to its page, with its member count. */
export function TeamTree({ teams }: { teams: TeamNode[] }) {
  const ids = new Set(teams.map((t) => t.id));
  const byParent = new Map<number | null, TeamNode[]>();
  for (const t of teams) {
    // A team whose parent is not in the list is one of the tops the viewer sees.
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), t]);
  }
  const branch = (parent: number | null, level: number) => {
    const children = byParent.get(parent);
    if (!children?.length) return null;
    return (
      <ul className={level === 0 ? "mt-4 space-y-3" : "mt-2 space-y-2 border-l-2 border-gray-300 pl-4"}>
        {children.map((t) => (
          <li key={t.id}>
            <Link href={`/teams/${t.key}`} className="inline-block py-2 font-semibold text-brand-700 underline underline-offset-2 hover:no-underline">
              {t.name}
            </Link>{" "}
            <span className="text-sm text-gray-700">({count(t.memberCount)})</span>
            {branch(t.id, level + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return branch(null, 0) ?? <p className="mt-4 text-gray-700">There are no teams yet.</p>;
}
