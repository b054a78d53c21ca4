import type { Metadata } from "next";
import { formatDate } from "@/components/content/format";
import { OwnInvitations } from "@/components/groups/own-invitations";
import { requireViewer } from "@/lib/access/viewer";
import { ownInvitationsAndRequests } from "@/lib/groups/manage-queries";

export const metadata: Metadata = { title: "Invitations and requests" };

/** G1 G5: the viewer's pending invitations and requests, for groups they may see now (C5). */
export default async function InvitationsPage() {
  const viewer = await requireViewer();
  const { invitations, requests } = await ownInvitationsAndRequests(viewer);
  const row = ({ createdAt, groupId, slug, name, invitedByName }: (typeof invitations)[number]) => ({ groupId, slug, name, invitedByName, when: formatDate(createdAt) });
  return (
    <>
      <h1 className="text-3xl font-bold">Invitations and requests</h1>
      <OwnInvitations invitations={invitations.map(row)} requests={requests.map(row)} />
    </>
  );
}
