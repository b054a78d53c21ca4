import "server-only";
/**
 * Authoring (C1, C2, C6): create, edit, publish, delete, share and vote. Each function
 * runs inside the transaction of a defineAction (lib/content/actions.ts) whose
 * `authorize` has already checked the permission with `can()`; these functions check
 * what the person can fix (a stale form, an option from another poll) and throw
 * ActionError, which rolls everything back.
 *
 * Every save writes the item's next version to content_versions (who, when, what),
 * version 1 included; an item loaded from an organisation file gets its first version
 * recorded as it stood, the first time someone changes it.
 */
import { and, asc, desc, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, contentShares, contentVersions, groups, people, pollOptions, pollSettings, pollVotes, sections } from "@/db/schema";
import { can } from "@/lib/access/policies";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { recordNotificationEvent } from "@/lib/notifications/events";
import { recordNewContentMentions } from "@/lib/mentions/record";
import { attachUploads, prepareRichText, uploadIdsOfItem } from "@/lib/uploads/mutations";
import { type ContentHome, type CreateContentInput, type UpdateContentInput, endOf, homeOf, pollClosingParts } from "./schemas";
// The closing time as the item page writes it, so the refusal and the page say the same.
import { formatDateTime, zonedToUtc } from "./time";

type Author = Pick<Viewer, "id" | "name" | "audience" | "isWebmaster">;

/** What content_versions.details holds: the type's own fields as saved. */
export interface VersionDetails {
  event?: { startsAt: string | null; endsAt: string | null; place: string | null };
  poll?: { options: string[] };
  /** D7: the item's tags as saved (absent: none). */
  tags?: string[];
}

type ItemRow = typeof content.$inferSelect;

async function lockItem(tx: Db, id: string): Promise<ItemRow> {
  const [row] = await tx.select().from(content).where(eq(content.id, id)).for("update").limit(1);
  if (!row) throw new ActionError("This item no longer exists. It may have been deleted.");
  return row;
}

async function detailsOf(tx: Db, row: ItemRow): Promise<VersionDetails> {
  const tags = row.tags.length ? { tags: row.tags } : {};
  if (row.type === "event") {
    return { event: { startsAt: row.eventStartsAt?.toISOString() ?? null, endsAt: row.eventEndsAt?.toISOString() ?? null, place: row.eventPlace }, ...tags };
  }
  if (row.type === "poll") {
    const options = await tx.select({ label: pollOptions.label }).from(pollOptions).where(eq(pollOptions.contentId, row.id)).orderBy(asc(pollOptions.position));
    return { poll: { options: options.map((o) => o.label) }, ...tags };
  }
  return tags;
}

async function writeVersion(tx: Db, row: ItemRow, editor: { id: string | null; name: string }, savedAt: Date): Promise<void> {
  await tx.insert(contentVersions).values({
    contentId: row.id,
    version: row.version,
    title: row.title,
    body: row.body,
    status: row.status,
    details: await detailsOf(tx, row),
    editorId: editor.id,
    editorName: editor.name,
    savedAt,
  });
}

/** Items loaded from an organisation file have no version row yet: record them as they stand before the first change. */
async function ensureBaselineVersion(tx: Db, row: ItemRow): Promise<void> {
  const [existing] = await tx
    .select({ v: contentVersions.version })
    .from(contentVersions)
    .where(and(eq(contentVersions.contentId, row.id), eq(contentVersions.version, row.version)))
    .limit(1);
  if (existing) return;
  const [author] = await tx.select({ name: people.name }).from(people).where(eq(people.id, row.authorId)).limit(1);
  await writeVersion(tx, row, { id: row.authorId, name: author?.name ?? "Unknown" }, row.updatedAt);
}

