import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CreateGroupFormView } from "@/components/groups/manage/create-group-form";
import { can } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "New group" };

/** G5: organisational people create groups; external people never (E5): 403. */
export default async function NewGroupPage() {
  const viewer = await requireViewer();
  if (!(await can(viewer, "group.create", null))) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">New group</h1>
      <p className="mt-2 max-w-prose">You will be the group&apos;s first admin: you manage its members, requests, invitations and settings, and can make others admins too.</p>
      <CreateGroupFormView />
    </>
  );
}
