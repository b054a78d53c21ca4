/**
 * D2: the registry of the API's named answer shapes, and the shapes several endpoints share.
 * Each endpoint's own shapes are beside it (./endpoints/<family>.ts). Handlers build their
 * answers through these zod schemas (./route.ts) and the OpenAPI document is generated from
 * them (./openapi.ts): each named schema is in `API_SCHEMAS` under the name the document
 * gives it.
 */
import { z } from "zod";
import { contentType } from "@/db/schema";

export const API_SCHEMAS = z.registry<{ id: string }>();

/** `schema`, registered under `id` (the name the document gives it). */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  API_SCHEMAS.add(schema, { id });
  return schema;
}

export const problemSchema = named(
  "Problem",
  z
    .object({
      type: z.string().meta({ description: "about:blank: the status says what kind of problem it is." }),
      status: z.number().int(),
      title: z.string(),
      detail: z.string().optional().meta({ description: "What happened and what to do." }),
      errors: z.record(z.string(), z.string()).optional().meta({ description: "Bad input: a message for each field, by the field's name." }),
    })
    .meta({ description: "An error, as an RFC 9457 problem document (application/problem+json)." }),
);

export const isoTime = z.iso.datetime().meta({ description: "A time, in ISO 8601 UTC." });
export const sectionLink = z.object({ slug: z.string(), title: z.string() });
export const groupLink = z.object({ slug: z.string(), name: z.string() });
/** A person named somewhere (an author, a member): their profile's id only when the caller may open it (P6). */
export const personLink = named(
  "PersonLink",
  z.object({ id: z.uuid().nullable().meta({ description: "Their id for /people/{id}, or null when the caller may not open their profile (P6)." }), name: z.string() }),
);

/** A page of `item`s, and the cursor of the next one. */
export function pageOf<S extends z.ZodType>(item: S, what: string) {
  return z.object({
    items: z.array(item).meta({ description: what }),
    next: z.string().nullable().meta({ description: "The cursor of the next page (pass it as ?cursor=), or null at the end." }),
  });
}

export const contentSummarySchema = named(
  "ContentSummary",
  z
    .object({
      id: z.uuid(),
      type: z.enum(contentType.enumValues),
      title: z.string(),
      status: z.enum(["draft", "published"]),
      excerpt: z.string(),
      publishedAt: isoTime.nullable(),
      updatedAt: isoTime,
      eventStartsAt: isoTime.nullable(),
      section: sectionLink.nullable().meta({ description: "Its home section when the caller may view it, else a section it is shared into that they may view." }),
      group: groupLink.nullable().meta({ description: "Its home group, only when the caller may see that group." }),
      commentCount: z.number().int(),
    })
    .meta({ description: "An item as the listings show it." }),
);
