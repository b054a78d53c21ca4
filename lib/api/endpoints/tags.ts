/**
 * D2 D7: tags, as their pages show them: every tag in use with how much carries it (the
 * webmasters' /admin/tags), and a tag's page (/tags/<tag>): what the caller may view with it.
 */
import { z } from "zod";
import { IDEA_STATUSES } from "@/lib/ideas/schemas";
import { TAG_MAX, tagParam } from "@/lib/tags/schemas";
import { cursorParam, defineEndpoint } from "../endpoint";
import { contentSummarySchema, groupLink, isoTime, named, pageOf } from "../schemas";

export const tagUseSchema = named(
  "TagUse",
  z
    .object({
      name: z.string().meta({ description: "The tag, as stored (lower case)." }),
      content: z.number().int().meta({ description: "How many items carry it, drafts and every section and group included." }),
      ideas: z.number().int().meta({ description: "How many ideas carry it." }),
      files: z.number().int().meta({ description: "How many group files carry it." }),
    })
    .meta({ description: "A tag in use, and how much carries it (D7)." }),
);

export const tagUsePageSchema = named("TagUsePage", pageOf(tagUseSchema, "A page of tags, by name.").meta({ description: "Tags in use, as /admin/tags lists them to webmasters (D7)." }));

export const listTags = defineEndpoint({
  operationId: "listTags",
  method: "get",
  path: "/tags",
  summary: "Every tag in use (webmasters)",
  description:
    "Every tag in use, by name, a page at a time, with how many items, ideas and group files carry each: the webmasters' tag administration (D7). Others are refused, as the page refuses them; a tag's page is GET /tags/{tag}.",
  needs: "read",
  query: z.object({
    q: z
      .string()
      .max(TAG_MAX * 4, `Search for at most ${TAG_MAX} characters: no tag is longer.`)
      .optional()
      .meta({ description: "Only tags whose names hold this text (case and spaces as tags are stored)." }),
    cursor: cursorParam,
  }),
  response: tagUsePageSchema,
  forbidden: "Only webmasters administer tags (D7).",
});

export const taggedIdeaSchema = named(
  "TaggedIdea",
  z
    .object({
      id: z.uuid(),
      title: z.string(),
      status: z.enum(IDEA_STATUSES).meta({ description: "G8: where the idea stands." }),
      createdAt: isoTime.meta({ description: "When it was submitted." }),
    })
    .meta({ description: "An idea with the tag (G8)." }),
);

export const taggedFileSchema = named(
  "TaggedFile",
  z
    .object({
      id: z.uuid(),
      name: z.string(),
      updatedAt: isoTime.meta({ description: "When it last changed." }),
      group: groupLink.meta({ description: "The group it is in (its page: /groups/<slug>/files/<id>)." }),
    })
    .meta({ description: "A group file with the tag (G7)." }),
);

export const tagPageSchema = named(
  "TagPage",
  z
    .object({
      tag: z.string().meta({ description: "The tag as stored (the address's, trimmed, spaces collapsed and lower-cased)." }),
      content: pageOf(contentSummarySchema, "The published items with the tag that the caller may view (C2–C4), newest first, a page at a time."),
      ideas: z
        .array(taggedIdeaSchema)
        .nullable()
        .meta({ description: "The newest ideas with the tag (at most 10), when the caller may use Ideas (E4, E5); empty otherwise. Only with the first page of content (no cursor), as on the tag page; null with the pages after it." }),
      files: z
        .array(taggedFileSchema)
        .nullable()
        .meta({ description: "The most recently changed files with the tag (at most 10) of groups whose content the caller may read (G6, G7). Only with the first page of content, as on the tag page; null with the pages after it." }),
    })
    .meta({
      description: "What the caller may view with a tag, as its page shows it (D7). A tag on nothing they may view answers exactly as a tag nobody uses: a tag used only in a secret group is not told to others (G1).",
    }),
);

export const getTag = defineEndpoint({
  operationId: "getTag",
  method: "get",
  path: "/tags/{tag}",
  summary: "A tag's page",
  description:
    "What the caller may view with a tag, as its page shows it (D7, C4): published items newest first, a page at a time, and on the first page a few ideas and group files. A tag on nothing the caller may view is an empty answer, the same as a tag nobody uses.",
  needs: "read",
  pathParams: z.object({
    tag: z
      .string()
      .transform((raw, ctx) => {
        const tag = tagParam(raw);
        if (tag === null) {
          ctx.addIssue({ code: "custom", message: "This address does not name a tag." });
          return z.NEVER;
        }
        return tag;
      })
      .meta({ description: `The tag, as in /tags/<tag>: at most ${TAG_MAX} characters, without commas; read as stored (case and spaces do not matter).` }),
  }),
  query: z.object({ cursor: cursorParam }),
  response: tagPageSchema,
  notFound: "This address cannot name a tag: tags are at most 40 characters, without commas.",
});