/** The stale-form refusal: names who saved the newer version and when; the form keeps the person's text. */
async function refuseStale(tx: Db, row: ItemRow, baseVersion: number): Promise<never> {
  const [latest] = await tx
    .select({ editorName: contentVersions.editorName, savedAt: contentVersions.savedAt })
    .from(contentVersions)
    .where(eq(contentVersions.contentId, row.id))
    .orderBy(desc(contentVersions.version))
    .limit(1);
  const by = latest ? ` by ${latest.editorName}` : "";
  throw new ActionError(
    `This item was changed${by} after you started (it is now version ${row.version}; you started from version ${baseVersion}). ` +
      "Nothing has been saved and your text is still here: copy what you need, open the item again in a new tab to see the latest version, then make your changes there.",
  );
}

function eventColumns(input: CreateContentInput | UpdateContentInput) {
  if (input.type !== "event" || !input.event) return { eventStartsAt: null, eventEndsAt: null, eventPlace: null };
  const e = input.event;
  const ends = endOf(e);
  return {
    eventStartsAt: zonedToUtc(e.startsDate, e.startsTime),
    eventEndsAt: ends ? zonedToUtc(ends.date, ends.time) : null,
    eventPlace: e.place || null,
  };
}

/** Saves a poll's options in order: existing ones keep their id (and votes), removed ones go with their votes. */
async function savePollOptions(tx: Db, itemId: string, options: { id?: number; label: string }[]): Promise<void> {
  const existing = new Set(
    (await tx.select({ id: pollOptions.id }).from(pollOptions).where(eq(pollOptions.contentId, itemId))).map((r) => r.id),
  );
  const kept = options.map((o) => o.id).filter((id): id is number => id !== undefined && existing.has(id));
  await tx
    .delete(pollOptions)
    .where(kept.length ? and(eq(pollOptions.contentId, itemId), notInArray(pollOptions.id, kept)) : eq(pollOptions.contentId, itemId));
  // Out of the way of the (item, position) unique index before renumbering.
  await tx.update(pollOptions).set({ position: sql`${pollOptions.position} + 100000` }).where(eq(pollOptions.contentId, itemId));
  for (const [position, o] of options.entries()) {
    if (o.id !== undefined && existing.has(o.id)) {
      await tx.update(pollOptions).set({ label: o.label, position }).where(eq(pollOptions.id, o.id));
    } else {
      await tx.insert(pollOptions).values({ contentId: itemId, label: o.label, position });
    }
  }
}

/** E3: a poll's closing date and when its results are shown (one poll_settings row a poll). */
async function savePollSettings(tx: Db, itemId: string, poll: CreateContentInput["poll"]): Promise<void> {
  const closing = pollClosingParts(poll);
  const values = { closesAt: closing ? zonedToUtc(closing.date, closing.time) : null, resultsShown: poll?.resultsShown ?? "after_voting" };
  await tx.insert(pollSettings).values({ contentId: itemId, ...values }).onConflictDoUpdate({ target: pollSettings.contentId, set: values });
}

/** The item's home as a content row's columns (C1: exactly one), once it is known to exist. */
async function homeColumns(tx: Db, home: ContentHome): Promise<{ homeSectionId: number | null; homeGroupId: number | null }> {
  if (home.kind === "group") {
    const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, home.id)).limit(1);
    if (!group) throw new ActionError("This group no longer exists.");
    return { homeSectionId: null, homeGroupId: group.id };
  }
  const [section] = await tx.select({ id: sections.id }).from(sections).where(eq(sections.id, home.id)).limit(1);
  if (!section) throw new ActionError("This section no longer exists.");
  return { homeSectionId: section.id, homeGroupId: null };
}

/**
 * C1: a new item in a section or a group; published only when asked and allowed (the
 * action's authorize checked that: in a section, its editors; in a group, whoever may post).
 */
