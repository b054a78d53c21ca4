"use client";
import { ActionForm, FormSubmitRow, useActionForm } from "@/components/ui/action-form";
import { FormTextArea, FormTextField } from "@/components/ui/fields";
import { createLocationAction, updateLocationAction } from "@/lib/locations/actions";
import { type CreateLocationForm, type UpdateLocationForm, createLocationInput, updateLocationInput } from "@/lib/locations/schemas";

const ADDRESS_HINT = "Optional. One line per line of the address, as on an envelope. People get a link to find it on a map.";

/** P6 (webmasters): a new location; on success, its page. */
export function CreateLocationForm() {
  const form = useActionForm(createLocationInput, createLocationAction, {
    defaultValues: { name: "", address: "" },
    redirect: (created) => `/locations/${created.id}`,
  });
  return (
    <ActionForm form={form} className="mt-6 space-y-6">
      <FormTextField<CreateLocationForm> name="name" label="Name" autoComplete="off" />
      <FormTextArea<CreateLocationForm> name="address" label="Address" hint={ADDRESS_HINT} rows={4} />
      <FormSubmitRow label="Create location" busyLabel="Creating…" withStatus={false} />
    </ActionForm>
  );
}

/** P6 (webmasters): a location's name and address, saved against the version the page showed. */
export function EditLocationForm({ locationId, version, name, address }: { locationId: number; version: number; name: string; address: string }) {
  const form = useActionForm(updateLocationInput, updateLocationAction, {
    defaultValues: { locationId, version, name, address },
    redirect: () => `/locations/${locationId}`,
  });
  return (
    <ActionForm form={form} className="mt-4 space-y-6" aria-labelledby="edit-heading">
      <FormTextField<UpdateLocationForm> name="name" label="Name" autoComplete="off" />
      <FormTextArea<UpdateLocationForm> name="address" label="Address" hint={ADDRESS_HINT} rows={4} />
      <FormSubmitRow label="Save location" />
    </ActionForm>
  );
}
