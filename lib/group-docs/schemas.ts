/**
 * G7: the inputs of the group docs actions (zod), shared with the forms that will send them.
 * A file's name is plain text people see; it is never used as a storage key or a path.
 * Its description (D4) and tags (D7) are given afterwards, on the file's page.
 */
import { z } from "zod";
import { optionalTagList } from "@/lib/tags/schemas";
import type { IncomingFile } from "@/lib/uploads/stream-bytes";
import { dbId, plainText } from "@/lib/validation/text";

const fileId = z.uuid("This file could not be found. Reload the page, then try again.");

/** A file's name: plain text of at most 200 characters, with no folder in it. */
export const fileName = plainText(200, { required: "Enter the file's name.", tooLong: "A file name can be at most 200 characters." }).refine(
  (name) => !/[/\\]/.test(name),
  "A file name cannot contain / or \\.",
);

/** A file as it streams in (lib/uploads/receive-stream.ts), read once, straight into storage; never a whole File in memory. */
const file = z.custom<IncomingFile>(
  (value) => typeof value === "object" && value !== null && typeof (value as IncomingFile).name === "string" && (value as IncomingFile).stream instanceof ReadableStream,
  { message: "Choose a file to upload." },
);

/** A new file in a group: its name is the uploaded file's own. */
export const uploadGroupFileInput = z.object({ groupId: dbId("This group could not be found. Reload the page, then try again."), file });
/** A new version of a file. */
export const uploadGroupFileVersionInput = z.object({ fileId, file });

export const GROUP_FILE_DESCRIPTION_MAX = 2000;

/** What the file is about: plain text, line breaks kept, at most GROUP_FILE_DESCRIPTION_MAX characters (empty: none). */
export const groupFileDescription = plainText(GROUP_FILE_DESCRIPTION_MAX, {
  multiline: true,
  invalid: "Enter the description as text.",
  tooLong: `A description can be at most ${GROUP_FILE_DESCRIPTION_MAX} characters.`,
});

/**
 * G7 D4 D7: a file's details, as its managers edit them: its name (the extension stays, checked
 * against the file's own in the transaction), description and tags. A description or tags left
 * out are left as they are; the form always sends both.
 */
export const editGroupFileInput = z.object({ fileId, name: fileName, description: groupFileDescription.optional(), tags: optionalTagList });
export type EditGroupFileForm = z.input<typeof editGroupFileInput>;

export const deleteGroupFileInput = z.object({ fileId, confirmed: z.literal(true, { error: "Confirm that you want to delete this file and every version of it." }) });
