import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ContentForm } from "@/components/content/content-form";
import { TYPE_LABELS, TYPE_NOUNS } from "@/components/content/format";
import { requireViewer } from "@/lib/access/viewer";
import { getCreateContext } from "@/lib/content/authoring-queries";
import { CONTENT_TYPES, type ContentTypeName } from "@/lib/content/schemas";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ type?: string }> };

const lookup = cache(async (slug: string) => getCreateContext(await requireViewer(), decodeURIComponent(slug)));

const TYPE_HINTS: Record<ContentTypeName, string> = {
  news: "Something that has happened or is about to.",
  policy: "A rule or procedure people must follow.",
  page: "Lasting information: how to, who to contact.",
  blog: "A personal or team story.",
  event: "Something happening at a date, time and place.",
  poll: "A question for people to vote on.",
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [result, { type }] = await Promise.all([lookup((await params).slug), searchParams]);
  const chosen = CONTENT_TYPES.find((t) => t === type);
  return { title: lookupTitle(result, ({ home }) => (chosen ? `New ${TYPE_NOUNS[chosen]} in ${home.title}` : `New item in ${home.title}`)) };
}

/** `/sections/<slug>/new`: choose a kind of item, then write it (authors, editors, managers of the section; S7). */
export default async function NewContentPage({ params, searchParams }: Props) {
  const [{ slug }, { type }] = await Promise.all([params, searchParams]);
  const { home: section, mayPublish } = found(await lookup(slug));
  const chosen = CONTENT_TYPES.find((t) => t === type);
  const sectionHref = `/sections/${section.slug}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href={sectionHref} className="text-brand-700 underline">
              {section.title}
            </Link>
          </li>
          <li aria-current="page" className="before:mx-1 before:content-['›']">
            New item
          </li>
        </ol>
      </nav>
      {chosen ? (
        <>
          <h1 className="text-3xl font-bold">
            New {TYPE_NOUNS[chosen]} in {section.title}
          </h1>
          <p className="mt-2">
            <Link href={`${sectionHref}/new`} className="text-brand-700 underline">
              Choose a different kind of item
            </Link>
          </p>
          <ContentForm mode="create" home={{ kind: "section", id: section.id }} type={chosen} typeNoun={TYPE_NOUNS[chosen]} mayPublish={mayPublish} cancelHref={sectionHref} />
        </>
      ) : (
        <>
          <h1 className="text-3xl font-bold">New item in {section.title}</h1>
          {/* A plain GET form: works before any script has loaded. */}
          <form method="get" className="mt-6">
            <fieldset>
              <legend className="text-xl font-bold">What do you want to write?</legend>
              <div className="mt-4 space-y-3">
                {CONTENT_TYPES.map((t, i) => (
                  <div key={t} className="flex items-start gap-3">
                    <input id={`type-${t}`} type="radio" name="type" value={t} defaultChecked={i === 0} aria-describedby={`type-${t}-hint`} className="mt-1 size-6" />
                    <div>
                      <label htmlFor={`type-${t}`} className="font-semibold">
                        {TYPE_LABELS[t]}
                      </label>
                      <p id={`type-${t}-hint`} className="text-gray-700">
                        {TYPE_HINTS[t]}
                      </p>
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="mt-6 flex flex-wrap items-center gap-4">
              <button type="submit" className="min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800">
                Continue
              </button>
              <Link href={sectionHref} className="text-brand-700 underline">
                Cancel
              </Link>
            </div>
          </form>
        </>
      )}
    </>
  );
}
