import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { cache } from "react";
import { ContentList } from "@/components/content/content-list";
import { type SectionOption, SectionOptions } from "@/components/sections/section-options";
import { SectionList } from "@/components/sections/section-list";
import { Pager } from "@/components/ui/pager";
import { sectionActionsFor } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";
import { sectionPageViewer } from "@/lib/access/view-as-scope";
import { ViewAsScopeNote } from "@/components/access/view-as-scope-note";
import { getSection } from "@/lib/sections/queries";
import { lookupTitle } from "@/lib/lookup";
import { found } from "@/lib/page-lookup";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { FollowButton } from "@/components/reactions/follow-button";
import { recordView } from "@/lib/analytics/record";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string }> };

// B2: the viewer the page renders with (the person a section manager views as, within their sections).
const pageViewer = async (slug: string) => sectionPageViewer(await requireViewer(), slug);
// The section with its page of content, in one query; shared by the title and the page.
const lookup = cache(async (slug: string, before: string | null) => getSection(await pageViewer(slug), slug, { content: { cursor: before } }));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, { before }] = await Promise.all([params, searchParams]);
  const result = await lookup(decodeURIComponent(slug), before ?? null);
  // Nothing of a section the viewer may not view, not even its title (C5).
  return { title: result.status === "moved" ? "Moved" : lookupTitle(result, (section) => section.title) };
}

export default async function SectionPage({ params, searchParams }: Props) {
  const [{ slug: raw }, { before }, signedIn] = await Promise.all([params, searchParams, requireViewer()]);
  // The segment arrives as written in the address; Next.js answers 400 to a malformed escape.
  const slug = decodeURIComponent(raw);
  const viewer = await pageViewer(slug);
  // The listing comes with the section, and only when the section is visible (C2, C5).
  const result = await lookup(slug, before ?? null);
  if (result.status === "moved") permanentRedirect(`/sections/${result.slug}`);
  const section = found(result);
  recordView(signedIn, { page: "section", sectionId: section.id, path: `/sections/${slug}` }); // D1
  const page = section.content ?? { items: [], next: null };
  const allowed = sectionActionsFor(viewer, section.rolesHeld);
  const options: SectionOption[] = [
    ...(allowed.has("content.create") ? [{ href: `/sections/${section.slug}/new`, label: "New item" }] : []),
    ...(allowed.has("section.createChild") ? [{ href: `/sections/${section.slug}/manage/new-section`, label: "New subsection" }] : []),
    ...(allowed.has("section.manage") ? [{ href: `/sections/${section.slug}/manage`, label: "Manage" }] : []),
  ];

  return (
    <>
      <ViewAsScopeNote signedIn={signedIn} shownTo={viewer} />
      <Breadcrumbs trail={[{ href: viewer.audience === "external" ? "/extranet" : "/", label: "Home" }, ...section.breadcrumbs.map((b) => ({ href: `/sections/${b.slug}`, label: b.title }))]} current={section.title} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-3xl font-bold">{section.title}</h1>
        {/* K4: follow a section one can view (the action checks section.follow again). */}
        <FollowButton target={{ kind: "section", id: section.id }} following={section.following} name={section.title} />
        <SectionOptions options={options} />
      </div>
      {section.description ? <p className="mt-3 text-lg text-gray-800">{section.description}</p> : null}

      {section.children.length ? (
        <section aria-labelledby="subsections" className="mt-8">
          <h2 id="subsections" className="text-xl font-bold">
            Sections in {section.title}
          </h2>
          <SectionList sections={section.children} empty="" />
        </section>
      ) : null}

      <section aria-labelledby="latest" className="mt-8">
        <h2 id="latest" className="text-xl font-bold">
          {before ? "Older content" : "Latest content"}
        </h2>
        <ContentList items={page.items} empty="There is nothing published here yet." />
        <Pager basePath={`/sections/${section.slug}`} next={page.next} isFirstPage={!before} label="Section content pages" />
      </section>
    </>
  );
}
