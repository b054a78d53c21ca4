import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ViewAsForm } from "@/components/access/view-as-form";
import { can } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "View as someone" };

/**
 * B2: a webmaster chooses a person and browses the site exactly as they see it, read-only;
 * a section manager does the same within the sections they manage.
 */
export default async function ViewAsPage() {
  const viewer = await requireViewer();
  if (!(await can(viewer, "access.viewAs", null))) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">View the site as someone</h1>
      <div className="mt-2 max-w-prose space-y-2 text-gray-800">
        {viewer.isWebmaster ? (
          <p>
            Choose a person to see every page exactly as they see it: their home, sections, groups, search and notifications, decided by the same rules. You
            stay signed in as yourself: nothing of theirs is used or changed, and nothing can be changed while you view as them.
          </p>
        ) : (
          <p>
            Choose a person to see the pages of the sections you manage, and of the items in them, exactly as they see them, decided by the same rules. Every
            other page stays as you see it. You stay signed in as yourself: nothing of theirs is used or changed, and nothing can be changed while you view as
            them.
          </p>
        )}
        <p>A banner on every page says whom you are viewing as, and ends it in one click. Starting and ending are recorded in the audit log.</p>
      </div>
      <ViewAsForm />
    </>
  );
}
