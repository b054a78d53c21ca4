/**
 * K2 K3: the Message Wall's part of the moderation queue, for the wall's moderators
 * (webmasters and the people named for "messageWall"): reported posts, oldest report first,
 * with their reasons (never who gave them), and hidden posts, to restore. Renders nothing
 * for anyone else, or while the wall is off. For /moderation: pass the viewer and the
 * page's `wall` search parameter (this listing's cursor).
 *
 *   <WallModerationQueue viewer={viewer} cursor={params.wall} basePath="/moderation" />
 */
import Link from "next/link";
import { CommentText } from "@/components/comments/comment-text";
import { Pager } from "@/components/ui/pager";
import type { AccessSubject } from "@/lib/access/types";
import { formatDateTime } from "@/lib/content/time";
import { listWallModerationQueue } from "@/lib/wall/queries";
import { WallQueueControls } from "./moderation-controls";

export const WALL_QUEUE_CURSOR = "wall";

export async function WallModerationQueue({ viewer, cursor, basePath = "/moderation", params = {} }: { viewer: AccessSubject; cursor?: string | null; basePath?: string; params?: Record<string, string> }) {
  const page = await listWallModerationQueue(viewer, cursor ?? null);
  if (!page) return null;
  return (
    <section aria-labelledby="wall-queue" className="mt-10">
      <h2 id="wall-queue" className="text-xl font-bold">
        Message Wall: reported and hidden posts
      </h2>
      {page.items.length ? (
        <ul className="mt-4 divide-y divide-gray-300 border-y border-gray-300">
          {page.items.map((p) => (
            <li key={p.postId} className="py-4">
              <article aria-label={`${p.hidden ? "Hidden" : "Reported"} post by ${p.authorName}`}>
                <p className="text-sm text-gray-700">
                  <span className="font-semibold text-gray-900">{p.authorName}</span> ·{" "}
                  <Link href={`/wall/${p.postId}`} className="text-brand-700 underline">
                    {formatDateTime(p.createdAt)}
                  </Link>
                </p>
                <CommentText body={p.body} />
                {p.hidden ? <p className="mt-1 italic text-gray-700">Hidden by a moderator{p.hiddenReason ? `: ${p.hiddenReason}` : "."}</p> : null}
                {p.reasons.length ? (
                  <>
                    <h3 className="mt-2 font-semibold">
                      {p.reasons.length === 1 ? "1 report" : `${p.reasons.length} reports`}, first on {formatDateTime(p.since)}
                    </h3>
                    <ul className="ml-5 list-disc">
                      {p.reasons.map((reason, i) => (
                        <li key={i} className="whitespace-pre-wrap break-words">
                          {reason}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                <WallQueueControls postId={p.postId} about={`post by ${p.authorName}`} hidden={p.hidden} reported={p.reasons.length > 0} />
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-gray-700">No wall posts are reported or hidden.</p>
      )}
      <Pager basePath={basePath} params={params} next={page.next} isFirstPage={!cursor} label="Wall moderation pages" cursorParam={WALL_QUEUE_CURSOR} words={{ first: "← First posts", next: "More posts →" }} />
    </section>
  );
}
