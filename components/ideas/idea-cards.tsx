import type { ReactNode } from "react";
import { formatDate } from "@/lib/content/time";
import { pgTime } from "@/lib/ideas/schemas";
import type { IdeaCard } from "@/lib/ideas/queries";
import { IdeaStatusBadge, IdeaTags, commentsLabel, votesLabel } from "./status-badge";

/**
 * The /ideas cards (G8): title linking to the idea, status, votes (and whether the viewer
 * voted), comments, author (a plain name), date and tags. The caller's query has decided
 * that the viewer may use Ideas.
 */
export function IdeaCards({ ideas, empty }: { ideas: IdeaCard[]; empty: ReactNode }) {
  if (!ideas.length) return <div className="mt-6 rounded border border-gray-300 bg-gray-50 p-4">{empty}</div>;
  return (
    <ul className="mt-6 grid gap-4" aria-label="Ideas">
      {ideas.map((idea) => (
        <li key={idea.id} className="flex flex-col gap-2 rounded border border-gray-300 p-4 sm:flex-row sm:items-start sm:gap-4">
          <p className="flex shrink-0 flex-row items-baseline gap-2 sm:w-20 sm:flex-col sm:items-center sm:gap-0">
            <span className="text-2xl font-bold">{idea.voteCount}</span>
            <span className="text-sm text-gray-800">{idea.voteCount === 1 ? "vote" : "votes"}</span>
            {idea.voted ? <span className="text-sm font-semibold text-green-800">You voted</span> : null}
          </p>
          <div className="flex min-w-0 flex-col gap-2">
            <h2 className="text-lg font-bold break-words">
              <a href={`/ideas/${idea.id}`} className="text-brand-700 underline underline-offset-2 hover:no-underline">
                {idea.title}
              </a>
            </h2>
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-800">
              <IdeaStatusBadge status={idea.status} />
              <span className="sr-only">{votesLabel(idea.voteCount)},</span>
              <span>{commentsLabel(idea.commentCount)}</span>
              <span>
                by {idea.authorName}, <time dateTime={pgTime(idea.createdAt).toISOString()}>{formatDate(pgTime(idea.createdAt))}</time>
              </span>
            </p>
            <IdeaTags tags={idea.tags} />
          </div>
        </li>
      ))}
    </ul>
  );
}
