"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { GroupMemberRow } from "@/lib/groups/manage-queries";
import { AddPeople } from "./add-people";
import { GroupMemberTable } from "./member-table";

/** G5: add members, and the page of members shown (admins listed first, whatever page is open). */
export function GroupMembers({ groupId, groupName, admins, members }: { groupId: number; groupName: string; admins: GroupMemberRow[]; members: GroupMemberRow[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const done = (message: string) => {
    setStatus(message);
    router.refresh();
  };
  const others = members.filter((m) => !m.isAdmin);
  return (
    <>
      <p role="status" aria-live="polite" className={status ? "mt-4 border-l-4 border-green-700 bg-green-50 p-3 font-semibold" : "sr-only"}>
        {status}
      </p>
      <AddPeople mode="add" groupId={groupId} groupName={groupName} exclude={[...admins, ...members].map((m) => m.id)} onDone={done} />
      <h3 className="mt-6 text-xl font-bold">Admins</h3>
      <GroupMemberTable groupId={groupId} groupName={groupName} members={admins} caption={`Admins of ${groupName}`} />
      <h3 className="mt-6 text-xl font-bold">Members</h3>
      <GroupMemberTable groupId={groupId} groupName={groupName} members={others} caption={`Members of ${groupName}`} />
    </>
  );
}
