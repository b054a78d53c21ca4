/**
 * D2: group docs (G7), as the group page and the file page show them, and a version's bytes as
 * the site's download route serves them. Who may read a file is who may read its group's
 * content (G6); a secret group's file is not admitted to exist to a non-member (G1: 404, as
 * for no file at all), any other refusal is a 403 that names nothing of the file (C5).
 */
import { z } from "zod";
import { FILE_RESPONSE, cursorParam, defineEndpoint } from "../endpoint";
import { groupLink, isoTime, named, pageOf } from "../schemas";

export const groupFileSummarySchema = named(
  "GroupFileSummary",
  z
    .object({
      id: z.uuid().meta({ description: "Its id for /files/{id}." }),
      name: z.string(),
      summary: z.string().meta({ description: "The first line of its description (D4), cut short; empty when it has none." }),
      currentVersion: z.number().int().meta({ description: "The number of its current version (G7: every earlier one is kept)." }),
      byteSize: z.number().int().meta({ description: "The current version's size in bytes." }),
      mimeType: z.string().meta({ description: "The current version's type, as verified from its bytes at upload." }),
      updatedBy: z.string().nullable().meta({ description: "The name of whoever uploaded the current version; null when their account is gone." }),
      updatedAt: isoTime,
      mayManage: z.boolean().meta({ description: "The caller may add versions, rename and delete it (G7: its uploader while a member, the group's admins, webmasters)." }),
    })
    .meta({ description: "A group file as the group page lists it." }),
);

export const groupFilesPageSchema = named(
  "GroupFilesPage",
  pageOf(groupFileSummarySchema, "The group's files, most recently updated first, a page at a time.")
    .extend({ mayUpload: z.boolean().meta({ description: "The caller may upload a new file into the group (G2: members; G5: webmasters)." }) })
    .meta({ description: "A page of a group's files (G7), for whoever may read the group's content (G6)." }),
);

export const groupFileVersionSchema = named(
  "GroupFileVersion",
  z
    .object({
      number: z.number().int().meta({ description: "For /files/{id}/versions/{number}/content." }),
      byteSize: z.number().int(),
      mimeType: z.string(),
      uploadedBy: z.string().nullable().meta({ description: "The uploader's name; null when their account is gone." }),
      createdAt: isoTime,
    })
    .meta({ description: "One version of a group file." }),
);

export const groupFileSchema = named(
  "GroupFile",
  z
    .object({
      id: z.uuid(),
      group: groupLink.meta({ description: "The group it belongs to (/groups/{slug})." }),
      name: z.string(),
      description: z.string().meta({ description: "What it is about (D4): plain text, line breaks kept; empty when none was given." }),
      tags: z.array(z.string()).meta({ description: "Its tags (D7)." }),
      currentVersion: z.number().int(),
      mayManage: z.boolean().meta({ description: "The caller may add versions, edit its details and delete it (G7)." }),
      versions: z.array(groupFileVersionSchema).meta({ description: "Every version, newest first (G7)." }),
    })
    .meta({ description: "A group file and its versions, as its page shows them." }),
);

const fileId = z.uuid().meta({ description: "The file's id." });
const FILE_NOT_FOUND = "No file has this id, or it is in a secret group the caller is not a member of (G1: the same answer).";
const FILE_FORBIDDEN = "You may not read this group's content, so not its files either (G6, G7).";

export const listGroupFiles = defineEndpoint({
  operationId: "listGroupFiles",
  method: "get",
  path: "/groups/{slug}/files",
  summary: "A group's files, a page at a time",
  description:
    "The files of a group whose content the caller may read (G6, G7), most recently updated first, as the group page lists them, and whether they may upload one. A group the caller may not see is a 404, as for no group (G1, G3, E5); a group they see but may not read (a private group's non-member) a 403.",
  needs: "read",
  pathParams: z.object({ slug: z.string().max(200).meta({ description: "The group's address, as in /groups/<slug>." }) }),
  query: z.object({ cursor: cursorParam }),
  response: groupFilesPageSchema,
  notFound: "No group has this address, or the caller may not see it (G1: a secret group's non-member gets the same answer).",
  forbidden: "You may not read this group's content, so not its files either (G6, G7).",
});

export const getGroupFile = defineEndpoint({
  operationId: "getGroupFile",
  method: "get",
  path: "/files/{id}",
  summary: "A group file and its versions",
  description: "A group file, as its page shows it (G7): its description, tags and every version, newest first, and whether the caller may manage it. For whoever may read its group's content (G6).",
  needs: "read",
  pathParams: z.object({ id: fileId }),
  response: groupFileSchema,
  notFound: FILE_NOT_FOUND,
  forbidden: FILE_FORBIDDEN,
});

export const getGroupFileContent = defineEndpoint({
  operationId: "getGroupFileContent",
  method: "get",
  path: "/files/{id}/versions/{number}/content",
  summary: "A version's bytes",
  description:
    "Version {number} of a group file, as the site's download route serves it (G7): the stored bytes with the type verified at upload (nosniff), Content-Disposition with its name, and one byte range when a Range header asks (206 with Content-Range; a range past the end: 416). Decided in this request (G6).",
  needs: "read",
  pathParams: z.object({
    id: fileId,
    number: z
      .string()
      .regex(/^[1-9]\d{0,9}$/)
      .transform(Number)
      .meta({ description: "The version's number (1 is the first), as listed by /files/{id}." }),
  }),
  response: FILE_RESPONSE,
  notFound: `${FILE_NOT_FOUND} Or the file has no such version.`,
  forbidden: FILE_FORBIDDEN,
});
