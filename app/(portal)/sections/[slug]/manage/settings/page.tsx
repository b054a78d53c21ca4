import type { Metadata } from "next";
import { ManageHeader } from "@/components/sections/manage/manage-header";
import { MoveSection, SectionDetailsForm } from "@/components/sections/manage/settings";
import { RestrictedSetting } from "@/components/sections/manage/restricted-setting";
import { canAsWebmaster } from "@/lib/access/policies";
import { managedSection } from "../lookup";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await managedSection((await params).slug);
  return { title: `Settings: ${section.title}` };
}

export default async function SectionSettingsPage({ params, searchParams }: Props) {
  const [{ slug }, { saved }] = await Promise.all([params, searchParams]);
  const { viewer, section } = await managedSection(slug);
  const parent = section.breadcrumbs.at(-1) ?? null;
  return (
    <>
      <ManageHeader section={section} current="/settings" heading={`Settings: ${section.title}`} />
      {saved ? (
        <p role="status" className="mt-6 border-l-4 border-green-700 bg-green-50 p-3 font-semibold">
          Saved. The section&apos;s address is now /sections/{section.slug}.
        </p>
      ) : null}
      <section aria-labelledby="details-heading" className="mt-8">
        <h2 id="details-heading" className="text-2xl font-bold">
          Details
        </h2>
        <SectionDetailsForm sectionId={section.id} initial={{ title: section.title, description: section.description, slug: section.slug }} />
      </section>
      <section aria-labelledby="access-heading" className="mt-12">
        <h2 id="access-heading" className="text-2xl font-bold">
          Who can view it
        </h2>
        <RestrictedSetting sectionId={section.id} sectionTitle={section.title} restricted={section.restricted} restrictedByAncestor={section.restrictedByAncestor} />
      </section>
      {canAsWebmaster(viewer, "section.move") ? (
        <section aria-labelledby="move-heading" className="mt-12">
          <h2 id="move-heading" className="text-2xl font-bold">
            Place in the site
          </h2>
          <MoveSection
            sectionId={section.id}
            sectionTitle={section.title}
            parentTitle={section.parentId === null ? null : (parent?.title ?? "a section above")}
          />
        </section>
      ) : null}
    </>
  );
}
