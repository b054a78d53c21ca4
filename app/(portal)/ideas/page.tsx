import type { Metadata } from "next";
import Link from "next/link";
import { IdeaCards } from "@/components/ideas/idea-cards";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { requireExternalApp } from "@/lib/access/external-guard";
import { listIdeas } from "@/lib/ideas/queries";
import { IDEA_SORTS, IDEA_SORT_LABEL, IDEA_STATUSES, IDEA_STATUS_LABEL, ideaListParams } from "@/lib/ideas/schemas";
import { FilterSelect } from "@/components/ui/filter-select";
import { recordView } from "@/lib/analytics/record";

export const metadata: Metadata = { title: "Ideas" };

/**
 * G4 G8 E5: the ideas, by votes (default), newest or status, filtered by status, in keyset
 * pages. Absent (404) for whoever may not use Ideas: external people without the switch,
 * everyone while a webmaster turned it off.
 */
export default async function IdeasPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, requireExternalApp("ideas")]);
  const params = ideaListParams(raw);
  const page = await listIdeas(viewer, params);
  recordView(viewer, { page: "app", app: "ideas" }); // D1

  const base: Record<string, string> = {};
  if (params.sort !== "votes") base.sort = params.sort;
  if (params.status) base.status = params.status;

  const empty = params.after ? (
    <p>There are no more ideas.</p>
  ) : params.status ? (
    <p>
      No ideas are {IDEA_STATUS_LABEL[params.status].toLowerCase()} yet. Choose All statuses to see every idea, or{" "}
      <Link href="/ideas/new" className="text-brand-700 underline">
        submit an idea
      </Link>
      .
    </p>
  ) : (
    <p>
      Nobody has shared an idea yet. Have one that would make work better?{" "}
      <Link href="/ideas/new" className="text-brand-700 underline">
        Submit the first idea
      </Link>
      : colleagues can then vote for it and follow it.
    </p>
  );

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">Ideas</h1>
        <Link href="/ideas/new" className={buttonClass.primary}>
          Submit an idea
        </Link>
      </div>
      <p className="mt-3 max-w-prose text-lg text-gray-800">
        Share ideas that would improve how we work, and vote for the ones you support. Moderators review them and say what happens next.
      </p>
      <form method="get" action="/ideas" className="mt-6 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="Sort and filter ideas">
        <FilterSelect id="ideas-sort" name="sort" label="Sort by" value={params.sort} options={IDEA_SORTS.map((s) => ({ value: s, label: IDEA_SORT_LABEL[s] }))} />
        <FilterSelect id="ideas-status" name="status" label="Status" value={params.status ?? ""} options={IDEA_STATUSES.map((s) => ({ value: s, label: IDEA_STATUS_LABEL[s] }))} anyLabel="All statuses" />
        <button type="submit" className={buttonClass.secondary}>
          Apply
        </button>
      </form>
      <p className="mt-4" role="status">
        {params.status ? `${IDEA_STATUS_LABEL[params.status]} ideas` : "All ideas"}, {IDEA_SORT_LABEL[params.sort].toLowerCase()} first
        {params.after ? " (a later page)" : ""}.
      </p>
      <IdeaCards ideas={page.items} empty={empty} />
      <Pager basePath="/ideas" next={page.next} isFirstPage={!params.after} label="Idea pages" params={base} cursorParam="after" words={{ first: "← First page", next: "More ideas →" }} />
    </>
  );
}
