import type { Metadata } from "next";
import { MembershipControls } from "@/components/groups/membership-controls";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { groupForMembership } from "../lookup";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lookup } = await groupForMembership((await params).slug);
  return { title: lookupTitle(lookup, (v) => `Membership of ${v.group.name}`) };
}

/**
 * The viewer's membership of a group (G1, G3, G5): join, ask, accept, leave. For anyone who
 * may see the group (404 otherwise, C5). Until the group page (/groups/<slug>) carries
 * these controls itself, this page is where they are used.
 */
export default async function GroupMembershipPage({ params }: Props) {
  const { lookup } = await groupForMembership((await params).slug);
  const { group, membership } = found(lookup);
  return (
    <>
      <h1 className="text-3xl font-bold">{group.name}</h1>
      {group.description ? <p className="mt-2 max-w-prose whitespace-pre-line">{group.description}</p> : null}
      <MembershipControls groupId={group.id} groupName={group.name} membership={membership} />
    </>
  );
}
