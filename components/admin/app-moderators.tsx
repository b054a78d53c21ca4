"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFeedback } from "@/components/ui/action-feedback";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormControlled } from "@/components/ui/fields";
import { PersonPicker } from "@/components/ui/person-picker";
import { problemOf } from "@/lib/action-result";
import { addAppModeratorsAction, removeAppModeratorAction, searchModeratorCandidatesAction } from "@/lib/app-moderators/actions";
import { type AddAppModeratorsForm, addAppModeratorsForm } from "@/lib/app-moderators/schemas";
import { SWITCHABLE_APP_LABELS, type SwitchableApp } from "@/lib/settings/schemas";

const DUTIES: Record<SwitchableApp, string> = {
  ideas: "They set ideas' statuses with a note, and hide and restore comments on ideas.",
  messageWall: "They hide and restore wall posts and their comments, and see the wall's reports.",
  queries: "They answer any query, accept an answer on the asker's behalf, and hide and restore comments on queries.",
};

interface Moderator {
  id: string;
  name: string;
  email: string;
}

/** G8 K2: one app's moderators (webmasters moderate every app anyway): the list with Remove, and people to add. */
export function AppModerators({ app, moderators }: { app: SwitchableApp; moderators: Moderator[] }) {
  const router = useRouter();
  const label = SWITCHABLE_APP_LABELS[app].label;
  const [status, setStatus] = useState("");
  const pickerId = `moderators-${app}`;
  const form = useActionForm(addAppModeratorsForm, addAppModeratorsAction, {
    defaultValues: { people: [] },
    transform: ({ people }) => ({ app, personIds: people.map((p) => p.id) }),
    resetOnSuccess: true,
    refresh: true,
    onSuccess: ({ added }) => (added === 0 ? `They already moderate ${label}.` : added === 1 ? `1 person now moderates ${label}.` : `${added} people now moderate ${label}.`),
  });
  return (
    <section aria-labelledby={`${pickerId}-heading`} className="mt-8 border-t border-gray-300 pt-6">
      <h3 id={`${pickerId}-heading`} className="text-lg font-bold">
        {label} moderators
      </h3>
      <p className="mt-1 max-w-prose text-gray-800">{DUTIES[app]}</p>
      <ActionFeedback status={status} error={null} />
      {moderators.length === 0 ? (
        <p className="mt-3 text-gray-700">Nobody besides the webmasters.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-200" aria-label={`${label} moderators`}>
          {moderators.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-semibold">{m.name}</span> <span className="break-all text-sm text-gray-700">{m.email}</span>
              </span>
              <ConfirmDialog
                trigger={
                  <button type="button" className="min-h-11 rounded border-2 border-gray-800 px-3 py-1 font-semibold hover:bg-gray-100">
                    Remove<span className="sr-only"> {m.name} from the {label} moderators</span>
                  </button>
                }
                title={`Remove ${m.name} from the ${label} moderators?`}
                confirmLabel="Remove moderator"
                tone="danger"
                onConfirm={async () => {
                  const result = await removeAppModeratorAction({ app, personId: m.id });
                  if (!result.ok) return problemOf(result);
                  setStatus(`${m.name} no longer moderates ${label}.`);
                  router.refresh();
                  return null;
                }}
              >
                <p>They keep using {label} as everyone else does.</p>
              </ConfirmDialog>
            </li>
          ))}
        </ul>
      )}
      <ActionForm form={form} aria-label={`Add ${label} moderators`} className="mt-4 space-y-4">
        <FormControlled<AddAppModeratorsForm>
          name="people"
          render={({ field, error }) => (
            <PersonPicker
              id={pickerId}
              label={`Add ${label} moderators`}
              hint="Type at least 2 letters of a name or e-mail address. Only people in the organisation can moderate."
              search={(query) => searchModeratorCandidatesAction(app, query)}
              value={field.value}
              onChange={(next) => {
                field.onChange(next);
                form.form.clearErrors("people");
              }}
              exclude={moderators.map((m) => m.id)}
              error={error}
            />
          )}
        />
        <FormSubmitRow label="Add moderators" busyLabel="Adding…" />
      </ActionForm>
    </section>
  );
}
