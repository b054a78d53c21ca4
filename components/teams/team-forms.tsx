"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormErrorSummary, TextField } from "@/components/ui/form";
import type { ActionResult } from "@/lib/action-result";
import { createChildTeamAction, renameTeamAction } from "@/lib/teams/actions";
import { type CreateChildTeamInput, type RenameTeamInput, createChildTeamInput, renameTeamInput } from "@/lib/teams/schemas";

const primary = "min-h-11 rounded bg-brand-700 px-5 py-2 font-semibold text-white shadow-[0_2px_0_#0b0c0c] hover:bg-brand-800 disabled:opacity-70";

function useFormFeedback() {
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  function fail(result: Extract<ActionResult<unknown>, { ok: false }>, setFieldError: (field: "name", message: string) => void) {
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      if (field === "name") setFieldError("name", message);
    }
    const other = result.formError ?? Object.entries(result.fieldErrors ?? {}).find(([f]) => f !== "name")?.[1] ?? null;
    setFormError(other);
    if (other) requestAnimationFrame(() => summaryRef.current?.focus());
  }
  return { formError, setFormError, summaryRef, fail };
}

/** P5: change a team's name (its address stays the same). */
export function RenameTeamForm({ teamId, name }: { teamId: number; name: string }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const { formError, setFormError, summaryRef, fail } = useFormFeedback();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RenameTeamInput>({ resolver: zodResolver(renameTeamInput), defaultValues: { teamId, name } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setStatus("");
    const result = await renameTeamAction(values);
    if (!result.ok) return fail(result, (f, message) => setError(f, { message }));
    setStatus("The team's name was saved.");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-4" aria-labelledby="edit-team">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField label="Team name" autoComplete="off" error={errors.name?.message} {...register("name")} />
      <button type="submit" disabled={isSubmitting} className={primary}>
        {isSubmitting ? "Saving…" : "Save name"}
      </button>
      <p role="status" className={status ? "border-l-4 border-green-700 bg-green-50 p-3" : "sr-only"}>
        {status}
      </p>
    </form>
  );
}

/** P5: create a team below this one; its key (address) is made from its name. */
export function CreateChildTeamForm({ parentId, parentName }: { parentId: number; parentName: string }) {
  const router = useRouter();
  const { formError, setFormError, summaryRef, fail } = useFormFeedback();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isSubmitSuccessful },
  } = useForm<CreateChildTeamInput>({ resolver: zodResolver(createChildTeamInput), defaultValues: { parentId, name: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createChildTeamAction(values);
    if (!result.ok) {
      fail(result, (f, message) => setError(f, { message }));
      throw new Error("not created"); // keeps isSubmitSuccessful false
    }
    router.push(`/teams/${result.data.key}`);
  });

  return (
    <form onSubmit={(e) => onSubmit(e).catch(() => undefined)} noValidate className="mt-3 space-y-4" aria-labelledby="child-team">
      <FormErrorSummary ref={summaryRef} message={formError} />
      <TextField
        label="Name of the new team"
        hint={`It will sit under ${parentName}. Its address is made from its name.`}
        autoComplete="off"
        error={errors.name?.message}
        {...register("name")}
      />
      <button type="submit" disabled={isSubmitting || isSubmitSuccessful} className={primary}>
        {isSubmitting || isSubmitSuccessful ? "Creating…" : "Create team"}
      </button>
    </form>
  );
}
