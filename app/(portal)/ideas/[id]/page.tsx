import type { Metadata } from "next";
import Link from "next/link";
import { Comments, type CommentsParams } from "@/components/comments/comments";
import { DeleteIdeaButton, FollowIdeaButton, IdeaStatusForm, VoteControls } from "@/components/ideas/idea-controls";
import { IdeaStatusBadge, IdeaTags, commentsLabel } from "@/components/ideas/status-badge";
import { buttonClass } from "@/components/ui/button";
import { requireExternalApp } from "@/lib/access/external-guard";
import { sanitizeRichText } from "@/lib/content/sanitize";
import { formatDate, formatDateTime } from "@/lib/content/time";
import { getIdea } from "@/lib/ideas/queries";
import { IDEA_STATUS_LABEL, pgTime } from "@/lib/ideas/schemas";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { getViewer } from "@/lib/access/viewer";
import { recordView } from "@/lib/analytics/record";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<CommentsParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ id }, viewer] = await Promise.all([params, getViewer()]);
  if (!viewer) return { title: "Idea" };
  return { title: lookupTitle(await getIdea(viewer, id), (idea) => idea.title) };
}

/**
 * G4 G8 K4 E5: one idea: its status with the latest note, description, tags, author, votes,
 * following, and what the viewer may do (edit and delete: the author while new, moderators
 * always; the status: moderators). 404 for an unknown idea and for whoever may not use Ideas.
 */
export default async function IdeaPage({ params, searchParams }: Props) {
  const [{ id }, viewer, commentParams] = await Promise.all([params, requireExternalApp("ideas"), searchParams]);
  const idea = found(await getIdea(viewer, id));
  recordView(viewer, { page: "app", app: "ideas", path: `/ideas/${idea.id}` }); // D1
  const description = idea.description ? sanitizeRichText(idea.description, { keepUpload: () => false }) : "";

  return (
    <article className="max-w-3xl">
      <p>
        <Link href="/ideas" className="text-brand-700 underline">
          ← All ideas
        </Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold break-words">{idea.title}</h1>
      <p className="mt-2 text-gray-800">
        Submitted by {idea.authorName} on <time dateTime={pgTime(idea.createdAt).toISOString()}>{formatDate(pgTime(idea.createdAt))}</time> ·{" "}
        {commentsLabel(idea.commentCount)}
      </p>

      <section aria-labelledby="idea-status" className="mt-4 rounded border border-gray-300 bg-gray-50 p-4">
        <h2 id="idea-status" className="flex flex-wrap items-center gap-2 text-lg font-bold">
          Status <IdeaStatusBadge status={idea.status} />
        </h2>
        {idea.statusChangedAt ? (
          <p className="mt-2 text-gray-800">
            Set to {IDEA_STATUS_LABEL[idea.status]} by {idea.statusChangedByName ?? "a former moderator"} on{" "}
            <time dateTime={pgTime(idea.statusChangedAt).toISOString()}>{formatDateTime(pgTime(idea.statusChangedAt))}</time>.
          </p>
        ) : (
          <p className="mt-2 text-gray-800">Not reviewed yet.</p>
        )}
        {idea.statusNote ? (
          <blockquote className="mt-2 border-l-4 border-gray-500 pl-3 whitespace-pre-line" aria-label="Moderator's note">
            {idea.statusNote}
          </blockquote>
        ) : null}
      </section>

      <div className="mt-6 flex flex-wrap items-start gap-6">
        <VoteControls ideaId={idea.id} voted={idea.voted} voteCount={idea.voteCount} />
        <FollowIdeaButton ideaId={idea.id} following={idea.following} />
        {idea.mayEdit ? (
          <div className="flex flex-wrap gap-3">
            <Link href={`/ideas/${idea.id}/edit`} className={buttonClass.secondary}>
              Edit
            </Link>
            <DeleteIdeaButton ideaId={idea.id} title={idea.title} />
          </div>
        ) : null}
      </div>

      {description ? (
        <section aria-label="Description" className="mt-6">
          <div className="prose-portico max-w-none" dangerouslySetInnerHTML={{ __html: description }} />
        </section>
      ) : (
        <p className="mt-6 text-gray-700">No description was given.</p>
      )}
      <div className="mt-4">
        <IdeaTags tags={idea.tags} linked />
      </div>

      {idea.mayModerate ? (
        <div className="mt-8">
          <IdeaStatusForm ideaId={idea.id} status={idea.status} />
        </div>
      ) : null}

      {/* K1 G4: the conversation, as under every item. */}
      <Comments target={{ kind: "idea", id: idea.id }} viewer={viewer} params={commentParams} />
    </article>
  );
}
