"use client";
/**
 * Submit or edit an idea (G4 G8): react-hook-form with the schema the server action parses
 * again (lib/ideas/schemas.ts). Each field's error sits beside it and is announced; a
 * refusal that is not one field's (no permission, someone else's newer edit) goes to the
 * error summary, which takes focus, and everything typed stays in the form.
 */
import Link from "next/link";
import { useId } from "react";
import { RichTextEditor } from "@/components/editor/rich-text-editor";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormControlled, FormTextField } from "@/components/ui/fields";
import { buttonClass } from "@/components/ui/button";
import { createIdeaAction, updateIdeaAction } from "@/lib/ideas/actions";
import { IDEA_TITLE_MAX, type IdeaFormInput, type IdeaFormValues, ideaFormSchema } from "@/lib/ideas/schemas";
import { TAGS_MAX, TAG_MAX, splitTags } from "@/lib/tags/schemas";

export type IdeaFormProps =
  | { mode: "create" }
  | { mode: "edit"; id: string; baseUpdatedAt: string; initial: { title: string; description: string; tags: string[] } };

const INVALID = "Some answers need correcting. Each problem is described beside its field.";

export function IdeaForm(props: IdeaFormProps) {
  const ids = { label: useId(), hint: useId(), error: useId() };
  const form = useActionForm(
    ideaFormSchema,
    (values: IdeaFormValues) => {
      const input = { title: values.title, description: values.description, tags: splitTags(values.tags) };
      return props.mode === "create" ? createIdeaAction(input) : updateIdeaAction({ ...input, ideaId: props.id, baseUpdatedAt: props.baseUpdatedAt });
    },
    {
      defaultValues:
        props.mode === "edit"
          ? { title: props.initial.title, description: props.initial.description, tags: props.initial.tags.join(", ") }
          : { title: "", description: "", tags: "" },
      invalidMessage: INVALID,
      redirect: (data) => `/ideas/${data.id}`,
      refresh: "always",
    },
  );
  const error = form.form.formState.errors.description?.message;
  const cancel = props.mode === "edit" ? `/ideas/${props.id}` : "/ideas";

  return (
    <ActionForm form={form} className="mt-6 max-w-3xl space-y-6" aria-label={props.mode === "create" ? "Submit an idea" : "Edit the idea"}>
      <FormTextField<IdeaFormInput> name="title" label="Title" hint={`A short summary of your idea, up to ${IDEA_TITLE_MAX} characters.`} autoComplete="off" />

      <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
        <p id={ids.label} className="font-semibold">
          Description (optional)
        </p>
        <p id={ids.hint} className="text-gray-700">
          What problem does it solve, and for whom? Use the toolbar for headings, lists, links and tables; press Escape to leave the text.
        </p>
        {error ? (
          <p id={ids.error} className="font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <div className="mt-1">
          <FormControlled<IdeaFormInput>
            name="description"
            render={({ field }) => (
              <RichTextEditor
                label="Description (optional)"
                labelId={ids.label}
                describedBy={[ids.hint, error ? ids.error : null].filter(Boolean).join(" ")}
                invalid={!!error}
                value={field.value ?? ""}
                onChange={field.onChange}
                onBlur={field.onBlur}
                images={false}
              />
            )}
          />
        </div>
      </div>

      <FormTextField<IdeaFormInput>
        name="tags"
        label="Tags (optional)"
        hint={`Separate tags with commas, for example: parking, wellbeing. Up to ${TAGS_MAX} tags of at most ${TAG_MAX} characters.`}
        autoComplete="off"
      />

      <div className="flex flex-wrap items-center gap-4">
        <FormSubmitRow label={props.mode === "create" ? "Submit idea" : "Save changes"} busyLabel={props.mode === "create" ? "Submitting…" : "Saving…"} withStatus={false} />
        <Link href={cancel} className={buttonClass.link}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}
