/**
 * D2: the shapes of the API's answers, as zod schemas: the handlers build their answers
 * through them (`respond`, ./respond.ts) and the OpenAPI document is generated from them
 * (./openapi.ts), so the document and the answers cannot drift apart. Each named schema is in
 * `API_SCHEMAS` under the name the document gives it.
 */
import { z } from "zod";
import { contentType } from "@/db/schema";
import { TOKEN_SCOPES } from "@/lib/api-tokens/schemas";

export const API_SCHEMAS = z.registry<{ id: string }>();

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "about:blank: the status says what kind of problem it is." }),
    status: z.number().int(),
    title: z.string(),
    detail: z.string().optional().meta({ description: "What happened and what to do." }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: "Bad input: a message for each field, by the field's name." }),
  })
  .meta({ description: "An error, as an RFC 9457 problem document (application/problem+json)." });
API_SCHEMAS.add(problemSchema, { id: "Problem" });

export const meSchema = z
  .object({
    person: z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      audience: z.enum(["organisational", "external"]),
      webmaster: z.boolean(),
    }),
    token: z.object({
      id: z.uuid(),
      name: z.string(),
      scope: z.enum(TOKEN_SCOPES).meta({ description: "read: reads only; read-write: also changes what its person may change." }),
    }),
  })
  .meta({ description: "The person a token acts as, as they are now, and the token." });
API_SCHEMAS.add(meSchema, { id: "Me" });

const isoTime = z.iso.datetime().meta({ description: "A time, in ISO 8601 UTC." });
const sectionLink = z.object({ slug: z.string(), title: z.string() });

export const contentSummarySchema = z
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
    group: z.object({ slug: z.string(), name: z.string() }).nullable().meta({ description: "Its home group, only when the caller may see that group." }),
    commentCount: z.number().int(),
  })
  .meta({ description: "An item as the listings show it." });
API_SCHEMAS.add(contentSummarySchema, { id: "ContentSummary" });

export const sectionSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    roles: z.array(z.enum(["manager", "editor", "author"])).meta({ description: "The roles the caller holds here, own or from a section above (S7)." }),
    breadcrumbs: z.array(sectionLink).meta({ description: "The sections above it that the caller may view, top first." }),
    children: z.array(sectionLink.extend({ description: z.string() })).meta({ description: "The sections below it that the caller may view." }),
    content: z.object({
      items: z.array(contentSummarySchema).meta({ description: "Its published items (homed or shared in), newest first, a page at a time." }),
      next: z.string().nullable().meta({ description: "The cursor of the next page (pass it as ?cursor=), or null at the end." }),
    }),
  })
  .meta({ description: "A section the caller may view, as its page shows it." });
API_SCHEMAS.add(sectionSchema, { id: "Section" });
