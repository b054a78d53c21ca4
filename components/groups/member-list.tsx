import { PersonName } from "@/components/people/person-name";
import type { GroupMember } from "@/lib/groups/queries";

/**
 * A group's members as its page lists them: admins first, then by name; the first few of
 * them only (the query reads a bounded list), and how many more there are.
 */
export function GroupMemberList({ members, total }: { members: GroupMember[]; total: number }) {
  if (!members.length) return <p className="mt-3 text-gray-700">This group has no members yet.</p>;
  const more = total - members.length;
  return (
    <>
      <ul className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
        {members.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-2">
            <PersonName person={m} />
            {m.isAdmin ? <span className="inline-block rounded bg-brand-700 px-2 py-0.5 text-xs font-bold uppercase text-white">Admin</span> : null}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-3 text-gray-800">and {more.toLocaleString("en-GB")} more {more === 1 ? "member" : "members"}.</p> : null}
    </>
  );
}
