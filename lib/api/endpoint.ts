/**
 * D2: what one endpoint of /api/v1 is, as the OpenAPI document describes it (./openapi.ts) and
 * its route handler enforces it (./route.ts): its path and query parameters and its answer as
 * zod schemas, the scope it needs, and what its refusals mean. The document is generated from
 * these, and the handler parses its parameters and builds its answer through the same
 * schemas, so the two cannot drift apart.
 */
import { z } from "zod";

/** A parameter's schema: from the text in the address to its value; `.meta({ description })` documents it. */
type Parameters = z.ZodObject<Record<string, z.ZodType>>;

export interface ApiEndpoint<P extends Parameters = Parameters, Q extends Parameters = Parameters, R extends z.ZodType = z.ZodType> {
  operationId: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  /** The path below /api/v1, in the document's form (`/content/{id}`); its `{names}` are `pathParams`' keys. */
  path: string;
  summary: string;
  description: string;
  /** "write": a read-write token is needed (D5). */
  needs: "read" | "write";
  pathParams?: P;
  query?: Q;
  /**
   * A write's JSON body: the schema of the action it performs (lib/actions.ts), which parses
   * it as it parses the page's form, so the document shows exactly what the action accepts.
   * `bodyFromPath`: the action's fields the path gives (an item's id), left out of the body.
   */
  body?: z.ZodType;
  bodyFromPath?: readonly string[];
  /**
   * A write whose body is a file's bytes, not JSON (an upload): the pipeline leaves it unread
   * for the handler to stream into its action, never held whole, and refuses a form
   * (multipart/form-data: 415), whose envelope would be taken for the file. The document
   * describes it as application/octet-stream with `description` (what to send, how the file
   * is named) and its 413 with `tooLarge`. Such a create takes no Idempotency-Key: a key's
   * request is fingerprinted by its whole body before it is answered (./idempotency.ts),
   * which would mean reading the file into memory first.
   */
  streamedBody?: { description: string; tooLarge: string };
  /** A create: 201 with Location, and (unless its body is streamed) an Idempotency-Key makes a retry safe (./idempotency.ts). */
  creates?: boolean;
  /** The answer's schema, registered in API_SCHEMAS (./schemas.ts). */
  response: R;
  /**
   * What a 404 and a 403 of this endpoint mean, when it answers them: the document's
   * description and the problem document's detail, the same words.
   */
  notFound?: string;
  forbidden?: string;
  /** Besides 200, 304, 400, 401, 403 and 404: the statuses this endpoint may answer, and when. */
  otherResponses?: Readonly<Record<string, string>>;
}

export function defineEndpoint<P extends Parameters = z.ZodObject<Record<never, z.ZodType>>, Q extends Parameters = z.ZodObject<Record<never, z.ZodType>>, R extends z.ZodType = z.ZodType>(
  endpoint: ApiEndpoint<P, Q, R>,
): ApiEndpoint<P, Q, R> {
  return endpoint;
}

/**
 * The response of an endpoint that answers with a file's bytes (its handler returns the
 * download's own Response, with Range, Content-Type and Content-Disposition): documented as
 * application/octet-stream.
 */
export const FILE_RESPONSE = z.never().meta({ description: "The file's bytes, with its type in Content-Type; a Range request gets 206 and the range." });

/** The `cursor` of a paged answer: opaque, as the pages' own. */
export const cursorParam = z
  .string()
  .max(2000)
  .optional()
  .meta({ description: "The `next` of the page before, for the page after it; a cursor that is not one reads as the first page." });

/** A search box's words, as the page's own search takes them. */
export const searchWordsParam = (what: string) => z.string().max(200, "Search for at most 200 characters.").optional().meta({ description: `Words to look for in ${what}.` });
