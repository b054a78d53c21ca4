"use client";
/**
 * B2: choose a person and view the site as them. The action sets it on the asker's own
 * session; the page it names then opens as that person would see it (their home, or for a
 * section manager the first of their sections).
 */
import { useCallback } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormAsyncCombobox } from "@/components/ui/fields";
import type { PickedPerson } from "@/components/ui/person-picker";
import { searchPeopleToViewAsAction, startViewAsAction } from "@/lib/view-as/actions";
import { type ViewAsForm as ViewAsFormValues, viewAsFormSchema } from "@/lib/view-as/schemas";
import { PersonOption } from "./person-option";

const personKey = (p: PickedPerson) => p.id;
const personLabel = (p: PickedPerson) => p.name;

export function ViewAsForm() {
  const form = useActionForm(viewAsFormSchema, startViewAsAction, {
    defaultValues: { person: null },
    transform: (values) => ({ personId: values.person!.id }),
    redirect: (viewed) => viewed.startAt,
  });
  const search = useCallback(async (query: string) => {
    const result = await searchPeopleToViewAsAction({ query });
    return result.ok ? result.data : null;
  }, []);
  return (
    <ActionForm form={form} className="mt-6 max-w-xl space-y-4" aria-label="Choose whom to view the site as">
      <FormAsyncCombobox<ViewAsFormValues, PickedPerson>
        name="person"
        id="view-as-person"
        label="Person"
        hint="Search by name or e-mail address."
        search={search}
        itemKey={personKey}
        itemLabel={personLabel}
        renderItem={(p) => <PersonOption person={p} />}
      />
      <FormSubmitRow label="View the site as them" busyLabel="Opening…" />
    </ActionForm>
  );
}
