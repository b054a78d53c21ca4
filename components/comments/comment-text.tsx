import { commentParts } from "@/lib/comments/text";

/**
 * K1: a comment's plain text, its line breaks kept: links (http and https only) open as
 * user content (rel="nofollow ugc noopener"), mentions show the name (E6; profiles have no
 * page yet). React escapes every run: nothing in a comment is ever HTML.
 */
export function CommentText({ body }: { body: string }) {
  return (
    <p className="mt-1 whitespace-pre-wrap break-words">
      {commentParts(body).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} rel="nofollow ugc noopener" className="text-brand-700 underline">
            {part.text}
          </a>
        ) : part.kind === "mention" ? (
          <span key={i} className="font-semibold">
            @{part.name}
          </span>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
