import type { Metadata } from "next";
import Link from "next/link";
import { ExplainPanel } from "@/components/access/explain-panel";
import { ManageHeader } from "@/components/sections/manage/manage-header";
import { MemberManager } from "@/components/sections/manage/members";
import { TeamManager } from "@/components/sections/manage/teams";
import { managedSection } from "./lookup";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await managedSection((await params).slug);
  return { title: `Manage ${section.title}` };
}

export default async function ManageSectionPage({ params }: Props) {
  const { viewer, section } = await managedSection((await params).slug);
  const ref = { id: section.id, title: section.title };
  return (
    <>
      <ManageHeader section={section} current="" heading={`Manage ${section.title}`} />
      <MemberManager section={ref} members={section.people} />
      <TeamManager section={ref} teams={section.teams} />
      {/* B1: managing the section is what lets one ask (access.explain.section). */}
      <ExplainPanel target={`section:${section.id}`} what={section.title} />
      {/* D1 D6: managing the section is what lets one see its figures (analytics.section, the same rule as section.manage); analytics are for organisational people. */}
      {viewer.audience === "organisational" ? (
        <p className="mt-8">
          <Link href={`/analytics?scope=section:${section.id}`} className="text-brand-700 underline">
            Analytics for {section.title}
          </Link>
          : how much it is viewed, live and over time, and its most viewed content. Counts only, never who viewed what.
        </p>
      ) : null}
      {/* B2: and to see these pages as a chosen person does (access.viewAs: section managers within their sections). */}
      <p className="mt-4">
        <Link href="/access/view-as" className="text-brand-700 underline">
          View your sections as someone
        </Link>
        : browse them exactly as a chosen person sees them, without changing anything.
      </p>
    </>
  );
}
