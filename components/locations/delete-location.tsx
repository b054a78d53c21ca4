"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormSelect } from "@/components/ui/fields";
import { deleteLocationAction } from "@/lib/locations/actions";
import { type DeleteLocationForm, deleteLocationInput } from "@/lib/locations/schemas";

/**
 * P6 (webmasters): deleting a location asks where its people move first (another location,
 * or none), then confirms with the numbers.
 */
export function DeleteLocation({ locationId, name, peopleCount, others }: { locationId: number; name: string; peopleCount: number; others: { id: number; name: string }[] }) {
  const form = useActionForm(deleteLocationInput, deleteLocationAction, {
    defaultValues: { locationId, moveTo: "" },
    redirect: () => "/locations",
    replace: true,
    confirm: (values) => {
      const to = values.moveTo === "" ? null : others.find((o) => String(o.id) === values.moveTo)?.name;
      const people = peopleCount === 1 ? "1 person" : `${peopleCount} people`;
      return {
        title: `Delete ${name}?`,
        body: peopleCount === 0 ? <p>Nobody is at {name}. It is removed from the directory.</p> : <p>{to ? `${people} move to ${to}.` : `${people} will have no location.`} This cannot be undone.</p>,
        confirmLabel: "Delete location",
        tone: "danger",
      };
    },
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-4" aria-labelledby="delete-heading">
      <p>
        {peopleCount === 0
          ? `Nobody is at ${name}.`
          : `${peopleCount === 1 ? "1 person is" : `${peopleCount} people are`} at ${name}. Choose where they move to before it is deleted.`}
      </p>
      {peopleCount > 0 ? (
        <FormSelect<DeleteLocationForm> name="moveTo" label="Move its people to">
          <option value="">No location</option>
          {others.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name}
            </option>
          ))}
        </FormSelect>
      ) : null}
      <FormSubmitRow label="Delete location" busyLabel="Deleting…" withStatus={false} />
    </ActionForm>
  );
}
