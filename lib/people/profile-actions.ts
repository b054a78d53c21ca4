"use server";
/**
 * E3: everyone edits their own profile and removes their own profile image; webmasters
 * also remove anyone's image (M3). Each is a defineAction — the viewer re-read, the input
 * parsed with the schema the form uses, the permission re-checked in the transaction,
 * the change audited (M8) in that transaction. The password a mobile change asks for is
 * never in the audit row.
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { deleteReleasedObjects } from "@/lib/storage/lifecycle";
import { MOBILE_NEEDS_PASSWORD_MESSAGE, ownMobileChanges, updateOwnProfile } from "./mutations";
import { removeProfileImage } from "./profile-image";
import { ownProfileInput, removeProfileImageInput } from "./schemas";

export const updateOwnProfileAction = defineAction({
  name: "profile.update",
  input: ownProfileInput,
  authorize: "account.own",
  // M4, M6: a new mobile number (sign-in codes go to it) needs the current password.
  recheckPassword: {
    field: "password",
    when: ({ viewer, input, db }) => ownMobileChanges(db, viewer.id, input.mobile),
    messages: { empty: MOBILE_NEEDS_PASSWORD_MESSAGE },
  },
  run: async ({ viewer, input, tx, passwordRechecked }) => {
    const result = await updateOwnProfile(tx, viewer, input, passwordRechecked);
    revalidatePath("/me/profile");
    return result;
  },
  audit: (_input, result) => ({ details: { changed: result.changed } }),
});

const removeImage = defineAction({
  name: "profile.image.remove",
  input: removeProfileImageInput,
  authorize: "person.image.remove",
  run: async ({ viewer, input, tx }) => removeProfileImage(tx, input.personId ?? viewer.id),
  audit: (input, result) => ({ details: { personId: input.personId ?? null, removed: result.removed !== null } }),
});

export async function removeProfileImageAction(raw: unknown) {
  const result = await removeImage(raw);
  if (!result.ok) return result;
  // The file goes once the change has committed.
  if (result.data.removed) await deleteReleasedObjects([result.data.removed]);
  revalidatePath("/me/profile");
  revalidatePath("/admin/users", "layout");
  return { ok: true as const, data: { removed: result.data.removed !== null } };
}
