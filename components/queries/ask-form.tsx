"use client";
/**
 * G4 G8: the form a query is asked with: its title, the question (plain text) and the team
 * it goes to (only teams that accept queries). Each query it sends carries an id made once,
 * so a double click asks once; after asking, the query's own page opens.
 */
import { useState } from "react";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormSelect, FormTextArea, FormTextField } from "@/components/ui/fields";
import { askQueryAction } from "@/lib/queries-app/actions";
import { type AskQueryForm, QUERY_BODY_MAX, QUERY_TITLE_MAX, askQueryInput } from "@/lib/queries-app/schemas";

export interface TeamOption {
  id: number;
  label: string;
}

export function AskQueryFormView({ teams }: { teams: TeamOption[] }) {
  const [id] = useState(() => crypto.randomUUID());
  const form = useActionForm(askQueryInput, askQueryAction, {
    defaultValues: { id, teamId: teams.length === 1 ? String(teams[0]!.id) : "", title: "", body: "" },
    transform: (values) => ({ ...values, id }),
    redirect: (data) => `/queries/${data.id}`,
  });
  return (
    <ActionForm form={form} className="mt-6 max-w-2xl space-y-5" aria-label="Ask a query">
      <FormTextField<AskQueryForm> name="title" label="Title" hint={`A short summary of your question, at most ${QUERY_TITLE_MAX} characters.`} autoComplete="off" maxLength={QUERY_TITLE_MAX + 50} />
      <FormTextArea<AskQueryForm>
        name="body"
        label="Your question"
        hint={`Plain text, at most ${QUERY_BODY_MAX.toLocaleString("en-GB")} characters. Say what you need and anything that helps the team answer.`}
        rows={8}
        maxLength={QUERY_BODY_MAX + 1000}
      />
      <FormSelect<AskQueryForm> name="teamId" label="Team" hint="The team that will answer. Only teams that accept queries are listed.">
        {teams.length === 1 ? null : <option value="">Choose a team</option>}
        {teams.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.label}
          </option>
        ))}
      </FormSelect>
      <FormSubmitRow label="Ask query" busyLabel="Asking…" withStatus={false} />
    </ActionForm>
  );
}
