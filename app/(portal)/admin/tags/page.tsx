import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { TagTable } from "@/components/admin/tag-table";
import { buttonClass } from "@/components/ui/button";
import { FilterSearch } from "@/components/ui/filter-select";
import { IN_ORDER, Pager } from "@/components/ui/pager";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { tagListParams } from "@/lib/tags/admin-schemas";
import { listTagUses } from "@/lib/tags/queries";
import { TAG_MAX } from "@/lib/tags/schemas";

export const metadata: Metadata = { title: "Tags" };

/** D7: webmasters rename, merge and delete tags everywhere they are used; a page of tags at a time, searchable. */
export default async function AdminTagsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireViewer()]);
  if (!canAsWebmaster(viewer, "tags.manage")) forbidden();
  const params = tagListParams.parse({ q: typeof raw.q === "string" ? raw.q : "", after: typeof raw.after === "string" ? raw.after : undefined });
  const page = await listTagUses(viewer, params);
  if (!page) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">Tags</h1>
      <p className="mt-2 max-w-prose text-gray-800">
        Every tag in use, with how many items, ideas and group files carry it. Rename a tag to correct it everywhere at once; rename it to another tag&apos;s
        name to merge the two. Every change is recorded in the audit log.
      </p>
      <form method="get" action="/admin/tags" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Search tags">
        <FilterSearch id="tags-q" label="Tags containing" value={params.q} maxLength={TAG_MAX} />
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
      </form>
      <TagTable
        tags={page.tags}
        empty={params.after ? "There are no more tags." : params.q ? `No tag contains “${params.q}”.` : "No tags yet. Tags are added when content, ideas and group files are tagged."}
      />
      <Pager basePath="/admin/tags" next={page.next} isFirstPage={!params.after} label="Tag pages" params={params.q ? { q: params.q } : {}} cursorParam="after" words={IN_ORDER} />
    </>
  );
}
