"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormErrorSummary, TextArea, TextField } from "@/components/ui/form";
import { createSection } from "@/lib/sections/actions";
import { type CreateSectionInput, createSectionSchema, slugify } from "@/lib/sections/schemas";
import { showErrors } from "./settings";

/** A new section: a subsection of `parent` (its managers), or a top-level one (webmasters). */
export function CreateSectionForm({ parent }: { parent: { id: number; title: string } | null }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [slugEdited, setSlugEdited] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<CreateSectionInput>({
    resolver: zodResolver(createSectionSchema),
    defaultValues: { parentId: parent?.id ?? null, title: "", description: "", slug: "", restricted: false },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createSection(values);
    if (result.ok) {
      router.push(`/sections/${result.data.slug}`);
      return;
    }
    showErrors(result, setError, ["title", "description", "slug", "restricted"] as const, setFormError);
    requestAnimationFrame(() => summaryRef.current?.focus());
  });

  const title = register("title");
  const slug = register("slug");
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-6" aria-label={parent ? `New subsection of ${parent.title}` : "New top-level section"}>
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField
        label="Title"
        error={errors.title?.message}
        {...title}
        onChange={(e) => {
          void title.onChange(e);
          if (!slugEdited) setValue("slug", slugify(e.target.value));
        }}
      />
      <TextArea label="Description" hint="Optional. Shown under the title." error={errors.description?.message} {...register("description")} />
      <TextField
        label="Web address"
        hint="The part after /sections/: lower-case letters, numbers and hyphens."
        autoCapitalize="none"
        spellCheck={false}
        error={errors.slug?.message}
        {...slug}
        onChange={(e) => {
          setSlugEdited(true);
          void slug.onChange(e);
        }}
      />
      <Checkbox
        label="Restricted"
        hint={
          parent
            ? `Only its members, and members of ${parent.title} and the sections above, can view it. External people only ever see sections they are members of.`
            : "Only its members and webmasters can view it. External people only ever see sections they are members of."
        }
        error={errors.restricted?.message}
        {...register("restricted")}
      />
      <button type="submit" disabled={isSubmitting} className={buttonClass.primary}>
        {isSubmitting ? "Creating…" : "Create section"}
      </button>
    </form>
  );
}
