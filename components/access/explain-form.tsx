"use client";
/**
 * B1: the access explainer's question: a section, item, group or file, and a person. The
 * action checks the pair (and that the asker may ask), then the page loads for it: the answer
 * is rendered on the server, so it can be linked to and bookmarked.
 */
import { useCallback } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormAsyncCombobox } from "@/components/ui/fields";
import type { PickedPerson } from "@/components/ui/person-picker";
import { PersonOption } from "./person-option";
import type { TargetChoice } from "@/lib/explain/queries";
import { type ExplainForm as ExplainFormValues, TARGET_KIND_LABELS, explainFormSchema } from "@/lib/explain/schemas";
import { explainAccessAction, searchPeopleToExplainAction, searchTargetsToExplainAction } from "@/lib/explain/actions";

export function ExplainForm({ initialTarget, initialPerson }: { initialTarget: TargetChoice | null; initialPerson: PickedPerson | null }) {
  const form = useActionForm(explainFormSchema, explainAccessAction, {
    defaultValues: { target: initialTarget, person: initialPerson },
    transform: (values) => ({ personId: values.person!.id, target: values.target!.target }),
    redirect: (_data, values) => `/access/explain?target=${encodeURIComponent(values.target!.target)}&person=${values.person!.id}`,
  });
  const target = form.form.watch("target");
  const targetText = target?.target ?? null;

  const searchTargets = useCallback(async (query: string) => {
    const result = await searchTargetsToExplainAction({ query });
    return result.ok ? result.data : null;
  }, []);
  const searchPeople = useCallback(
    async (query: string) => {
      if (!targetText) return [];
      const result = await searchPeopleToExplainAction({ query, target: targetText });
      return result.ok ? result.data : null;
    },
    [targetText],
  );

  return (
    <ActionForm form={form} className="mt-6 max-w-xl space-y-4" aria-label="Ask why someone can or cannot view something">
      <FormAsyncCombobox<ExplainFormValues, TargetChoice>
        name="target"
        id="explain-target"
        label="Section, item, group or file"
        hint="Search by its title or name. You can ask about what you manage."
        search={searchTargets}
        itemKey={(t) => t.target}
        itemLabel={(t) => t.title}
        renderItem={(t) => (
          <>
            {t.title}
            <span className="block text-sm opacity-80">
              {TARGET_KIND_LABELS[t.kind]}
              {t.place ? ` in ${t.place}` : ""}
            </span>
          </>
        )}
      />
      <FormAsyncCombobox<ExplainFormValues, PickedPerson>
        name="person"
        id="explain-person"
        label="Person"
        hint={targetText ? "Search by name or e-mail address." : "Choose what to ask about first."}
        search={searchPeople}
        itemKey={(p) => p.id}
        itemLabel={(p) => p.name}
        renderItem={(p) => <PersonOption person={p} />}
      />
      <FormSubmitRow label="Explain" busyLabel="Working it out…" />
    </ActionForm>
  );
}
