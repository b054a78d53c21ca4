import type { GroupMembership, GroupVisibility } from "@/lib/groups/queries";

const VISIBILITY_LABELS: Record<GroupVisibility, string> = { public: "Public", private: "Private", secret: "Secret" };

/** G1: what a group's visibility means, for the badge's accessible description. */
const VISIBILITY_HINTS: Record<GroupVisibility, string> = {
  public: "anyone with Groups access reads it and may join",
  private: "listed; its content is for members, who join by request",
  secret: "not listed; members join by invitation",
};

const badge = "inline-block rounded px-2 py-0.5 text-xs font-bold uppercase";

/** A group's visibility (G1) as a badge; the text says it, colour only repeats it. */
export function VisibilityBadge({ visibility }: { visibility: GroupVisibility }) {
  const colour = visibility === "public" ? "bg-green-100 text-green-900" : visibility === "private" ? "bg-yellow-100 text-yellow-900" : "bg-gray-800 text-white";
  return (
    <span className={`${badge} ${colour}`} title={VISIBILITY_HINTS[visibility]}>
      {VISIBILITY_LABELS[visibility]}
      <span className="sr-only"> group</span>
    </span>
  );
}

/** The viewer's own place in a group: "Admin" or "Member", nothing for "none". */
export function MembershipBadge({ membership }: { membership: GroupMembership }) {
  if (membership === "none") return null;
  return (
    <span className={`${badge} border border-brand-700 text-brand-800`}>
      {membership === "admin" ? "Admin" : "Member"}
      <span className="sr-only"> (you)</span>
    </span>
  );
}

export function memberCount(n: number): string {
  return n === 1 ? "1 member" : `${n.toLocaleString("en-GB")} members`;
}
