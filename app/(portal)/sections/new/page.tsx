import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CreateSectionForm } from "@/components/sections/manage/create-section-form";
import { canAsWebmaster } from "@/lib/access/policies";
import { requireViewer } from "@/lib/access/viewer";

export const metadata: Metadata = { title: "New top-level section" };

export default async function NewTopLevelSectionPage() {
  const viewer = await requireViewer();
  if (!canAsWebmaster(viewer, "section.createTopLevel")) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">New top-level section</h1>
      <CreateSectionForm parent={null} />
    </>
  );
}
