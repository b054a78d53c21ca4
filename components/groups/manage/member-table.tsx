"use client";
import { MemberAdminTable } from "@/components/ui/member-admin-table";
import { removeGroupMemberAction, setGroupAdminAction } from "@/lib/groups/actions";
import type { GroupMemberRow } from "@/lib/groups/manage-queries";
import { AdminBadge } from "./badges";

const WORDS = {
  admin: "admin",
  removeLabel: "Remove from group",
  demoteText: <p>They stay a member but can no longer manage the group&apos;s members, requests, invitations or settings.</p>,
  removeText: <p>They will no longer be a member, and lose access to the group&apos;s content if it is not public, from their next page.</p>,
  empty: "Nobody here.",
};

/** G5: a page of the group's members with admin badges; make/remove admin, remove (confirmed). The last admin stays (the server says why). */
export function GroupMemberTable({ groupId, groupName, members, caption }: { groupId: number; groupName: string; members: GroupMemberRow[]; caption: string }) {
  return (
    <MemberAdminTable
      placeName={groupName}
      members={members}
      caption={caption}
      canManage
      adminMark={(m) => (m.isAdmin ? <AdminBadge /> : null)}
      words={WORDS}
      setAdmin={(m, isAdmin) => setGroupAdminAction({ groupId, personId: m.id, isAdmin })}
      remove={(m) => removeGroupMemberAction({ groupId, personId: m.id })}
    />
  );
}
