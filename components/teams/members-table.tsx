"use client";
import { MemberAdminTable } from "@/components/ui/member-admin-table";
import { removeTeamMemberAction, setTeamAdminAction } from "@/lib/teams/actions";
import type { TeamMemberRow } from "@/lib/teams/queries";

const WORDS = {
  admin: "administrator",
  removeLabel: "Remove from team",
  demoteText: <p>They stay in the team but can no longer manage its members, edit it or create teams in it.</p>,
  removeText: <p>They will no longer be a member, and lose access to anything they could view only through this team, from their next page.</p>,
  empty: "This team has no members yet.",
};

/** P5: a team's members; for those who manage the team, make/remove admin and remove (confirmed). */
export function MembersTable({ teamId, teamName, members, canManage }: { teamId: number; teamName: string; members: TeamMemberRow[]; canManage: boolean }) {
  return (
    <MemberAdminTable
      placeName={teamName}
      members={members}
      caption={`Members of ${teamName}`}
      canManage={canManage}
      adminMark="column"
      words={WORDS}
      setAdmin={(m, isAdmin) => setTeamAdminAction({ teamId, personId: m.id, isAdmin })}
      remove={(m) => removeTeamMemberAction({ teamId, personId: m.id })}
    />
  );
}
