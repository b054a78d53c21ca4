"use client";
import Link from "next/link";
import { useState } from "react";
import { MembershipControls } from "./membership-controls";

export interface WaitingRow {
  groupId: number;
  slug: string;
  name: string;
  /** Already formatted for the reader. */
  when: string;
  invitedByName?: string | null;
}

const INVITED = { state: "invited", mayJoin: false, mayRequest: false, onlyAdmin: false } as const;
const REQUESTED = { state: "requested", mayJoin: false, mayRequest: false, onlyAdmin: false } as const;

/**
 * G1 G5: the viewer's pending invitations (accept / decline) and requests (cancel). One
 * status region for the page: an answered row leaves the list, and what happened is still said.
 */
export function OwnInvitations({ invitations, requests }: { invitations: WaitingRow[]; requests: WaitingRow[] }) {
  const [status, setStatus] = useState("");
  return (
    <>
      <p role="status" aria-live="polite" className={status ? "mt-4 border-l-4 border-green-700 bg-green-50 p-3 font-semibold" : "sr-only"}>
        {status}
      </p>
      <section aria-labelledby="invited-heading" className="mt-6">
        <h2 id="invited-heading" className="text-2xl font-bold">
          Invitations to join a group
        </h2>
        {invitations.length === 0 ? <p className="mt-2 text-gray-700">You have no invitations waiting.</p> : null}
        <ul className="mt-2 divide-y divide-gray-300">
          {invitations.map((i) => (
            <li key={i.groupId} className="py-4">
              <h3 className="text-xl font-semibold">
                <Link href={`/groups/${i.slug}`} className="text-brand-700 underline">
                  {i.name}
                </Link>
              </h3>
              <p className="text-sm text-gray-700">
                Invited {i.when}
                {i.invitedByName ? ` by ${i.invitedByName}` : ""}
              </p>
              <MembershipControls groupId={i.groupId} groupName={i.name} membership={INVITED} onDone={setStatus} />
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
                <Link href={`/groups/${r.slug}`} className="text-brand-700 underline">
                  {r.name}
                </Link>
              </h3>
              <p className="text-sm text-gray-700">Asked {r.when}</p>
              <MembershipControls groupId={r.groupId} groupName={r.name} membership={REQUESTED} onDone={setStatus} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
