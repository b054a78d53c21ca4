/**
 * What the authoring tests share (lib/content/*actions.test.ts): the tables an authoring
 * action may touch, and the two ways a call may fail — refused (no permission) or a
 * problem the person can fix — each asserting that nothing changed.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/connect";
import { content, contentShares, contentVersions, notificationEvents, outboxMessages, pollOptions, pollVotes, uploads } from "@/db/schema";
import { REFUSED_MESSAGE } from "@/lib/actions";
import { expectUnchanged } from "@/lib/testing/harness";

/** Every table an authoring action may touch. */
export const AUTHORING_TABLES = [content, contentVersions, contentShares, pollOptions, pollVotes, uploads, outboxMessages, notificationEvents];

/** A refused call: the no-permission answer, and not one row changed anywhere that matters. */
export async function expectRefused(call: () => Promise<unknown>) {
  expect(await expectUnchanged(AUTHORING_TABLES, call)).toEqual({ ok: false, formError: REFUSED_MESSAGE });
}

/** A problem the person can fix: a message, and nothing changed. */
export async function expectProblem(call: () => Promise<unknown>, expected: unknown) {
  expect(await expectUnchanged(AUTHORING_TABLES, call)).toMatchObject(expected as object);
}

/** The new item's id from a successful create. */
export async function created(result: unknown): Promise<string> {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: string } }).data.id;
}

export async function itemRow(db: Db, id: string) {
  const [row] = await db.select().from(content).where(eq(content.id, id));
  return row;
}

export async function versionsOf(db: Db, id: string) {
  return db.select().from(contentVersions).where(eq(contentVersions.contentId, id)).orderBy(contentVersions.version);
}
