"use client";
import { useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox, FormTextArea, FormTextField } from "@/components/ui/fields";
import { createSection } from "@/lib/sections/actions";
import { type CreateSectionInput, createSectionSchema, slugify } from "@/lib/sections/schemas";

/**
 * A new section: a subsection of `parent` (its managers), or a top-level one (webmasters).
 * S1: the web address follows the title as it is typed (slugify) until the person writes one
 * of their own; emptying it lets it follow again. The server validates whatever is sent.
 */
export function CreateSectionForm({ parent }: { parent: { id: number; title: string } | null }) {
  const [slugEdited, setSlugEdited] = useState(false);
  const form = useActionForm(createSectionSchema, createSection, {
    defaultValues: { parentId: parent?.id ?? null, title: "", description: "", slug: "", restricted: false },
    redirect: (data) => `/sections/${data.slug}`,
  });
  return (
    <ActionForm form={form} className="mt-6 space-y-6" aria-label={parent ? `New subsection of ${parent.title}` : "New top-level section"}>
      <FormTextField<CreateSectionInput>
        name="title"
        label="Title"
        onChange={(e) => {
          // After a failed submission the address's own error follows its new value too.
          if (!slugEdited) form.form.setValue("slug", slugify(e.target.value), { shouldValidate: form.form.formState.isSubmitted });
        }}
      />
      <FormTextArea<CreateSectionInput> name="description" label="Description" hint="Optional. Shown under the title." />
      <FormTextField<CreateSectionInput>
        name="slug"
        label="Web address"
        hint="The part after /sections/: lower-case letters, numbers and hyphens."
        autoCapitalize="none"
        spellCheck={false}
        onChange={(e) => setSlugEdited(e.target.value !== "")}
      />
      <FormCheckbox<CreateSectionInput>
        name="restricted"
        label="Restricted"
        hint={
          parent
            ? `Only its members, and members of ${parent.title} and the sections above, can view it. External people only ever see sections they are members of.`
            : "Only its members and webmasters can view it. External people only ever see sections they are members of."
        }
      />
      <FormSubmitRow label="Create section" busyLabel="Creating…" withStatus={false} />
    </ActionForm>
  );
}
