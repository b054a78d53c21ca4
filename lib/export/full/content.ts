import "server-only";
/**
 * D3 (C1 C6 D7 E3): the full export's content: every item, drafts included, with its home,
 * the sections it is shared into, its type's own fields, tags, dates, its whole history
 * (`versions`, oldest first, as its versions page lists them) and the images its rich text
 * shows (`images`, their bytes in the archive: ./images.ts). The key is the one the item
 * was loaded with, or its id: loading the export and exporting again gives the same keys.
 */
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { jsonColumn } from "@/db/sql";
import { content, contentShares, contentVersions, groups, people, pollOptions, pollSettings, sections, uploads } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { contentImagePath, namedByItsItem } from "./images";
import { EXPORT_PAGE, groupedBy, keysetPages, mapPages } from "./pages";

type Item = OrgFile["content"][number];
type Version = NonNullable<Item["versions"]>[number];

const iso = (d: Date | null) => d?.toISOString();

/** Items carry their whole history: a page of them is smaller than a page of people. */
const CONTENT_PAGE = EXPORT_PAGE / 4;

export function contentPages(db: Db): AsyncGenerator<OrgFile["content"]> {
  const rows = keysetPages(
    (after: string | null, limit) =>
      db
        .select({
          id: content.id,
          importKey: content.importKey,
          type: content.type,
          title: content.title,
          body: content.body,
          status: content.status,
          author: people.email,
          section: sections.slug,
          group: groups.slug,
          startsAt: content.eventStartsAt,
          endsAt: content.eventEndsAt,
          place: content.eventPlace,
          tags: content.tags,
          createdAt: content.createdAt,
          updatedAt: content.updatedAt,
          publishedAt: content.publishedAt,
        })
        .from(content)
        .innerJoin(people, eq(people.id, content.authorId))
        .leftJoin(sections, eq(sections.id, content.homeSectionId))
        .leftJoin(groups, eq(groups.id, content.homeGroupId))
        .where(after === null ? undefined : gt(content.id, after))
        .orderBy(asc(content.id))
        .limit(limit),
    (c) => c.id,
    CONTENT_PAGE,
  );
  return mapPages(rows, async (page) => {
    const ids = page.map((c) => c.id);
    const [shares, options, polls, versions, images] = await Promise.all([
      db
        .select({ contentId: contentShares.contentId, section: sections.slug })
        .from(contentShares)
        .innerJoin(sections, eq(sections.id, contentShares.sectionId))
        .where(inArray(contentShares.contentId, ids))
        .orderBy(asc(contentShares.sharedAt), asc(sections.slug)),
      db.select({ contentId: pollOptions.contentId, label: pollOptions.label }).from(pollOptions).where(inArray(pollOptions.contentId, ids)).orderBy(asc(pollOptions.position)),
      db.select().from(pollSettings).where(inArray(pollSettings.contentId, ids)),
      db
        .select({
          contentId: contentVersions.contentId,
          title: contentVersions.title,
          body: contentVersions.body,
          status: contentVersions.status,
          details: contentVersions.details,
          editor: people.email,
          editorName: contentVersions.editorName,
          savedAt: contentVersions.savedAt,
        })
        .from(contentVersions)
        .leftJoin(people, eq(people.id, contentVersions.editorId))
        .where(inArray(contentVersions.contentId, ids))
        .orderBy(asc(contentVersions.contentId), asc(contentVersions.version)),
      db
        .select({ contentId: content.id, id: uploads.id, mimeType: uploads.mimeType })
        .from(uploads)
        .innerJoin(content, eq(content.id, uploads.contentId))
        .where(and(inArray(uploads.contentId, ids), namedByItsItem()))
        .orderBy(asc(uploads.contentId), asc(uploads.id)),
    ]);
    const sharesOf = groupedBy(shares, (s) => s.contentId);
    const optionsOf = groupedBy(options, (o) => o.contentId);
    const pollOf = new Map(polls.map((p) => [p.contentId, p]));
    const versionsOf = groupedBy(versions, (v) => v.contentId);
    const imagesOf = groupedBy(images, (m) => m.contentId);
    return page.map((c): Item => {
      const poll = pollOf.get(c.id);
      const history = versionsOf(c.id).map((v): Version => {
        const details = jsonColumn(v.details as Version["details"] | string);
        return {
          title: v.title,
          body: v.body,
          status: v.status,
          ...(isEmpty(details) ? {} : { details: details! }),
          editor: v.editor,
          editorName: v.editorName,
          savedAt: v.savedAt.toISOString(),
        };
      });
      return {
        key: c.importKey ?? c.id,
        type: c.type,
        title: c.title,
        body: c.body,
        ...(c.section !== null ? { section: c.section } : { group: c.group! }),
        ...(sharesOf(c.id).length ? { sharedInto: sharesOf(c.id).map((s) => s.section) } : {}),
        author: c.author,
        status: c.status,
        ...(c.type === "poll" ? { options: optionsOf(c.id).map((o) => o.label) } : {}),
        ...(poll?.closesAt ? { closesAt: poll.closesAt.toISOString() } : {}),
        ...(poll ? { resultsShown: poll.resultsShown } : {}),
        ...(c.status === "published" && c.publishedAt ? { publishedAt: c.publishedAt.toISOString() } : {}),
        ...(c.type === "event" ? withoutNull({ startsAt: iso(c.startsAt), endsAt: iso(c.endsAt), place: c.place }) : {}),
        ...(c.tags.length ? { tags: c.tags } : {}),
        createdAt: c.createdAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        ...(history.length ? { versions: history } : {}),
        ...(imagesOf(c.id).length ? { images: imagesOf(c.id).map((m) => ({ id: m.id, path: contentImagePath(m.id, m.mimeType) })) } : {}),
      };
    });
  });
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "object" && Object.keys(value as object).length === 0);
}

function withoutNull<T extends Record<string, unknown>>(entry: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };
}
