import Link from "next/link";
import { formatDateTime } from "@/components/content/format";
import { PersonName } from "@/components/people/person-name";
import { Pager } from "@/components/ui/pager";
import type { AccessSubject } from "@/lib/access/types";
import { type CommentView, getConversation } from "@/lib/comments/queries";
import { COMMENT_TARGET_NOUN, commentOrderOf } from "@/lib/comments/schemas";
import { type CommentTarget, targetHref } from "@/lib/comments/target";
import { CommentBox } from "./comment-box";
import { CommentControls } from "./comment-controls";
import { CommentText } from "./comment-text";
import { CommentsToggle } from "./comments-toggle";

/** The address parameters the comments read: their order, and the page's cursor. */
export interface CommentsParams {
  comments?: string | string[];
  commentsAfter?: string | string[];
}

const WORDS = {
  newest: { first: "← Newest comments", next: "Older comments →" },
  oldest: { first: "← First comments", next: "Later comments →" },
};

/**
 * K1: the comments under a comment target — an item, an idea, a wall post or a query
 * (lib/comments/target.ts) — for everyone who may view it (externals included): the box to
 * write one while it takes comments, the threads (one level of replies) newest or oldest
 * first (the order is in the address), keyset pages of top-level comments, and the switch
 * that turns comments off for those allowed. The same for every target: the page that shows
 * it passes `target` and the page's search parameters.
 */
export async function Comments({ target, viewer, params }: { target: CommentTarget; viewer: AccessSubject; params: CommentsParams }) {
  const order = commentOrderOf(params.comments);
  const cursor = typeof params.commentsAfter === "string" ? params.commentsAfter : null;
  const conversation = await getConversation(viewer, target, { order, cursor });
  if (!conversation) return null;
  const { threads, mayModerate } = conversation;
  const open = conversation.mayComment && !conversation.commentsOff;
  const base = targetHref(target);

  const renderComment = (c: CommentView, topLevel: boolean) => (
    <article id={`comment-${c.id}`} aria-label={`Comment by ${c.authorName}`} className="scroll-mt-4 py-3">
      <p className="text-sm text-gray-700">
        <PersonName person={{ id: c.authorId, name: c.authorName, linked: c.authorLinked }} className="font-semibold text-gray-900" />
        {c.mine ? " (you)" : null} · <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt)}</time>
        {c.edited ? " · edited" : null}
      </p>
      {c.state === "deleted" ? <p className="mt-1 italic text-gray-700">This comment was deleted.</p> : null}
      {c.state === "hidden" ? (
        <div className="mt-1">
          <p className="italic text-gray-700">Hidden by a moderator.</p>
          {c.hiddenReason ? <p className="text-sm text-gray-800">Reason: {c.hiddenReason}</p> : null}
          {/* K2: only its author is sent the text of a hidden comment. */}
          {c.body !== null ? (
            <div className="mt-1 border-l-4 border-gray-300 pl-3 text-gray-800">
              <p className="text-sm">Only you can see your text:</p>
              <CommentText body={c.body} />
            </div>
          ) : null}
        </div>
      ) : null}
      {c.state === "shown" && c.body !== null ? <CommentText body={c.body} /> : null}
      <CommentControls
        target={target}
        commentId={c.id}
        authorName={c.authorName}
        state={c.state}
        mine={c.mine}
        body={c.mine ? c.body : null}
        mayReport={c.mayReport}
        mayModerate={mayModerate}
        mayReply={topLevel && open}
      />
    </article>
  );

  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-10 border-t border-gray-300 pt-6">
      <h2 id="comments-heading" className="text-xl font-bold">
        Comments ({conversation.count})
      </h2>
      {conversation.mayToggle ? <CommentsToggle target={target} off={conversation.commentsOff} /> : null}
      {conversation.commentsOff ? <p className="mt-3 rounded border-l-4 border-gray-700 bg-gray-50 p-3">Comments are turned off for {COMMENT_TARGET_NOUN[target.kind]}.</p> : null}
      {open ? <CommentBox target={target} label="Your comment" submitLabel="Post comment" /> : null}

      {threads.length || cursor ? (
        <nav aria-label="Order of comments" className="mt-6 flex flex-wrap gap-x-4 text-sm">
          {(["newest", "oldest"] as const).map((o) => (
            <Link
              key={o}
              href={o === "newest" ? `${base}#comments` : `${base}?comments=oldest#comments`}
              aria-current={o === order ? "true" : undefined}
              className={`inline-block min-h-11 py-3 ${o === order ? "font-bold text-gray-900" : "text-brand-700 underline"}`}
            >
              {o === "newest" ? "Newest first" : "Oldest first"}
            </Link>
          ))}
        </nav>
      ) : null}

      {threads.length ? (
        <ol className="mt-2 divide-y divide-gray-300 border-y border-gray-300">
          {threads.map((t) => (
            <li key={t.id}>
              {renderComment(t, true)}
              {t.replies.length ? (
                <ol aria-label={`Replies to ${t.authorName}`} className="mb-3 ml-4 border-l-4 border-gray-200 pl-4 sm:ml-8">
                  {t.replies.map((r) => (
                    <li key={r.id}>{renderComment(r, false)}</li>
                  ))}
                </ol>
              ) : null}
              {t.moreReplies ? <p className="mb-3 ml-8 text-sm text-gray-700">Only the first replies are shown here.</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-4 text-gray-700">{cursor ? "No more comments." : "No comments yet."}</p>
      )}
      <Pager
        basePath={base}
        next={conversation.next}
        isFirstPage={!cursor}
        label="More comments"
        params={order === "oldest" ? { comments: "oldest" } : {}}
        cursorParam="commentsAfter"
        words={WORDS[order]}
        fragment="#comments"
      />
    </section>
  );
}
