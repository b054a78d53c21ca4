import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/content/format";
import { MembershipControls } from "@/components/groups/membership-controls";
import { requireViewer } from "@/lib/access/viewer";
import { ownInvitationsAndRequests } from "@/lib/groups/manage-queries";

export const metadata: Metadata = { title: "Invitations and requests" };

/** G1 G5: the viewer's pending invitations (accept / decline) and requests (cancel), for groups they may see now. */
export default async function InvitationsPage() {
  const viewer = await requireViewer();
  const { invitations, requests } = await ownInvitationsAndRequests(viewer);
  return (
    <>
      <h1 className="text-3xl font-bold">Invitations and requests</h1>
      <section aria-labelledby="invited-heading" className="mt-6">
        <h2 id="invited-heading" className="text-2xl font-bold">
          Invitations to join a group
        </h2>
        {invitations.length === 0 ? <p className="mt-2 text-gray-700">You have no invitations waiting.</p> : null}
        <ul className="mt-2 divide-y divide-gray-300">
          {invitations.map((i) => (
            <li key={i.groupId} className="py-4">
              <h3 className="text-xl font-semibold">
                <Link href={`/groups/${i.slug}/manage/membership`} className="text-brand-700 underline">
                  {i.name}
                </Link>
              </h3>
              <p className="text-sm text-gray-700">
                Invited {formatDate(i.createdAt)}
                {i.invitedByName ? ` by ${i.invitedByName}` : ""}
              </p>
              <MembershipControls groupId={i.groupId} groupName={i.name} membership={{ state: "invited", mayJoin: false, mayRequest: false, onlyAdmin: false }} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="requested-heading" className="mt-8">
        <h2 id="requested-heading" className="text-2xl font-bold">
          Your requests to join
        </h2>
        {requests.length === 0 ? <p className="mt-2 text-gray-700">You have no requests waiting.</p> : null}
        <ul className="mt-2 divide-y divide-gray-300">
          {requests.map((r) => (
            <li key={r.groupId} className="py-4">
              <h3 className="text-xl font-semibold">
                <Link href={`/groups/${r.slug}/manage/membership`} className="text-brand-700 underline">
                  {r.name}
                </Link>
              </h3>
              <p className="text-sm text-gray-700">Asked {formatDate(r.createdAt)}</p>
              <MembershipControls groupId={r.groupId} groupName={r.name} membership={{ state: "requested", mayJoin: false, mayRequest: false, onlyAdmin: false }} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
