"use server";
/**
 * The locations directory's changes (P6): webmasters create, edit and delete locations.
 * Each is a defineAction: viewer re-read, input parsed, `locations.manage` checked inside
 * the transaction, the change audited (M8).
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { createLocation, deleteLocation, updateLocation } from "./mutations";
import { createLocationInput, deleteLocationInput, updateLocationInput } from "./schemas";

export const createLocationAction = defineAction({
  name: "location.create",
  input: createLocationInput,
  authorize: "locations.manage",
  run: async ({ input, tx }) => {
    const created = await createLocation(tx, input);
    revalidatePath("/locations");
    return created;
  },
  audit: (input, result) => ({ target: { type: "location", id: result.id }, details: { name: input.name, key: result.key } }),
});

export const updateLocationAction = defineAction({
  name: "location.update",
  input: updateLocationInput,
  authorize: "locations.manage",
  run: async ({ input, tx }) => {
    const { before } = await updateLocation(tx, input);
    revalidatePath("/locations");
    revalidatePath(`/locations/${input.locationId}`);
    return { before };
  },
  audit: (input, result) => ({
    target: { type: "location", id: input.locationId },
    details: { before: result.before, after: { name: input.name, address: input.address || null } },
  }),
});

export const deleteLocationAction = defineAction({
  name: "location.delete",
  input: deleteLocationInput,
  authorize: "locations.manage",
  run: async ({ input, tx }) => {
    const moveTo = input.moveTo === "" ? null : Number(input.moveTo);
    const result = await deleteLocation(tx, { locationId: input.locationId, moveTo });
    revalidatePath("/locations");
    return { ...result, moveTo };
  },
  audit: (input, result) => ({ target: { type: "location", id: input.locationId }, details: { name: result.name, movedPeople: result.moved, movedTo: result.moveTo } }),
});
