import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { IdeaForm } from "@/components/ideas/idea-form";
import { requireExternalApp } from "@/lib/access/external-guard";
import { can } from "@/lib/access/policies";

export const metadata: Metadata = { title: "Submit an idea" };

/** G4 E4 E5: whoever may use Ideas submits one (external people only with the Ideas switch: otherwise 404). */
export default async function NewIdeaPage() {
  const viewer = await requireExternalApp("ideas");
  if (!(await can(viewer, "ideas.use", null))) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">Submit an idea</h1>
      <p className="mt-2 max-w-prose">Everyone who uses Ideas can read your idea, vote for it and follow it. You can edit or delete it until a moderator reviews it.</p>
      <IdeaForm mode="create" />
    </>
  );
}
