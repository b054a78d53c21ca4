import "server-only";
/**
 * Authoring reads: what the item page may offer, the edit form, share targets, version
 * history. Each first decides viewing exactly as getContent does (403/404, C5), then the
 * permission with can() (lib/access/policies.ts).
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isUuid, jsonColumn } from "@/db/sql";
import { content, contentVersions, groups, pollOptions, pollSettings, sections } from "@/db/schema";
import { isVisibleGroupRow, isVisibleSectionRow, sectionsWithRole } from "@/lib/access/filters";
import { can } from "@/lib/access/policies";
import { type Lookup, FORBIDDEN, NOT_FOUND, ok } from "@/lib/lookup";
import { hasControlCharacters } from "@/lib/validation/text";
import { type ItemPermissions, getContent } from "./item";
import type { ContentType } from "./listings";
import { sanitizeRichText } from "./sanitize";
import { utcToZoned } from "./time";
import type { AccessSubject } from "@/lib/access/types";

/** The controls an item's page offers this viewer (read with the item by getContent); none when they may not view it. */
export async function getItemPermissions(viewer: AccessSubject, id: string): Promise<ItemPermissions> {
  const result = await getContent(viewer, id);
  return result.status === "ok" ? result.value.permissions : { edit: false, publish: false, delete: false, history: false, share: false };
}

/**
 * C1: the sections the viewer may share an item into: where they are editor or manager
 * (or everywhere, for webmasters), other than its home and the sections it is already in.
 * Empty when they may not edit the item.
 */
export async function listShareTargets(viewer: AccessSubject, id: string): Promise<{ id: number; title: string }[]> {
  if (!isUuid(id) || !(await can(viewer, "content.edit", { kind: "content", id }))) return [];
  const db = await getDb();
  return db
    .select({ id: sections.id, title: sections.title })
    .from(sections)
    .where(
      and(
        viewer.isWebmaster ? undefined : sql`${sections.id} in ${sectionsWithRole(viewer, ["editor", "manager"])}`,
        sql`${sections.id} is distinct from (select c_h.home_section_id from content c_h where c_h.id = ${id})`,
        sql`${sections.id} not in (select cs_t.section_id from content_shares cs_t where cs_t.content_id = ${id})`,
      ),
    )
    .orderBy(asc(sections.title), asc(sections.id));
}

/** Where a new item goes (C1): a section or a group, with what its pages need to name and link it. */
export interface NewItemHome {
  kind: "section" | "group";
  id: number;
  slug: string;
  /** The section's title or the group's name. */
  title: string;
}

export interface CreateContext {
  home: NewItemHome;
  mayPublish: boolean;
}

/** An address with a control character (a NUL from "%00") names nothing, and PostgreSQL cannot compare it (Q3). */
const namesNothing = (slug: string) => !slug || slug.length > 200 || hasControlCharacters(slug);

/** `/sections/<slug>/new`: 404 / 403 as the section page answers, then 403 without content.create there. */
export async function getCreateContext(viewer: AccessSubject, slug: string): Promise<Lookup<CreateContext>> {
  if (namesNothing(slug)) return NOT_FOUND;
  const db = await getDb();
  const [row] = await db
    .select({ id: sections.id, slug: sections.slug, title: sections.title, visible: sql<boolean>`${isVisibleSectionRow(viewer, sections)}` })
    .from(sections)
    .where(eq(sections.slug, slug))
    .limit(1);
  if (!row) return NOT_FOUND;
  if (!row.visible) return FORBIDDEN;
  const resource = { kind: "section" as const, id: row.id };
  if (!(await can(viewer, "content.create", resource))) return FORBIDDEN;
  return ok({ home: { kind: "section", id: row.id, slug: row.slug, title: row.title }, mayPublish: await can(viewer, "content.publishIn", resource) });
}

/**
 * `/groups/<slug>/new` (G2): 404 as the group page answers — for a secret group's outsider
 * exactly as for no group (C5) — then 403 for whoever sees the group but may not post in it.
 * Whoever may post publishes their own items (G6: groups have no editors).
 */
export async function getGroupCreateContext(viewer: AccessSubject, slug: string): Promise<Lookup<CreateContext>> {
  if (namesNothing(slug)) return NOT_FOUND;
  const db = await getDb();
  const [row] = await db
    .select({ id: groups.id, slug: groups.slug, name: groups.name, visible: sql<boolean>`${isVisibleGroupRow(viewer, groups)}` })
    .from(groups)
    .where(eq(groups.slug, slug))
    .limit(1);
  // Nothing of a group the viewer may not see is used, not even its name (C5).
  if (!row || !row.visible) return NOT_FOUND;
  if (!(await can(viewer, "content.createInGroup", { kind: "group", id: row.id }))) return FORBIDDEN;
  return ok({ home: { kind: "group", id: row.id, slug: row.slug, title: row.name }, mayPublish: true });
}

