import type { Metadata } from "next";
import { CreateSectionForm } from "@/components/sections/manage/create-section-form";
import { ManageHeader } from "@/components/sections/manage/manage-header";
import { managedSection } from "../lookup";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await managedSection((await params).slug);
  return { title: `New subsection of ${section.title}` };
}

// Creating a subsection is a manager's action (section.createChild), the same people who
// may manage the section; the action checks it again.
export default async function NewSubsectionPage({ params }: Props) {
  const { section } = await managedSection((await params).slug);
  return (
    <>
      <ManageHeader section={section} current="/new-section" heading={`New subsection of ${section.title}`} />
      <CreateSectionForm parent={{ id: section.id, title: section.title }} />
    </>
  );
}