export async function createContent(tx: Db, viewer: Author, input: CreateContentInput): Promise<{ id: string; version: number }> {
  const home = await homeColumns(tx, homeOf(input));
  const { html, attach } = await prepareRichText(tx, viewer, input.body, null);
  const now = new Date();
  const publish = input.intent === "publish";
  const [row] = await tx
    .insert(content)
    .values({
      type: input.type,
      title: input.title,
      body: html,
      tags: input.tags,
      status: publish ? "published" : "draft",
      authorId: viewer.id,
      ...home,
      ...eventColumns(input),
      createdAt: now,
      updatedAt: now,
      publishedAt: publish ? now : null,
      version: 1,
    })
    .returning();
  if (input.type === "poll") {
    await savePollOptions(tx, row!.id, input.poll?.options ?? []);
    await savePollSettings(tx, row!.id, input.poll);
  }
  await attachUploads(tx, row!.id, attach);
  // E6: people newly mentioned in what is now published (before this save's version is written).
  await recordNewContentMentions(tx, { contentId: row!.id, actorId: viewer.id, html, status: row!.status });
  await writeVersion(tx, row!, viewer, now);
  // S7 K5: recorded in this transaction, so people are told if and only if the change commits
  // (lib/notifications/fan-out.ts decides who, after the commit).
  await recordNotificationEvent(tx, { kind: "content", actorId: viewer.id, contentId: row!.id, detail: "created" });
  return { id: row!.id, version: 1 };
}

/**
 * Saves an edit. "save" keeps the status, except that a published item saved by someone
 * who may not publish (an author) returns to draft until an editor publishes it again.
 */
export async function updateContent(tx: Db, viewer: Author, input: UpdateContentInput): Promise<{ id: string; version: number; status: "draft" | "published" }> {
  const row = await lockItem(tx, input.id);
  if (row.version !== input.baseVersion) await refuseStale(tx, row, input.baseVersion);
  if (row.type !== input.type) throw new ActionError("The kind of an item cannot be changed. Create a new item instead.", "type");
  await ensureBaselineVersion(tx, row);
  const mayPublish = await can(viewer, "content.publish", { kind: "content", id: row.id }, tx);
  const status = input.intent === "publish" ? "published" : row.status === "published" && !mayPublish ? "draft" : row.status;
  const { html, attach } = await prepareRichText(tx, viewer, input.body, row.id);
  const now = new Date();
  const version = row.version + 1;
  const [saved] = await tx
    .update(content)
    .set({
      title: input.title,
      body: html,
      tags: input.tags,
      status,
      ...eventColumns(input),
      updatedAt: now,
      publishedAt: status === "published" && row.status !== "published" ? now : row.publishedAt,
      version,
    })
    .where(eq(content.id, row.id))
    .returning();
  if (row.type === "poll") {
    await savePollOptions(tx, row.id, input.poll?.options ?? []);
    await savePollSettings(tx, row.id, input.poll);
  }
  await attachUploads(tx, row.id, attach);
  await recordNewContentMentions(tx, { contentId: row.id, actorId: viewer.id, html, status });
  await writeVersion(tx, saved!, viewer, now);
  const event = status === "published" && row.status !== "published" ? "published" : "updated";
  await recordNotificationEvent(tx, { kind: "content", actorId: viewer.id, contentId: row.id, detail: event });
  return { id: row.id, version, status };
}

/** Publish or unpublish (editors and managers; in a group, its author and admins); a version of its own, so history shows who did it. */
export async function setPublished(tx: Db, viewer: Author, input: { id: string; baseVersion: number; publish: boolean }): Promise<{ id: string; version: number }> {
  const row = await lockItem(tx, input.id);
  if (row.version !== input.baseVersion) await refuseStale(tx, row, input.baseVersion);
  const target = input.publish ? "published" : "draft";
  if (row.status === target) throw new ActionError(input.publish ? "This item is already published." : "This item is already a draft.");
  await ensureBaselineVersion(tx, row);
  const now = new Date();
  const [saved] = await tx
    .update(content)
    .set({ status: target, updatedAt: now, publishedAt: input.publish ? now : row.publishedAt, version: row.version + 1 })
    .where(eq(content.id, row.id))
    .returning();
  await recordNewContentMentions(tx, { contentId: row.id, actorId: viewer.id, html: saved!.body, status: target });
  await writeVersion(tx, saved!, viewer, now);
  await recordNotificationEvent(tx, { kind: "content", actorId: viewer.id, contentId: row.id, detail: input.publish ? "published" : "updated" });
  return { id: row.id, version: saved!.version };
}

