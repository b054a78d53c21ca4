import "server-only";
/**
 * D1 D6: recording page views, off the request's path. A page calls recordView with its
 * viewer and what it shows; that costs an array push and one journal line (./journal.ts).
 * Batches go to the database every FLUSH_EVERY_MS (or at FLUSH_AT views) in one insert,
 * after the request has been answered. Who viewed never reaches the database: each view's
 * person becomes a keyed hash with the day's key (./salts.ts), good only for counting the
 * day's distinct people.
 */
import { createHmac } from "node:crypto";
import { inArray } from "drizzle-orm";

import { getDb } from "@/db/client";
import type { Db } from "@/db/connect";
import { content, pageViews } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { dayOf } from "./day";
import { journal, orphanJournals, removeJournal, sealJournal } from "./journal";
import { forwardToMatomo } from "./matomo";
import { saltOfDay } from "./salts";

export const FLUSH_EVERY_MS = 2_000;
const FLUSH_AT = 1_000;
/** Views kept while the database cannot be written; past this the oldest go (and the log says so). */
const MAX_BUFFERED = 200_000;

export type ViewedPage = (typeof pageViews.$inferInsert)["page"];
export type AnalyticsApp = "ideas" | "wall" | "queries";

/** What a page shows: its kind and where it sits (an item's home section or group). */
export interface PageSeen {
  page: ViewedPage;
  sectionId?: number | null;
  groupId?: number | null;
  contentId?: string | null;
  app?: AnalyticsApp | null;
  /** D4: the search found nothing for this (what was searched, as typed). */
  missedTerm?: string | null;
  /** The page's address without its query, for a Matomo set up to receive views too (./matomo.ts); by default the kind's own. */
  path?: string;
}

interface PendingView extends PageSeen {
  at: number;
  audience: "organisational" | "external";
  personId: string;
}

let buffer: PendingView[] = [];
/** The journals whose views are in `buffer` or in the batch being written. */
let sealed: string[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let flushing: Promise<void> | null = null;
let forwarding: Promise<number> = Promise.resolve(0);

/**
 * Counts one view of a page by this viewer. Nothing while a webmaster or manager views the
 * site as someone else (B2: that is not the person's view), and nothing at all for the
 * benchmarks' own pages.
 */
export function recordView(viewer: Viewer, seen: PageSeen): void {
  if (viewer.asSeenBy || viewer.viewingAsWithin) return;
  const view: PendingView = { at: Date.now(), audience: viewer.audience, personId: viewer.id, ...seen };
  buffer.push(view);
  journal(JSON.stringify(view));
  if (buffer.length >= FLUSH_AT) void flushSoon(0);
  else void flushSoon(FLUSH_EVERY_MS);
}

function flushSoon(delay: number): void {
  if (timer && delay > 0) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void getDb()
      .then((db) => flushViews(db))
      .catch((error: unknown) => console.error(`Page views could not be written yet (kept, retried): ${(error as Error).message}`));
  }, delay);
  timer.unref?.();
}

/** How many views wait to be written (tests, and the benchmark's check that recording keeps up). */
export function pendingViews(): number {
  return buffer.length;
}

/**
 * Writes the views recorded so far in one insert (a batch at a time). On failure they go
 * back to the front of the buffer for the next try.
 */
export async function flushViews(db: Db): Promise<void> {
  while (flushing) await flushing;
  if (!buffer.length) return;
  const batch = buffer;
  buffer = [];
  const journalled = sealJournal();
  const files = journalled ? [...sealed, journalled] : sealed;
  sealed = [];
  flushing = writeViews(db, batch).then(
    (rows) => {
      files.forEach(removeJournal);
      // Sent on to Matomo when one is set, after Portico's own copy is safe; never waited for here.
      forwarding = forwardToMatomo(
        db,
        rows.map((r, i) => ({ at: r.at, audience: r.audience, page: r.page, path: pathOf(batch[i]!), visitor: r.visitor, missedTerm: r.missedTerm })),
      ).catch(() => 0);
    },
    (error: unknown) => {
      buffer = [...batch, ...buffer];
      sealed = [...files, ...sealed];
      if (buffer.length > MAX_BUFFERED) {
        console.error(`Page views: ${buffer.length - MAX_BUFFERED} of the oldest were dropped; the database has refused them for too long.`);
        buffer = buffer.slice(buffer.length - MAX_BUFFERED);
      }
      throw error;
    },
  );
  try {
    await flushing;
  } finally {
    flushing = null;
  }
}

