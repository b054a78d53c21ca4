/**
 * D2 D5: people administration through the API, for webmasters (M3, P2, P3, M6): each the
 * admin pages' own action (lib/people/actions.ts, lib/import/) performed as the token's
 * person (lib/actions.ts actAs): the same input schema (the request bodies are generated from
 * it), the webmaster right checked in the writing transaction, the same audit row, naming the
 * token (M8). A person created or changed is answered as GET /people/{id} then shows them.
 */
import { z } from "zod";
import { IMPORT_FORMATS, IMPORT_KINDS } from "@/lib/import/kinds";
import { IMPORT_TOO_LARGE_MESSAGE, applyImportInput } from "@/lib/import/schemas";
import { bulkBlockInput, createPersonInput, personFields } from "@/lib/people/schemas";
import { CONTROL_MESSAGE_ONE_LINE, hasControlCharacters } from "@/lib/validation/text";
import { defineEndpoint } from "../endpoint";
import { isoTime, named } from "../schemas";
import { profileSchema } from "./people";

const personIdParam = z.uuid().meta({ description: "The person's id, as in /people/<id>." });
const NOT_FOUND = "No person has this id.";
const FORBIDDEN = "Only webmasters manage people (M3, P3).";
const FIELDS = "`roles` are the person form's boxes (P1, P2): `organisational` or `external`, and `webmaster` beside `organisational`; `locationId` a location's id as text, or empty for none.";

export const createPerson = defineEndpoint({
  operationId: "createPerson",
  method: "post",
  path: "/people",
  summary: "Add a person",
  description: `Adds a person, as the Add a person page does (M3): unauthorised, with no password, until they use the link of a welcome e-mail (P3). ${FIELDS} Webmasters only. Answers their profile as GET /people/{id} shows it.`,
  needs: "write",
  body: createPersonInput,
  creates: true,
  response: profileSchema,
});

export const updatePerson = defineEndpoint({
  operationId: "updatePerson",
  method: "patch",
  path: "/people/{id}",
  summary: "Change a person",
  description: `Changes the fields sent and keeps the others, as the person's edit page does with its form (M3). ${FIELDS} A new e-mail address signs them out everywhere. Never your own Webmaster role, never the last active webmaster's (P3: 422 naming \`roles\`). Webmasters only.`,
  needs: "write",
  pathParams: z.object({ id: personIdParam }),
  // The form's fields, each optional: the others are the person's own (see the handler).
  body: z.object(personFields.shape).partial(),
  response: profileSchema,
  notFound: NOT_FOUND,
  forbidden: FORBIDDEN,
});

export const setPersonBlocked = defineEndpoint({
  operationId: "setPersonBlocked",
  method: "put",
  path: "/people/{id}/blocked",
  summary: "Block or unblock a person",
  description:
    "`blocked: true` blocks the person (P3): they cannot sign in, their sessions end at their next request and their API tokens stop working (D5); `false` unblocks them. As the People table's Block and Unblock. Never yourself, never the last active webmaster (409). Webmasters only.",
  needs: "write",
  pathParams: z.object({ id: personIdParam }),
  body: bulkBlockInput,
  bodyFromPath: ["personIds"],
  response: profileSchema,
  notFound: NOT_FOUND,
  forbidden: FORBIDDEN,
});

const importProblemSchema = z
  .object({
    row: z.number().int().nullable().meta({ description: "The row (1 = the first data row or entry), or null for the file as a whole." }),
    field: z.string().nullable(),
    message: z.string(),
  })
  .meta({ description: "One problem of the file, by row and field (M6)." });

const importChangeSchema = z
  .object({
    row: z.number().int(),
    label: z.string().meta({ description: "The row's key, or a person's e-mail when it has none." }),
    action: z.enum(["create", "update"]),
    fields: z.array(z.string()).meta({ description: "An update's changed fields." }),
  })
  .meta({ description: "What one row of the file changes." });

