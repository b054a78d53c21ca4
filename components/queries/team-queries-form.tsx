"use client";
/** P5 G8: a team's admins (admins above it, webmasters) let the team receive queries, or stop it. */
import { z } from "zod";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormCheckbox } from "@/components/ui/fields";
import { setTeamAcceptsQueriesAction } from "@/lib/queries-app/actions";

const schema = z.object({ accepts: z.boolean() });

export function TeamQueriesForm({ teamId, teamName, accepts }: { teamId: number; teamName: string; accepts: boolean }) {
  const form = useActionForm(schema, setTeamAcceptsQueriesAction, {
    defaultValues: { accepts },
    transform: (values) => ({ teamId, accepts: values.accepts }),
    refresh: true,
    onSuccess: (data) => (data.accepts ? `${teamName} now accepts queries.` : `${teamName} no longer accepts new queries.`),
  });
  return (
    <ActionForm form={form} className="mt-3 space-y-4" aria-labelledby="team-queries">
      <FormCheckbox
        name="accepts"
        label="Accepts queries"
        hint="People who use Queries can send this team questions; its members and its child teams' members answer them. Turning it off stops new queries; those already sent stay."
      />
      <FormSubmitRow label="Save" />
    </ActionForm>
  );
}
