import type { Metadata } from "next";
import Link from "next/link";
import { CommentText } from "@/components/comments/comment-text";
import { ReportedCommentControls, RestoreCommentButton } from "@/components/comments/moderation-controls";
import { formatDateTime } from "@/components/content/format";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { WallModerationQueue } from "@/components/wall/moderation-queue";
import { listHiddenComments, listReportedComments } from "@/lib/comments/queries";

export const metadata: Metadata = { title: "Moderation" };

type Search = { reports?: string; hidden?: string; wall?: string };

/**
 * K2 K3: the moderation queue: reported comments the viewer may hide (their sections' items,
 * S7 cascade; their groups' items, G5; comments on ideas, wall posts and queries for their
 * app's moderators, G8; everything for webmasters), oldest report first, and the comments
 * hidden there, to restore. Only comments on what the viewer may view (C2, E5), each naming
 * where it is (an item's or idea's or query's title, "a wall post by …").
 * Reporters are never named: the comment's author may be the moderator reading this.
 */
export default async function ModerationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [params, viewer] = await Promise.all([searchParams, requireViewer()]);
  const reportsCursor = typeof params.reports === "string" ? params.reports : null;
  const hiddenCursor = typeof params.hidden === "string" ? params.hidden : null;
  const [reported, hidden] = await Promise.all([listReportedComments(viewer, reportsCursor), listHiddenComments(viewer, hiddenCursor)]);

  return (
    <>
      <h1 className="text-3xl font-bold">Moderation</h1>
      <p className="mt-2 text-gray-800">Comments reported where you moderate (items, ideas, wall posts, queries), and the comments hidden there. Hiding and restoring are recorded in the audit log.</p>

      <section aria-labelledby="reported" className="mt-8">
        <h2 id="reported" className="text-xl font-bold">
          Reported comments
        </h2>
        {reported.items.length ? (
          <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
            {reported.items.map((r) => (
              <li key={r.commentId} className="py-4">
                <article aria-label={`Reported comment by ${r.authorName}`}>
                  <p className="text-sm text-gray-700">
                    On{" "}
                    <Link href={`${r.place.href}#comment-${r.commentId}`} className="text-brand-700 underline">
                      {r.place.label}
                    </Link>{" "}
                    · <span className="font-semibold text-gray-900">{r.authorName}</span> · {formatDateTime(r.createdAt)}
                  </p>
                  {r.body !== null && r.state !== "deleted" ? <CommentText body={r.body} /> : <p className="mt-1 italic">Its author deleted this comment.</p>}
                  {r.state === "hidden" ? <p className="mt-1 italic text-gray-700">Hidden by a moderator.</p> : null}
                  <h3 className="mt-2 font-semibold">
                    {r.reasons.length === 1 ? "1 report" : `${r.reasons.length} reports`}, first on {formatDateTime(r.firstReportedAt)}
                  </h3>
                  <ul className="ml-5 list-disc">
                    {r.reasons.map((reason, i) => (
                      <li key={i} className="whitespace-pre-wrap break-words">
                        {reason}
                      </li>
                    ))}
                  </ul>
                  <ReportedCommentControls commentId={r.commentId} about={`comment by ${r.authorName}`} hideable={r.state === "shown"} />
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 text-gray-700">No reports are waiting for you.</p>
        )}
        <Pager basePath="/moderation" next={reported.next} isFirstPage={!reportsCursor} label="Reported comments pages" cursorParam="reports" words={{ first: "← First reports", next: "More reports →" }} />
      </section>

      <section aria-labelledby="hidden" className="mt-10">
        <h2 id="hidden" className="text-xl font-bold">
          Hidden comments
        </h2>
        {hidden.items.length ? (
          <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
            {hidden.items.map((c) => (
              <li key={c.commentId} className="py-4">
                <article aria-label={`Hidden comment by ${c.authorName}`}>
                  <p className="text-sm text-gray-700">
                    On{" "}
                    <Link href={`${c.place.href}#comment-${c.commentId}`} className="text-brand-700 underline">
                      {c.place.label}
                    </Link>{" "}
                    · <span className="font-semibold text-gray-900">{c.authorName}</span> · hidden {formatDateTime(c.hiddenAt)}
                  </p>
                  <CommentText body={c.body} />
                  {c.reason ? <p className="mt-1 text-sm">Reason given: {c.reason}</p> : null}
                  <RestoreCommentButton commentId={c.commentId} about={`comment by ${c.authorName}`} />
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 text-gray-700">No hidden comments.</p>
        )}
        <Pager basePath="/moderation" next={hidden.next} isFirstPage={!hiddenCursor} label="Hidden comments pages" cursorParam="hidden" words={{ first: "← Most recently hidden", next: "Hidden earlier →" }} />
      </section>
      {/* K2 K3: the wall's reported and hidden posts, for its moderators only (nothing for anyone else). */}
      <WallModerationQueue viewer={viewer} cursor={typeof params.wall === "string" ? params.wall : null} />
    </>
  );
}