export const importPreviewSchema = named(
  "ImportPreview",
  z
    .object({
      uploadId: z.uuid().meta({ description: "The stored upload, for /imports/{id} and its apply." }),
      kind: z.enum(IMPORT_KINDS),
      format: z.enum(IMPORT_FORMATS),
      fileName: z.string(),
      appliedAt: isoTime.nullable().meta({ description: "When it was applied, or null; the counts always compare the file with Portico now." }),
      rows: z.number().int(),
      creates: z.number().int(),
      updates: z.number().int(),
      unchanged: z.number().int(),
      problems: z.array(importProblemSchema).meta({ description: "Every problem: while there is one, nothing can be applied." }),
      changes: z.array(importChangeSchema).meta({ description: "The first 200 changes (`creates` and `updates` count them all)." }),
      fingerprint: z.string().meta({ description: "What the apply must still find: send it to /imports/{id}/apply." }),
    })
    .meta({ description: "What an import file would change in Portico as it is now, with every problem (M6), as the import page previews it." }),
);

export const importAppliedSchema = named(
  "ImportApplied",
  z
    .object({
      kind: z.enum(IMPORT_KINDS),
      rows: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      emailChanges: z.number().int().meta({ description: "People whose e-mail address changed: each was sent a message at the new one (M6, P7)." }),
    })
    .meta({ description: "An import applied, all at once (M6)." }),
);

const IMPORT_FORBIDDEN = "Only webmasters import (M6).";
const uploadIdParam = z.uuid().meta({ description: "The upload's id (an ImportPreview's `uploadId`)." });

const FILE_BODY =
  "The file's bytes themselves, not a form (multipart/form-data is refused): CSV, JSON or XML in UTF-8, with the fields the import page lists, at most 25 MB (a larger Content-Length is refused before the body is read, a body without one as soon as it passes the limit). " +
  "Its format is said by Content-Type (`text/csv`, `application/json`, `application/xml`), by `format`, or by `fileName`'s extension: one of them at least, and those given must agree (400 naming `format` otherwise).";

export const uploadImport = defineEndpoint({
  operationId: "uploadImport",
  method: "post",
  path: "/imports",
  summary: "Upload an import file and preview it",
  description:
    "The first step of an import (M6), as the import page's upload: the file is kept and nothing else changes; the answer is its preview against Portico as it is now, with every problem by row and field (a file that cannot be read at all is one problem, for the file). Apply it with POST /imports/{id}/apply. " +
    "No Idempotency-Key, as the body is streamed rather than read first: a retry after a lost answer keeps a second copy, which changes nothing until applied. Webmasters only.",
  needs: "write",
  query: z.object({
    kind: z.enum(IMPORT_KINDS, { message: "Choose what the file holds: people, teams or locations." }).meta({ description: "What the file holds." }),
    format: z.enum(IMPORT_FORMATS, { message: "The format is csv, json or xml." }).optional().meta({ description: "The file's format, when Content-Type does not say it." }),
    fileName: z
      .string()
      .min(1)
      .max(200, "A file name has at most 200 characters.")
      .refine((v) => !hasControlCharacters(v), CONTROL_MESSAGE_ONE_LINE)
      .optional()
      .meta({ description: "The file's name, as the import page shows it (by default `import.<format>`)." }),
  }),
  streamedBody: { description: FILE_BODY, tooLarge: IMPORT_TOO_LARGE_MESSAGE },
  creates: true,
  response: importPreviewSchema,
  forbidden: IMPORT_FORBIDDEN,
});

export const getImport = defineEndpoint({
  operationId: "getImport",
  method: "get",
  path: "/imports/{id}",
  summary: "An import file's preview now",
  description: "An uploaded import file's preview against Portico as it is now (M6), as the import page shows it: after a 409 from the apply, the new preview and its fingerprint. Webmasters only.",
  needs: "read",
  pathParams: z.object({ id: uploadIdParam }),
  response: importPreviewSchema,
  notFound: "No upload has this id.",
  forbidden: IMPORT_FORBIDDEN,
});

export const applyImport = defineEndpoint({
  operationId: "applyImport",
  method: "post",
  path: "/imports/{id}/apply",
  summary: "Apply a previewed import",
  description:
    "Applies an uploaded file, every row or none (M6), when what it would change is still what was previewed: `fingerprint` is the preview's. When Portico has changed since, or a problem has appeared, nothing is imported (409): get the new preview (GET /imports/{id}) and confirm it again. People whose e-mail address changes are sent a message at the new one and must set a new password (M6, P7). Webmasters only.",
  needs: "write",
  pathParams: z.object({ id: uploadIdParam }),
  body: applyImportInput,
  bodyFromPath: ["uploadId"],
  response: importAppliedSchema,
  notFound: "No upload has this id.",
  forbidden: IMPORT_FORBIDDEN,
});
