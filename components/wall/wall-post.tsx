/**
 * G4: one wall post as the viewer may see it (the query decided every field): its author,
 * when (linking to its permalink), "edited", its text with links and mentions (React escapes
 * every run), its image, its favourites and comments, and the controls the viewer may use.
 * A hidden post shows "Hidden by a moderator"; its author (and the wall's moderators) also
 * the reason, and its author the text.
 */
import Link from "next/link";
import { CommentText } from "@/components/comments/comment-text";
import { ExternalBadge } from "@/components/ui/external-badge";
import { formatDateTime } from "@/lib/content/time";
import type { WallPostView } from "@/lib/wall/queries";
import { WallFavouriteButton } from "./favourite-button";
import { PostControls } from "./post-controls";

const commentsText = (n: number) => `${n} comment${n === 1 ? "" : "s"}`;

export function WallPost({ post, headingLevel = 2, permalink = false }: { post: WallPostView; headingLevel?: 2 | 3; permalink?: boolean }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const when = formatDateTime(post.createdAt);
  return (
    <article className="rounded border-2 border-gray-300 p-4" aria-labelledby={`post-${post.id}-by`} data-testid="wall-post">
      <header className="flex flex-wrap items-baseline gap-x-3">
        <Heading id={`post-${post.id}-by`} className="text-lg font-semibold">
          {post.authorName}
          {post.authorExternal ? <ExternalBadge /> : null}
        </Heading>
        {permalink ? (
          <time dateTime={post.createdAt.toISOString()} className="text-sm text-gray-800">
            {when}
          </time>
        ) : (
          <Link href={`/wall/${post.id}`} className="text-sm text-brand-700 underline">
            <time dateTime={post.createdAt.toISOString()}>{when}</time>
            <span className="sr-only">: the post by {post.authorName} on its own page</span>
          </Link>
        )}
        {post.edited ? <span className="text-sm text-gray-800">(edited)</span> : null}
      </header>
      {post.hidden ? (
        <div className="mt-2 border-l-4 border-amber-600 bg-amber-50 p-3">
          <p className="font-semibold">Hidden by a moderator</p>
          {post.hiddenReason ? <p className="mt-1">Reason: {post.hiddenReason}</p> : null}
          {post.mine ? <p className="mt-1 text-sm">Only you and the wall’s moderators can read it now.</p> : null}
        </div>
      ) : null}
      {post.body !== null ? <CommentText body={post.body} /> : null}
      {post.image ? (
        // eslint-disable-next-line @next/next/no-img-element -- served by /api/uploads with its own access check
        <img src={post.image.src} alt={post.image.alt} className="mt-3 max-h-96 w-auto max-w-full rounded border" loading="lazy" />
      ) : null}
      {!post.hidden ? (
        <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
          <WallFavouriteButton postId={post.id} favourite={post.favourite} count={post.favouriteCount} />
          {permalink ? (
            <span className="text-sm text-gray-800">{commentsText(post.commentCount)}</span>
          ) : (
            <Link href={`/wall/${post.id}#comments`} className="text-sm text-brand-700 underline">
              {commentsText(post.commentCount)}
              <span className="sr-only"> on the post by {post.authorName}</span>
            </Link>
          )}
        </div>
      ) : null}
      <PostControls
        postId={post.id}
        authorName={post.authorName}
        hidden={post.hidden}
        body={post.body}
        version={post.version}
        mayEdit={post.mayEdit}
        mayDelete={post.mayDelete}
        mayReport={post.mayReport}
        reported={post.reported}
        mayModerate={post.mayModerate}
        afterDelete={permalink ? "/wall" : undefined}
      />
    </article>
  );
}