/** A page's address as Matomo is told it: the page's own, or its kind's. */
function pathOf(view: PendingView): string {
  if (view.path) return view.path;
  switch (view.page) {
    case "home":
      return view.audience === "external" ? "/extranet" : "/";
    case "item":
      return view.contentId ? `/content/${view.contentId}` : "/";
    case "app":
      return view.app ? `/${view.app}` : "/";
    case "search":
      return "/search";
    default:
      return "/";
  }
}

/** For tests: the last batch's sending to Matomo, done (how many views it took). */
export function matomoForwarding(): Promise<number> {
  return forwarding;
}

async function writeViews(db: Db, views: PendingView[]) {
  const salts = new Map<string, Buffer>();
  for (const day of new Set(views.map((v) => dayOf(v.at)))) salts.set(day, await saltOfDay(db, day));
  const homes = await homesOf(db, views);
  const rows = views.map((v) => ({
    at: new Date(v.at),
    audience: v.audience,
    page: v.page,
    sectionId: v.sectionId ?? (v.contentId ? (homes.get(v.contentId)?.sectionId ?? null) : null),
    groupId: v.groupId ?? (v.contentId ? (homes.get(v.contentId)?.groupId ?? null) : null),
    contentId: v.contentId ?? null,
    app: v.app ?? null,
    missedTerm: v.missedTerm ? normaliseTerm(v.missedTerm) : null,
    visitor: visitorHash(salts.get(dayOf(v.at))!, v.personId),
  }));
  for (let i = 0; i < rows.length; i += FLUSH_AT) await db.insert(pageViews).values(rows.slice(i, i + FLUSH_AT));
  return rows;
}

/**
 * Where each viewed item is homed, read once a batch (one lookup by key for the batch's
 * items, off every request's path): an item's view is its home section's or group's, and the
 * live figures of a section then find its views without a lookup per view.
 */
async function homesOf(db: Db, views: PendingView[]): Promise<Map<string, { sectionId: number | null; groupId: number | null }>> {
  const ids = [...new Set(views.filter((v) => v.contentId && v.sectionId == null && v.groupId == null).map((v) => v.contentId!))];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: content.id, sectionId: content.homeSectionId, groupId: content.homeGroupId })
    .from(content)
    .where(inArray(content.id, ids));
  return new Map(rows.map((r) => [r.id, { sectionId: r.sectionId, groupId: r.groupId }]));
}

/** Searches are counted by what was asked, whatever its case and spacing; long ones cut. */
export function normaliseTerm(term: string): string {
  return term.trim().replace(/\s+/g, " ").toLowerCase().slice(0, 200);
}

/** A person's hash for one day: the same all day, unrelated to any other day's, and not reversible once the day's key is gone. */
export function visitorHash(salt: Buffer, personId: string): Buffer {
  return createHmac("sha256", salt).update(personId).digest().subarray(0, 16);
}

/**
 * Writes the views that processes which have gone left in their journals (run at start-up
 * and with the rollup). A line that is not a view is skipped.
 */
export async function recoverJournals(db: Db): Promise<number> {
  let recovered = 0;
  for (const { file, lines } of orphanJournals()) {
    const views: PendingView[] = [];
    for (const line of lines) {
      try {
        const v = JSON.parse(line) as PendingView;
        if (typeof v.at === "number" && typeof v.personId === "string" && typeof v.page === "string") views.push(v);
      } catch {
        // A line cut short when its process was killed.
      }
    }
    if (views.length) await writeViews(db, views);
    removeJournal(file);
    recovered += views.length;
  }
  return recovered;
}

/** For tests: forget what is buffered without writing it. */
export function discardPendingViews(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  buffer = [];
  sealed.forEach(removeJournal);
  sealed = [];
  removeJournal(sealJournal());
}

