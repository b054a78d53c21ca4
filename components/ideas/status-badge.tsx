import Link from "next/link";
import { tagHref } from "@/lib/tags/schemas";
import { IDEA_STATUS_LABEL, type IdeaStatus } from "@/lib/ideas/schemas";

/** G8: an idea's status as text in a badge (its colour only repeats what the words say). */
const TONE: Record<IdeaStatus, string> = {
  new: "border-gray-700 bg-white text-gray-900",
  under_review: "border-amber-800 bg-amber-50 text-amber-900",
  planned: "border-blue-800 bg-blue-50 text-blue-900",
  done: "border-green-800 bg-green-50 text-green-900",
  declined: "border-red-800 bg-red-50 text-red-900",
};

export function IdeaStatusBadge({ status }: { status: IdeaStatus }) {
  return (
    <span className={`inline-flex items-center rounded border px-2 py-0.5 text-sm font-semibold ${TONE[status]}`}>
      <span className="sr-only">Status: </span>
      {IDEA_STATUS_LABEL[status]}
    </span>
  );
}

/** `linked`: each tag links to its tag's page (D7; the idea's own page, not the cards, which are links already). */
export function IdeaTags({ tags, linked = false }: { tags: string[]; linked?: boolean }) {
  if (!tags.length) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className="rounded bg-gray-100 px-2 py-0.5 text-sm text-gray-900">
          {linked ? (
            <Link href={tagHref(t)} className="text-brand-700 underline">
              #{t}
            </Link>
          ) : (
            `#${t}`
          )}
        </li>
      ))}
    </ul>
  );
}

export const votesLabel = (n: number) => (n === 1 ? "1 vote" : `${n} votes`);
export const commentsLabel = (n: number) => (n === 1 ? "1 comment" : `${n} comments`);
