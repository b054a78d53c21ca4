import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { IdeaForm } from "@/components/ideas/idea-form";
import { requireExternalApp } from "@/lib/access/external-guard";
import { getIdea } from "@/lib/ideas/queries";
import { found } from "@/lib/page-lookup";

export const metadata: Metadata = { title: "Edit idea" };

/** G4 G8: the author while the idea is new, moderators always (403 for others who may use Ideas; 404 for the rest). */
export default async function EditIdeaPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, viewer] = await Promise.all([params, requireExternalApp("ideas")]);
  const idea = found(await getIdea(viewer, id));
  if (!idea.mayEdit) forbidden();
  return (
    <>
      <h1 className="text-3xl font-bold">Edit idea</h1>
      <p className="mt-2 max-w-prose">If someone else saves a change while you edit, your save is refused and your text stays here, so nothing is lost.</p>
      <IdeaForm mode="edit" id={idea.id} baseUpdatedAt={idea.updatedAt} initial={{ title: idea.title, description: idea.description, tags: idea.tags }} />
    </>
  );
}
