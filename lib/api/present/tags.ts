import "server-only";
/**
 * D2 D7: the tag pages' answers in the API's shape: /admin/tags' page of tags in use
 * (lib/tags/queries.ts listTagUses), and a tag's page (lib/content/listings.ts listTagged and
 * lib/tags/queries.ts taggedOthers).
 */
import type { z } from "zod";
import type { ContentSummary, Page } from "@/lib/content/listings";
import type { IdeaStatus } from "@/lib/ideas/schemas";
import type { TagUsePage, TaggedFile, TaggedIdea } from "@/lib/tags/queries";
import type { tagPageSchema, tagUsePageSchema } from "../endpoints/tags";
import { apiContentSummary } from "./common";

export function apiTagUses(page: TagUsePage): z.input<typeof tagUsePageSchema> {
  return { items: page.tags.map((t) => ({ name: t.name, content: t.content, ideas: t.ideas, files: t.files })), next: page.next };
}

export function apiTagPage(tag: string, content: Page<ContentSummary>, others: { ideas: TaggedIdea[]; files: TaggedFile[] } | null): z.input<typeof tagPageSchema> {
  return {
    tag,
    content: { items: content.items.map(apiContentSummary), next: content.next },
    ideas: others
      ? others.ideas.map((i) => ({
          id: i.id,
          title: i.title,
          // Stored as the ideas table's status (one of IDEA_STATUSES); the response schema checks it again.
          status: i.status as IdeaStatus,
          createdAt: i.createdAt.toISOString(),
        }))
      : null,
    files: others ? others.files.map((f) => ({ id: f.id, name: f.name, updatedAt: f.updatedAt.toISOString(), group: f.group })) : null,
  };
}
