/**
 * D2: every endpoint of /api/v1, as the OpenAPI document describes it (./openapi.ts). A route
 * handler under app/api/v1 exists exactly for each entry (lib/api/openapi.test.ts checks both
 * ways), and answers with the entry's `response` schema.
 */
import { z } from "zod";
import { meSchema, sectionSchema } from "./schemas";

/** A path or query parameter. */
export interface ApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description: string;
  schema: z.ZodType;
}

export interface ApiEndpoint {
  operationId: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  /** The path below /api/v1, in the document's form (`/content/{id}`). */
  path: string;
  summary: string;
  description: string;
  /** "write": a read-write token is needed (D5). */
  needs: "read" | "write";
  parameters?: readonly ApiParameter[];
  /** The answer's schema, registered in API_SCHEMAS. */
  response: z.ZodType;
  /** Besides 200, 401 and 403: the statuses this endpoint may answer, and when. */
  otherResponses?: Readonly<Record<string, string>>;
}

const cursorParameter: ApiParameter = {
  name: "cursor",
  in: "query",
  required: false,
  description: "The `next` of the page before, for the page after it; a cursor that is not one reads as the first page.",
  schema: z.string(),
};

export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    operationId: "getMe",
    method: "get",
    path: "/me",
    summary: "Who the token acts as",
    description: "The token's person as they are now (a role or block applies at once) and the token's name and scope: for checking a token before using it.",
    needs: "read",
    response: meSchema,
  },
  {
    operationId: "getSection",
    method: "get",
    path: "/sections/{slug}",
    summary: "A section and a page of its items",
    description: "A section the caller may view, as its page shows it (S4–S7, C2–C5): the roles they hold there, the sections above and below it that they may view, and its published items, newest first.",
    needs: "read",
    parameters: [{ name: "slug", in: "path", required: true, description: "The section's address, as in /sections/<slug>.", schema: z.string() }, cursorParameter],
    response: sectionSchema,
    otherResponses: {
      "308": "The section's address changed: Location gives the new one (only to a caller who may view it).",
      "404": "No section has this address.",
    },
  },
];
