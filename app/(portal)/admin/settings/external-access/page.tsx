import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ExternalAccessForm } from "@/components/admin/external-access-form";
import { requireViewer } from "@/lib/access/viewer";
import { getExternalAccess } from "@/lib/settings/queries";
import { canAsWebmaster } from "@/lib/access/policies";

export const metadata: Metadata = { title: "External user access" };

/** E5 (webmasters): which apps and directories external people may use. */
export default async function ExternalAccessPage() {
  const viewer = await requireViewer();
  if (!canAsWebmaster(viewer, "settings.manage")) forbidden();
  const access = await getExternalAccess();
  return (
    <>
      <h1 className="text-3xl font-bold">External user access</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        External people always have the extranet home page, the sections they are members of, their feed, their profile and their own content. Switch an
        app or directory on to give them the same access to it as people in the organisation; off, it is missing from their menus and refused if they
        ask for it.
      </p>
      <ExternalAccessForm initial={access} />
    </>
  );
}
