/**
 * D2: changing group docs through the API (G2, G5, G7): uploading a file into a group and a new
 * version of one, changing its details, deleting it; each the site's own action
 * (lib/group-docs/upload-actions.ts, actions.ts) performed as the token's person
 * (lib/actions.ts actAs): the same checks of the bytes, the same permission in the writing
 * transaction, the same audit row, naming the token (M8). An upload's body is the file's bytes
 * themselves, streamed into storage as they arrive (never held whole). Each answers with the
 * file as GET /files/{id} then shows it.
 */
import { z } from "zod";
import { ACCEPTED_EXTENSIONS } from "@/lib/group-docs/file-types";
import { DEFAULT_GROUP_FILE_MAX_MB } from "@/lib/group-docs/limits";
import { editGroupFileInput } from "@/lib/group-docs/schemas";
import { defineEndpoint } from "../endpoint";
import { named } from "../schemas";
import { groupFileSchema } from "./files";

const slug = z.string().max(200).meta({ description: "The group's address, as in /groups/<slug>." });
const fileId = z.uuid().meta({ description: "The file's id." });

const GROUP_NOT_FOUND = "No group has this address, or the caller may not see it (G1: a secret group's non-member gets the same answer; G3: an external person without the Groups switch, a group not theirs).";
const FILE_NOT_FOUND = "No file has this id, or it is in a secret group the caller is not a member of (G1: the same answer).";
const FILE_FORBIDDEN = "You may not read this group's content, so not its files either (G6, G7).";

const BYTES =
  "The file's bytes themselves, not a form (multipart/form-data is refused), streamed into storage as they arrive. Content-Type: the file's type, or application/octet-stream; it is not trusted: " +
  `the stored type is the one the name's extension says, confirmed from the file's first bytes (G7). Accepted: ${ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(", ")}. ` +
  `At most the organisation's limit (PORTICO_GROUP_FILE_MAX_MB, ${DEFAULT_GROUP_FILE_MAX_MB} MB unless set): a larger Content-Length is refused before the body is read, and a body without one as soon as it passes the limit.`;
const TOO_LARGE = "The file is larger than the organisation's limit (PORTICO_GROUP_FILE_MAX_MB): the detail says how large it may be. Nothing is stored.";
const FILE_REFUSED =
  "A type not accepted, bytes that are not what the name says, an empty file or a name that is not one: 422 with the site's own message as `errors.file`, and nothing stored.";

export const uploadFile = defineEndpoint({
  operationId: "uploadGroupFile",
  method: "post",
  path: "/groups/{slug}/files",
  summary: "Upload a file into a group",
  description:
    `Uploads a new file into the group, as its first version, as the group page's upload does: its members (G2; external members whatever the Groups switch) and webmasters (G5). ${FILE_REFUSED} ` +
    "It takes no Idempotency-Key (the body is streamed, not read before the upload): after a lost answer, see GET /groups/{slug}/files before sending it again.",
  needs: "write",
  pathParams: z.object({ slug }),
  query: z.object({
    name: z
      .string("Give the file's name, with its extension, as ?name= (Plan.pdf).")
      .min(1, "Give the file's name, with its extension, as ?name= (Plan.pdf).")
      .meta({ description: "The file's name in the group, with its extension (Plan.pdf), which says its type (G7): at most 200 characters, no / or \\." }),
  }),
  streamedBody: { description: BYTES, tooLarge: TOO_LARGE },
  creates: true,
  response: groupFileSchema,
  notFound: GROUP_NOT_FOUND,
  forbidden: "You may not upload into this group (G2: its members; G5: webmasters).",
});

export const uploadFileVersion = defineEndpoint({
  operationId: "uploadGroupFileVersion",
  method: "post",
  path: "/files/{id}/versions",
  summary: "Upload a new version of a file",
  description:
    `Uploads the file's next version; every earlier one is kept (G7): its uploader while a member, the group's admins, webmasters. It must be of the file's own type (the same extension, confirmed from its bytes). ${FILE_REFUSED} ` +
    "It takes no Idempotency-Key (the body is streamed, not read before the upload): after a lost answer, see GET /files/{id} before sending it again. Location: the new version's content.",
  needs: "write",
  pathParams: z.object({ id: fileId }),
  query: z.object({
    name: z
      .string()
      .min(1, "Give the new version's file name, or leave ?name= out.")
      .optional()
      .meta({ description: "The uploaded file's own name, only to check its type: it must end in the file's extension. The file keeps its name. Left out: the file's name." }),
  }),
  streamedBody: { description: BYTES, tooLarge: TOO_LARGE },
  creates: true,
  response: groupFileSchema,
  notFound: FILE_NOT_FOUND,
  forbidden: `${FILE_FORBIDDEN} Or you may not add versions to it (G7: its uploader while a member, the group's admins, webmasters).`,
});

export const editFile = defineEndpoint({
  operationId: "updateGroupFile",
  method: "patch",
  path: "/files/{id}",
  summary: "Rename a file, or change its description or tags",
  description:
    "Changes the fields sent and keeps the others, as the file page's form does (G7 D4 D7): its uploader while a member, the group's admins, webmasters. The name keeps the file's extension (its type is what its bytes are); `tags`, when sent, are its whole list.",
  needs: "write",
  pathParams: z.object({ id: fileId }),
  // The page's form always sends the name; here it may be left out, and stays.
  body: editGroupFileInput.omit({ fileId: true }).partial({ name: true }),
  response: groupFileSchema,
  notFound: FILE_NOT_FOUND,
  forbidden: `${FILE_FORBIDDEN} Or you may not change it (G7).`,
});

export const groupFileDeletedSchema = named(
  "GroupFileDeleted",
  z.object({ id: z.uuid(), deleted: z.literal(true) }).meta({ description: "The file and every version of it are gone." }),
);

export const deleteFile = defineEndpoint({
  operationId: "deleteGroupFile",
  method: "delete",
  path: "/files/{id}",
  summary: "Delete a file and every version",
  description: "Deletes the file with every version (G7: its uploader while a member, the group's admins, webmasters): the call is the confirmation the page asks for. Recorded in the audit log.",
  needs: "write",
  pathParams: z.object({ id: fileId }),
  response: groupFileDeletedSchema,
  notFound: FILE_NOT_FOUND,
  forbidden: `${FILE_FORBIDDEN} Or you may not delete it (G7).`,
});
