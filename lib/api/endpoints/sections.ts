/** D2: sections, as their pages show them (S4–S7, C2–C5). */
import { z } from "zod";
import { cursorParam, defineEndpoint } from "../endpoint";
import { contentSummarySchema, named, pageOf, sectionLink } from "../schemas";

export const sectionSchema = named(
  "Section",
  z
    .object({
      id: z.number().int(),
      slug: z.string(),
      title: z.string(),
      description: z.string(),
      roles: z.array(z.enum(["manager", "editor", "author"])).meta({ description: "The roles the caller holds here, own or from a section above (S7)." }),
      breadcrumbs: z.array(sectionLink).meta({ description: "The sections above it that the caller may view, top first." }),
      children: z.array(sectionLink.extend({ description: z.string() })).meta({ description: "The sections below it that the caller may view." }),
      content: pageOf(contentSummarySchema, "Its published items (homed or shared in), newest first, a page at a time."),
    })
    .meta({ description: "A section the caller may view, as its page shows it." }),
);

export const getSection = defineEndpoint({
  operationId: "getSection",
  method: "get",
  path: "/sections/{slug}",
  summary: "A section and a page of its items",
  description: "A section the caller may view, as its page shows it (S4–S7, C2–C5): the roles they hold there, the sections above and below it that they may view, and its published items, newest first.",
  needs: "read",
  pathParams: z.object({ slug: z.string().meta({ description: "The section's address, as in /sections/<slug>." }) }),
  query: z.object({ cursor: cursorParam }),
  response: sectionSchema,
  notFound: "No section has this address.",
  forbidden: "You may not view this section.",
  otherResponses: {
    "308": "The section's address changed: Location gives the new one (only to a caller who may view it).",
  },
});