/** Deletes the item with its versions, shares, poll and image rows; answers the image files to remove after commit. */
export async function deleteContent(tx: Db, input: { id: string }): Promise<{ id: string; title: string; homeSlug: string | null; uploadIds: string[] }> {
  const row = await lockItem(tx, input.id);
  const uploadIds = await uploadIdsOfItem(tx, row.id);
  const [home] = row.homeSectionId
    ? await tx.select({ slug: sections.slug }).from(sections).where(eq(sections.id, row.homeSectionId)).limit(1)
    : [];
  await tx.delete(content).where(eq(content.id, row.id));
  return { id: row.id, title: row.title, homeSlug: home?.slug ?? null, uploadIds };
}

/** C1: one item, shared into a further section: no copy, one history. */
export async function shareContent(tx: Db, input: { id: string; sectionId: number }): Promise<{ id: string; sectionId: number }> {
  const row = await lockItem(tx, input.id);
  if (row.homeSectionId === input.sectionId) throw new ActionError("This is the item's home section already.", "sectionId");
  const inserted = await tx.insert(contentShares).values({ contentId: row.id, sectionId: input.sectionId }).onConflictDoNothing().returning();
  if (!inserted.length) throw new ActionError("The item is already shared into that section.", "sectionId");
  return { id: row.id, sectionId: input.sectionId };
}

export async function unshareContent(tx: Db, input: { id: string; sectionId: number }): Promise<{ id: string; sectionId: number }> {
  const removed = await tx
    .delete(contentShares)
    .where(and(eq(contentShares.contentId, input.id), eq(contentShares.sectionId, input.sectionId)))
    .returning();
  if (!removed.length) throw new ActionError("The item is not shared into that section.");
  return input;
}

/** E3: the refusal after a poll's closing date; nothing is changed. */
export function pollClosedMessage(closesAt: Date): string {
  return `This poll closed on ${formatDateTime(closesAt)}: votes can no longer be cast or changed. Nothing was changed.`;
}

/** E3: one vote per person per poll; voting again changes it, until the poll closes (checked here, on the server). */
export async function castVote(tx: Db, viewer: Pick<Viewer, "id">, input: { id: string; optionId: number }): Promise<{ id: string; optionId: number }> {
  const [row] = await tx
    // Closed by the database's clock, as every instance reads it.
    .select({ type: content.type, status: content.status, closesAt: pollSettings.closesAt, closed: sql<boolean>`coalesce(${pollSettings.closesAt} <= now(), false)` })
    .from(content)
    .leftJoin(pollSettings, eq(pollSettings.contentId, content.id))
    .where(eq(content.id, input.id))
    .limit(1);
  if (!row || row.type !== "poll") throw new ActionError("This is not a poll.");
  if (row.status !== "published") throw new ActionError("This poll is not open for voting until it is published.");
  if (row.closed && row.closesAt) throw new ActionError(pollClosedMessage(row.closesAt));
  const [option] = await tx
    .select({ id: pollOptions.id })
    .from(pollOptions)
    .where(and(eq(pollOptions.id, input.optionId), eq(pollOptions.contentId, input.id)))
    .limit(1);
  if (!option) throw new ActionError("Choose one of this poll's options.", "optionId");
  await tx
    .insert(pollVotes)
    .values({ contentId: input.id, personId: viewer.id, optionId: option.id })
    .onConflictDoUpdate({ target: [pollVotes.contentId, pollVotes.personId], set: { optionId: option.id, votedAt: new Date() } });
  return { id: input.id, optionId: option.id };
}
