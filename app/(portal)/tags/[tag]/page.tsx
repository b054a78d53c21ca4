import type { Metadata } from "next";
import Link from "next/link";
import { ContentList } from "@/components/content/content-list";
import { formatDate } from "@/components/content/format";
import { IDEA_STATUS_LABEL, type IdeaStatus } from "@/lib/ideas/schemas";
import { Pager } from "@/components/ui/pager";
import { requireViewer } from "@/lib/access/viewer";
import { listTagged } from "@/lib/content/listings";
import { taggedOthers } from "@/lib/tags/queries";
import { tagHref, tagParam } from "@/lib/tags/schemas";

type Props = { params: Promise<{ tag: string }>; searchParams: Promise<{ before?: string }> };

/** The address's tag, decoded and normalised; null when it cannot be a tag. */
function tagOf(raw: string): string | null {
  try {
    return tagParam(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = tagOf((await params).tag);
  return { title: tag ? `Tagged “${tag}”` : "Tags" };
}

/**
 * D7: `/tags/<tag>`: what the viewer may view with the tag — published items newest first
 * (keyset pages), and a few ideas and group files — each list decided by the access predicate
 * of what it lists (lib/tags/queries.ts). A tag on nothing the viewer may view looks exactly
 * like one that does not exist.
 */
export default async function TagPage({ params, searchParams }: Props) {
  const [{ tag: raw }, { before }, viewer] = await Promise.all([params, searchParams, requireViewer()]);
  const tag = tagOf(raw);
  if (!tag) {
    return (
      <>
        <h1 className="text-3xl font-bold">Tags</h1>
        <p className="mt-4">This address does not name a tag. Tags are at most 40 characters, without commas.</p>
      </>
    );
  }
  const [page, others] = await Promise.all([listTagged(viewer, tag, before), before ? null : taggedOthers(viewer, tag)]);
  const nothing = !page.items.length && !before && !others?.ideas.length && !others?.files.length;
  return (
    <>
      <h1 className="text-3xl font-bold">Tagged “{tag}”</h1>
      {nothing ? (
        <p className="mt-4 text-gray-800">Nothing you can view has this tag.</p>
      ) : (
        <>
          <section aria-labelledby="tagged-content" className="mt-6">
            <h2 id="tagged-content" className="text-2xl font-bold">
              Content
            </h2>
            <ContentList items={page.items} empty="No content you can view has this tag." />
            <Pager basePath={tagHref(tag)} next={page.next} isFirstPage={!before} label="Pages of tagged content" />
          </section>
          {others?.ideas.length ? (
            <section aria-labelledby="tagged-ideas" className="mt-8">
              <h2 id="tagged-ideas" className="text-2xl font-bold">
                Ideas
              </h2>
              <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
                {others.ideas.map((idea) => (
                  <li key={idea.id} className="py-3">
                    <a href={`/ideas/${idea.id}`} className="font-semibold text-brand-700 underline">
                      {idea.title}
                    </a>
                    <p className="text-sm text-gray-700">
                      {IDEA_STATUS_LABEL[idea.status as IdeaStatus] ?? idea.status} · submitted {formatDate(idea.createdAt)}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {others?.files.length ? (
            <section aria-labelledby="tagged-files" className="mt-8">
              <h2 id="tagged-files" className="text-2xl font-bold">
                Group files
              </h2>
              <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
                {others.files.map((file) => (
                  <li key={file.id} className="py-3">
                    <a href={`/groups/${file.group.slug}/files/${file.id}`} className="font-semibold text-brand-700 underline">
                      {file.name}
                    </a>
                    <p className="text-sm text-gray-700">
                      In <Link href={`/groups/${file.group.slug}`} className="text-brand-700 underline">{file.group.name}</Link> · changed {formatDate(file.updatedAt)}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
