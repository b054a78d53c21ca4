import type { Metadata } from "next";
import { cache } from "react";
import { CommentText } from "@/components/comments/comment-text";
import { Comments, type CommentsParams } from "@/components/comments/comments";
import { formatDateTime } from "@/components/content/format";
import { AnswerControls } from "@/components/queries/answer-controls";
import { AnswerForm } from "@/components/queries/answer-form";
import { QueryStatusBadge } from "@/components/queries/status-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { requireExternalApp } from "@/lib/access/external-guard";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { getQueryPage } from "@/lib/queries-app/queries";
import { recordView } from "@/lib/analytics/record";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<CommentsParams> };

const lookup = cache(async (id: string) => getQueryPage(await requireExternalApp("queries"), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: lookupTitle(await lookup((await params).id), (q) => q.title) };
}

function When({ at }: { at: string }) {
  const date = new Date(at);
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}

/**
 * G8: one query — the question, its status, team and asker; its answers, the accepted one
 * first and marked, then oldest first; the answer form for those who answer it; accepting an
 * answer for the asker and moderators. 404 for anyone who may not use Queries (E5).
 */
export default async function QueryPage({ params, searchParams }: Props) {
  const [query, viewer, commentParams] = await Promise.all([lookup((await params).id).then(found), requireExternalApp("queries"), searchParams]);
  recordView(viewer, { page: "app", app: "queries", path: `/queries/${query.id}` }); // D1
  const resolved = query.status === "resolved";
  const answers = query.answerCount === 1 ? "1 answer" : `${query.answerCount.toLocaleString("en-GB")} answers`;
  return (
    <>
      <Breadcrumbs trail={[{ href: "/queries", label: "Queries" }]} current={query.title} />
      <article aria-labelledby="query-title">
        <div className="flex flex-wrap items-center gap-2">
          <QueryStatusBadge status={query.status} />
        </div>
        <h1 id="query-title" className="mt-2 text-3xl font-bold break-words">
          {query.title}
        </h1>
        <p className="mt-2 text-gray-800">
          Asked by <span className="font-semibold">{query.askerName}</span>
          {query.askedByMe ? " (you)" : ""} on <When at={query.createdAt} /> · sent to <span className="font-semibold">{query.teamName}</span>
        </p>
        <div className="mt-4 max-w-prose text-lg">
          <CommentText body={query.body} />
        </div>
        {resolved ? (
          <p className="mt-4 max-w-prose border-l-4 border-green-700 bg-green-50 p-3" role="note">
            This query was resolved{query.resolvedAt ? (
              <>
                {" "}
                on <When at={query.resolvedAt} />
              </>
            ) : null}
            : an answer was accepted, and it takes no more answers.
          </p>
        ) : null}
      </article>

      <section aria-labelledby="answers-heading" className="mt-10">
        <h2 id="answers-heading" className="text-2xl font-bold">
          Answers <span className="text-lg font-normal text-gray-700">({answers})</span>
        </h2>
        {query.answers.length ? (
          <ol className="mt-4 space-y-4">
            {query.answers.map((a) => (
              <li key={a.id} id={`answer-${a.id}`} className={`rounded border-2 p-4 ${a.accepted ? "border-green-700 bg-green-50" : "border-gray-300"}`}>
                {a.accepted ? <p className="mb-2 inline-block rounded bg-green-800 px-2 py-0.5 text-sm font-bold text-white">Accepted answer</p> : null}
                <p className="text-sm text-gray-800">
                  <span className="font-semibold text-gray-900">{a.authorName}</span>
                  {a.mine ? " (you)" : ""} · <When at={a.createdAt} />
                  {a.editedAt ? (
                    <>
                      {" "}
                      · <span title={formatDateTime(new Date(a.editedAt))}>edited</span>
                    </>
                  ) : null}
                </p>
                <CommentText body={a.body} />
                <AnswerControls
                  queryId={query.id}
                  answerId={a.id}
                  authorName={a.authorName}
                  body={a.body}
                  version={a.editedAt ?? ""}
                  mayEdit={a.mine && !resolved}
                  mayAccept={query.mayAccept && !resolved}
                  onBehalf={!query.askedByMe}
                />
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-4">No answers yet. {query.mayAnswer ? "" : `The members of ${query.teamName} answer it.`}</p>
        )}
        {query.answerCount > query.answers.length ? (
          <p className="mt-4">The first {query.answers.length} answers are shown.</p>
        ) : null}
      </section>

      {query.mayAnswer && !resolved ? (
        <section aria-labelledby="answer-heading" className="mt-10">
          <h2 id="answer-heading" className="text-2xl font-bold">
            Answer this query
          </h2>
          <AnswerForm queryId={query.id} />
        </section>
      ) : null}

      {/* K1: the conversation under the query, as under every item. */}
      <Comments target={{ kind: "query", id: query.id }} viewer={viewer} params={commentParams} />
    </>
  );
}