export interface EditableContent {
  id: string;
  type: ContentType;
  title: string;
  /** The stored rich text, sanitised again before it reaches the editor (C6). */
  body: string;
  /** D7 */
  tags: string[];
  status: "draft" | "published";
  version: number;
  event: { startsDate: string; startsTime: string; endsDate: string; endsTime: string; place: string } | null;
  /** E3: the closing date as the form's local date and time ("" for none), and when results are shown. */
  poll: { options: { id: number; label: string }[]; closesDate: string; closesTime: string; resultsShown: "after_voting" | "after_closing" } | null;
  home: { slug: string; title: string } | null;
  /** The home group (G6): always one the viewer may see, since they may edit its item. */
  group: { slug: string; name: string } | null;
  mayPublish: boolean;
}

/** The edit form's data: 404/403 as the item page, then 403 without content.edit. */
export async function getContentForEdit(viewer: AccessSubject, id: string): Promise<Lookup<EditableContent>> {
  const seen = await getContent(viewer, id);
  if (seen.status !== "ok") return seen;
  if (!(await can(viewer, "content.edit", { kind: "content", id }))) return FORBIDDEN;
  const db = await getDb();
  const [row] = await db.select().from(content).where(eq(content.id, id)).limit(1);
  if (!row) return NOT_FOUND;
  const options =
    row.type === "poll"
      ? await db.select({ id: pollOptions.id, label: pollOptions.label }).from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(asc(pollOptions.position))
      : null;
  const [settings] = row.type === "poll" ? await db.select().from(pollSettings).where(eq(pollSettings.contentId, id)).limit(1) : [];
  const closes = settings?.closesAt ? utcToZoned(settings.closesAt) : null;
  const starts = row.eventStartsAt ? utcToZoned(row.eventStartsAt) : null;
  const ends = row.eventEndsAt ? utcToZoned(row.eventEndsAt) : null;
  return ok({
    id: row.id,
    type: row.type,
    title: row.title,
    body: sanitizeRichText(row.body),
    tags: row.tags,
    status: row.status,
    version: row.version,
    event:
      row.type === "event"
        ? { startsDate: starts?.date ?? "", startsTime: starts?.time ?? "", endsDate: ends?.date ?? "", endsTime: ends?.time ?? "", place: row.eventPlace ?? "" }
        : null,
    poll: options ? { options, closesDate: closes?.date ?? "", closesTime: closes?.time ?? "", resultsShown: settings?.resultsShown ?? "after_voting" } : null,
    home: seen.value.home,
    group: seen.value.group,
    mayPublish: await can(viewer, "content.publish", { kind: "content", id }),
  });
}

export interface VersionSummary {
  version: number;
  status: "draft" | "published";
  editorName: string;
  savedAt: Date;
}

export interface VersionSnapshot extends VersionSummary {
  title: string;
  /** Sanitised rich text as saved. */
  body: string;
  details: VersionDetailsView;
}

export interface VersionDetailsView {
  event?: { startsAt: string | null; endsAt: string | null; place: string | null };
  poll?: { options: string[] };
}

export interface ContentHistory {
  id: string;
  title: string;
  /** Where the item lives, for the breadcrumbs: only what the viewer may see (getContent). */
  home: { slug: string; title: string } | null;
  group: { slug: string; name: string } | null;
  versions: VersionSummary[];
  /** The version compared with the one before it (the newest by default). */
  compared: { current: VersionSnapshot; previous: VersionSnapshot | null } | null;
}

/** `/content/<id>/history`: 404/403 as the item page, then 403 without content.history. */
export async function getContentHistory(viewer: AccessSubject, id: string, compare?: number): Promise<Lookup<ContentHistory>> {
  const seen = await getContent(viewer, id);
  if (seen.status !== "ok") return seen;
  if (!(await can(viewer, "content.history", { kind: "content", id }))) return FORBIDDEN;
  const db = await getDb();
  const versions = await db
    .select({ version: contentVersions.version, status: contentVersions.status, editorName: contentVersions.editorName, savedAt: contentVersions.savedAt })
    .from(contentVersions)
    .where(eq(contentVersions.contentId, id))
    .orderBy(desc(contentVersions.version));
  const target = compare && versions.some((v) => v.version === compare) ? compare : versions[0]?.version;
  let compared: ContentHistory["compared"] = null;
  if (target !== undefined) {
    const rows = await db
      .select()
      .from(contentVersions)
      .where(and(eq(contentVersions.contentId, id), inArray(contentVersions.version, [target, target - 1])));
    const snap = (v: number): VersionSnapshot | null => {
      const r = rows.find((x) => x.version === v);
      return r
        ? {
            version: r.version,
            status: r.status,
            editorName: r.editorName,
            savedAt: r.savedAt,
            title: r.title,
            body: sanitizeRichText(r.body),
            details: (jsonColumn(r.details as VersionDetailsView | string) ?? {}) as VersionDetailsView,
          }
        : null;
    };
    compared = { current: snap(target)!, previous: snap(target - 1) };
  }
  return ok({ id, title: seen.value.title, home: seen.value.home, group: seen.value.group, versions, compared });
}
