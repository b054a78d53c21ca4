import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { TagTable } from "@/components/admin/tag-table";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { listTagUses } from "@/lib/tags/queries";

export const metadata: Metadata = { title: "Tags" };

/** D7: webmasters rename, merge and delete tags everywhere they are used. */
export default async function AdminTagsPage() {
  const viewer = await requireViewer();
  if (!canAsWebmaster(viewer, "tags.manage")) forbidden();
  const tags = await listTagUses(viewer);
  return (
    <>
      <h1 className="text-3xl font-bold">Tags</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Every tag in use, with how many items, ideas and group files carry it. Rename a tag to correct it everywhere at once; rename it to another tag&apos;s
        name to merge the two. Every change is recorded in the audit log.
      </p>
      <TagTable tags={tags ?? []} />
    </>
  );
}
