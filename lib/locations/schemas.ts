/**
 * The locations directory's forms (P6), shared by the forms (client) and the actions.
 * Client-safe.
 */
import { z } from "zod";
import { dbId, intInRange, plainText } from "@/lib/validation/text";

export const LOCATION_NAME_MAX = 200;
export const LOCATION_ADDRESS_MAX = 500;

const name = plainText(LOCATION_NAME_MAX, {
  required: "Enter the location's name, such as Northmoor Town Hall.",
  tooLong: `A location's name may be at most ${LOCATION_NAME_MAX} characters long.`,
});
const address = plainText(LOCATION_ADDRESS_MAX, {
  multiline: true,
  tooLong: `An address may be at most ${LOCATION_ADDRESS_MAX} characters long.`,
}).refine((v) => v.split("\n").length <= 8, "Write the address on at most 8 lines.");

export const createLocationInput = z.object({ name, address });
export type CreateLocationForm = z.input<typeof createLocationInput>;

export const updateLocationInput = z.object({
  locationId: dbId("This location could not be found: it may have been deleted. Go back to the locations directory."),
  /** The version the form was opened at: an edit against an older one is refused, not lost. */
  version: intInRange(1, 2_147_483_647, "Reload the page, then make your change again."),
  name,
  address,
});
export type UpdateLocationForm = z.input<typeof updateLocationInput>;

/** Where the people of a deleted location go: another location's id, or "" for none. */
export const deleteLocationInput = z.object({
  locationId: dbId("This location could not be found: it may have been deleted already."),
  moveTo: z.string().regex(/^\d{0,10}$/, "Choose where its people move to."),
});
export type DeleteLocationForm = z.input<typeof deleteLocationInput>;

/** A location's key (the import's identifier, P6 M6) from its name: lower-case words joined by dashes. */
export function locationKeyFrom(name: string): string {
  const key = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return key || "location";
}

/** A map search for an address (no third-party embed: a link the person chooses to follow). */
export function mapLinkFor(name: string, address: string | null): string {
  const query = [name, ...(address ?? "").split("\n")].map((l) => l.trim()).filter(Boolean).join(", ");
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}
