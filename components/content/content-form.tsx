"use client";
/**
 * Create and edit an item (C1): react-hook-form with the very schema the server action
 * parses again (lib/content/schemas.ts). Each field's error sits beside the field and is
 * announced; problems that are not one field's (no permission, a stale form) appear in
 * the error summary, which takes focus. A refused save keeps everything typed.
 */
import Link from "next/link";
import { useId, useRef } from "react";
import { useFieldArray } from "react-hook-form";
import { RichTextEditor } from "@/components/editor/rich-text-editor";
import { TagsInput } from "@/components/tags/tags-input";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { FormControlled, FormFieldset, FormTextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";
import { createContentAction, updateContentAction } from "@/lib/content/actions";
import {
  type ContentFormInput,
  type ContentHome,
  type ContentFormValues,
  type ContentTypeName,
  POLL_MAX_OPTIONS,
  TITLE_MAX,
  contentFormSchema,
} from "@/lib/content/schemas";

export type ContentFormProps =
  | { mode: "create"; home: ContentHome; type: ContentTypeName; mayPublish: boolean; cancelHref: string; typeNoun: string }
  | {
      mode: "edit";
      id: string;
      baseVersion: number;
      status: "draft" | "published";
      type: ContentTypeName;
      mayPublish: boolean;
      cancelHref: string;
      typeNoun: string;
      initial: Omit<ContentFormInput, "type" | "intent">;
    };

const EMPTY_EVENT = { startsDate: "", startsTime: "", endsDate: "", endsTime: "", place: "" };

const INVALID = "Some answers need correcting. Each problem is described beside its field.";

export function ContentForm(props: ContentFormProps) {
  const intentRef = useRef<"save" | "publish">("save");
  const bodyIds = { label: useId(), hint: useId(), error: useId() };
  const { type } = props;

  const defaults: ContentFormInput =
    props.mode === "edit"
      ? { ...props.initial, type, intent: "save" }
      : {
          type,
          title: "",
          body: "",
          tags: [],
          intent: "save",
          event: type === "event" ? EMPTY_EVENT : undefined,
          poll: type === "poll" ? { options: [{ label: "" }, { label: "" }], closesDate: "", closesTime: "", resultsShown: "after_voting" } : undefined,
        };
  const initialOptions = props.mode === "edit" ? (props.initial.poll?.options ?? []) : [];

  const form = useActionForm(
    contentFormSchema,
    (values: ContentFormValues): Promise<ActionResult<{ id: string }>> => {
      const input = { ...values, intent: intentRef.current };
      intentRef.current = "save"; // Enter in a field next time means "save"
      return props.mode === "create"
        ? createContentAction({ ...input, ...(props.home.kind === "group" ? { groupId: props.home.id } : { sectionId: props.home.id }) })
        : updateContentAction({ ...input, id: props.id, baseVersion: props.baseVersion });
    },
    {
      defaultValues: defaults,
      invalidMessage: INVALID,
      redirect: (data) => `/content/${data.id}`,
      refresh: "always",
      // C1: saving a poll without some of its options deletes their votes: confirmed first.
      confirm: (values) => {
        const kept = new Set((values.poll?.options ?? []).map((o) => o.id).filter((id) => id !== undefined));
        const removed = initialOptions.filter((o) => o.id !== undefined && !kept.has(o.id)).map((o) => o.label);
        if (!removed.length) return null;
        return {
          title: removed.length === 1 ? "Remove an option and its votes?" : `Remove ${removed.length} options and their votes?`,
          confirmLabel: "Remove and save",
          body: (
            <>
              <p>Saving deletes these options and every vote for them:</p>
              <ul className="list-disc pl-6">
                {removed.map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            </>
          ),
        };
      },
    },
  );
  const { control, formState } = form.form;
  const { errors } = formState;
  const options = useFieldArray({ control, name: "poll.options" });

  const optionsError = (errors.poll?.options as { root?: { message?: string }; message?: string } | undefined);
  const optionsMessage = optionsError?.root?.message ?? optionsError?.message;
  const submitLabel = (intent: "save" | "publish") => {
    if (intent === "publish") return props.mode === "edit" && props.status === "draft" ? "Save and publish" : "Publish";
    if (props.mode === "create") return "Save draft";
    if (props.status === "published") return props.mayPublish ? "Save changes" : "Save as draft";
    return "Save draft";
  };
  const showPublish = props.mayPublish && !(props.mode === "edit" && props.status === "published");

  return (
    <ActionForm form={form} className="mt-6 space-y-6" aria-label={props.mode === "create" ? `New ${props.typeNoun}` : `Edit ${props.typeNoun}`}>
      <FormTextField<ContentFormInput> name="title" label="Title" hint={`Up to ${TITLE_MAX} characters.`} autoComplete="off" />

      <div className={errors.body ? "border-l-4 border-red-700 pl-4" : undefined}>
        <p id={bodyIds.label} className="font-semibold">
          Text
        </p>
        <p id={bodyIds.hint} className="text-gray-700">
          Use the toolbar for headings, lists, links, tables and images. Keyboard: Ctrl+B bold, Ctrl+I italic; in the toolbar, arrow keys move between
          buttons; press Escape to leave the text.
        </p>
        {errors.body ? (
          <p id={bodyIds.error} className="font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {errors.body.message}
          </p>
        ) : null}
        <div className="mt-1">
          <FormControlled<ContentFormInput>
            name="body"
            render={({ field }) => (
              <RichTextEditor
                label="Text"
                labelId={bodyIds.label}
                describedBy={[bodyIds.hint, errors.body ? bodyIds.error : null].filter(Boolean).join(" ")}
                invalid={!!errors.body}
                value={field.value ?? ""}
                onChange={field.onChange}
                onBlur={field.onBlur}
                mentionFor={props.mode === "edit" ? { id: props.id } : props.home.kind === "group" ? { groupId: props.home.id } : { sectionId: props.home.id }}
              />
            )}
          />
        </div>
      </div>

      <FormControlled<ContentFormInput>
        name="tags"
        render={({ field, error }) => <TagsInput value={(field.value as string[] | undefined) ?? []} onChange={field.onChange} onBlur={field.onBlur} error={error} />}
      />

      {type === "event" ? (
        <fieldset className="space-y-4 rounded border border-gray-400 p-4">
          <legend className="px-1 text-lg font-bold">When and where</legend>
          <p className="text-gray-700">Times are the organisation&apos;s local time (24-hour clock).</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormTextField<ContentFormInput> name="event.startsDate" label="Start date" type="date" />
            <FormTextField<ContentFormInput> name="event.startsTime" label="Start time" type="time" />
            <FormTextField<ContentFormInput> name="event.endsDate" label="End date (optional)" hint="Leave empty if it ends on the start date." type="date" />
            <FormTextField<ContentFormInput> name="event.endsTime" label="End time (optional)" type="time" />
          </div>
          <FormTextField<ContentFormInput> name="event.place" label="Place (optional)" hint="For example: Room 2.14, County Hall" autoComplete="off" />
        </fieldset>
      ) : null}

      {type === "poll" ? (
        <fieldset className={`space-y-4 rounded border p-4 ${optionsMessage ? "border-red-700 border-l-4" : "border-gray-400"}`} aria-describedby="poll-options-hint">
          <legend className="px-1 text-lg font-bold">Options to vote on</legend>
          <p id="poll-options-hint" className="text-gray-700">
            Between 2 and {POLL_MAX_OPTIONS} options, each different.
            {props.mode === "edit" ? " Removing an option removes the votes for it." : ""}
          </p>
          {optionsMessage ? (
            <p className="font-semibold text-red-700" role="alert">
              <span className="sr-only">Error: </span>
              {optionsMessage}
            </p>
          ) : null}
          <ol className="space-y-3">
            {options.fields.map((f, i) => (
              <li key={f.id} className="flex flex-wrap items-end gap-2">
                <div className="min-w-0 flex-1">
                  <FormTextField<ContentFormInput> name={`poll.options.${i}.label`} label={`Option ${i + 1}`} autoComplete="off" />
                </div>
                <button
                  type="button"
                  onClick={() => options.remove(i)}
                  className="min-h-11 rounded border-2 border-gray-800 bg-white px-3 font-semibold hover:bg-gray-100"
                  aria-label={`Remove option ${i + 1}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            disabled={options.fields.length >= POLL_MAX_OPTIONS}
            onClick={() => options.append({ label: "" })}
            className="min-h-11 rounded border-2 border-gray-800 bg-white px-4 font-semibold hover:bg-gray-100 disabled:opacity-60"
          >
            Add an option
          </button>
        </fieldset>
      ) : null}

      {type === "poll" ? (
        <fieldset className="space-y-4 rounded border border-gray-400 p-4">
          <legend className="px-1 text-lg font-bold">Closing and results</legend>
          <p className="text-gray-700">After the closing date nobody can vote or change their vote. A date in the past closes the poll when you save.</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormTextField<ContentFormInput> name="poll.closesDate" label="Closing date (optional)" hint="Leave empty to keep the poll open." type="date" />
            <FormTextField<ContentFormInput> name="poll.closesTime" label="Closing time (optional)" hint="24-hour clock; without a time, the end of the day." type="time" />
          </div>
          <FormFieldset<ContentFormInput>
            name="poll.resultsShown"
            legend="Who sees the results while the poll is open"
            options={[
              { value: "after_voting", label: "Each person, once they have voted" },
              { value: "after_closing", label: "Nobody until the poll closes" },
            ]}
          />
        </fieldset>
      ) : null}

      {props.mode === "edit" && props.status === "published" && !props.mayPublish ? (
        <p className="border-l-4 border-brand-700 bg-brand-50 p-4">
          This item is published. Your changes need an editor&apos;s approval: saving returns it to draft until an editor or manager publishes it again.
        </p>
      ) : null}
      {!props.mayPublish && props.mode === "create" ? (
        <p className="text-gray-700">You can save drafts here; an editor or manager of the section publishes them.</p>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={form.busy}
          onClick={() => (intentRef.current = "save")}
          className={`min-h-11 rounded px-5 py-2 font-semibold ${showPublish ? "border-2 border-gray-800 bg-white text-gray-900 hover:bg-gray-100" : "bg-brand-700 text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800"} disabled:opacity-70`}
        >
          {submitLabel("save")}
        </button>
        {showPublish ? (
          <button
            type="submit"
            disabled={form.busy}
            onClick={() => (intentRef.current = "publish")}
            className="min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800 disabled:opacity-70"
          >
            {submitLabel("publish")}
          </button>
        ) : null}
        <Link href={props.cancelHref} className="text-brand-700 underline">
          Cancel
        </Link>
        <p role="status" className="sr-only">
          {form.busy ? "Saving…" : ""}
        </p>
      </div>
    </ActionForm>
  );
}
