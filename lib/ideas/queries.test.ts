/**
 * The Ideas read side (G4 G8 E4 E5): every order walked page by page (ties included) gives
 * exactly the order the rule says, each filter keeps exactly its status, and someone who may
 * not use Ideas (an external person without the switch; anyone while the app is off) reads
 * nothing at all. Expectations are computed from the rows inserted here, not from the code.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { rowsOf } from "@/db/connect";
import type { Viewer } from "@/lib/access/types";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { IDEA_STATUSES, type IdeaListParams, type IdeaSort, type IdeaStatus, ideaListParams } from "./schemas";

const { listIdeas, getIdea, ideaListQuery } = await import("./queries");

const E = (local: string) => `${local}@ideas-q.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
};

let h: Harness;
interface Seeded {
  id: string;
  status: IdeaStatus;
  votes: number;
  at: string;
}
const seeded: Seeded[] = [];

async function setSetting(key: string, value: Record<string, boolean>) {
  await h.db
    .insert(schema.settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}

beforeAll(async () => {
  h = await createHarness(ORG);
  const author = h.person(E("staff"));
  // 23 ideas: many share a vote count, several share a creation time (ties at every level).
  const base = Date.parse("2026-06-01T10:00:00Z");
  for (let i = 0; i < 23; i++) {
    const status = IDEA_STATUSES[i % IDEA_STATUSES.length]!;
    const votes = i % 4; // 0..3, ties
    const createdAt = new Date(base + Math.floor(i / 3) * 60_000); // three ideas a minute: ties on time
    const [row] = await h.db
      .insert(schema.ideas)
      .values({ authorId: author, title: `Idea ${i}`, status, voteCount: votes, createdAt, updatedAt: createdAt, tags: [`t${i % 2}`] })
      .returning({ id: schema.ideas.id, at: sql<string>`${schema.ideas.createdAt}::text` });
    seeded.push({ id: row!.id, status, votes, at: new Date(createdAt).toISOString() });
  }
});
afterAll(async () => h?.close());

function expected(sort: IdeaSort, status: IdeaStatus | null): string[] {
  const rows = seeded.filter((r) => status === null || r.status === status);
  const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  rows.sort((a, b) => {
    if (sort === "votes" && a.votes !== b.votes) return b.votes - a.votes;
    if (sort === "status" && a.status !== b.status) return IDEA_STATUSES.indexOf(a.status) - IDEA_STATUSES.indexOf(b.status);
    if (a.at !== b.at) return desc(a.at, b.at);
    return desc(a.id, b.id);
  });
  return rows.map((r) => r.id);
}

async function walk(viewer: Viewer, sort: IdeaSort, status: IdeaStatus | null, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const params: IdeaListParams = { sort, status, after };
    const page = await listIdeas(viewer, params, pageSize);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    ids.push(...page.items.map((c) => c.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error("the pages never ended");
}

describe("G8 the ideas listing", () => {
  for (const sort of ["votes", "newest", "status"] as const) {
    it(`walks every idea once, in the ${sort} order, in keyset pages with ties`, async () => {
      const staff = await viewerOf(E("staff"));
      for (const size of [2, 3, 7]) expect(await walk(staff, sort, null, size)).toEqual(expected(sort, null));
    });
    it(`filters by status in the ${sort} order`, async () => {
      const staff = await viewerOf(E("staff"));
      for (const status of IDEA_STATUSES) expect(await walk(staff, sort, status, 2)).toEqual(expected(sort, status));
    });
  }

  it("shows each card's facts: title, status, votes, comments, author, date, tags, the viewer's own vote", async () => {
    const staff = await viewerOf(E("staff"));
    const first = seeded[0]!;
    await h.db.insert(schema.ideaVotes).values({ ideaId: first.id, personId: h.person(E("staff")) });
    const page = await listIdeas(staff, { sort: "newest", status: first.status, after: null }, 50);
    const card = page.items.find((c) => c.id === first.id)!;
    expect(card).toMatchObject({ title: "Idea 0", status: first.status, voteCount: 0, commentCount: 0, authorName: "Sam Staff", tags: ["t0"], voted: true });
    expect(Date.parse(card.createdAt)).toBe(Date.parse(first.at));
    expect(page.items.filter((c) => c.id !== first.id).every((c) => !c.voted)).toBe(true);
    await h.db.delete(schema.ideaVotes);
  });

  it("reads a malformed or foreign cursor as the first page", async () => {
    const staff = await viewerOf(E("staff"));
    const first = await listIdeas(staff, { sort: "votes", status: null, after: null }, 3);
    for (const after of ["garbage", "eyJhIjoxfQ", Buffer.from(JSON.stringify(["zzz", "2026-01-01 00:00:00+00", seeded[0]!.id])).toString("base64url")]) {
      expect((await listIdeas(staff, { sort: "status", status: null, after }, 3)).items.map((c) => c.id)).toEqual(expected("status", null).slice(0, 3));
      expect((await listIdeas(staff, { sort: "votes", status: null, after }, 3)).items).toEqual(first.items);
    }
  });

  it("reads the address bar's parameters, anything unknown as the default", () => {
    expect(ideaListParams({})).toEqual({ sort: "votes", status: null, after: null });
    expect(ideaListParams({ sort: "newest", status: "planned", after: "abc" })).toEqual({ sort: "newest", status: "planned", after: "abc" });
    expect(ideaListParams({ sort: "drop table", status: ["done", "new"] })).toEqual({ sort: "votes", status: "done", after: null });
  });

  it("walks an index for each order, with no OFFSET and no count", async () => {
    const staff = await viewerOf(E("staff"));
    const index: Record<string, RegExp> = {
      "votes null": /Index Scan using ideas_votes_idx/,
      "votes planned": /Index Scan using ideas_status_votes_idx/,
      "newest null": /Index Scan using ideas_newest_idx/,
      "newest planned": /Index Scan using ideas_status_newest_idx/,
      "status null": /Index Scan using ideas_status_newest_idx/,
      "status planned": /Index Scan using ideas_status_newest_idx/,
    };
    // The cursors first; then every plan in one transaction, whose SET LOCAL holds on its one
    // connection (on PostgreSQL a plain SET would change only one connection of the pool).
    const cases: { sort: "votes" | "newest" | "status"; status: "planned" | null; after: string | null }[] = [];
    for (const sort of ["votes", "newest", "status"] as const) {
      for (const status of [null, "planned"] as const) {
        // With a cursor too: the page after the first.
        const first = await listIdeas(staff, { sort, status, after: null }, 1);
        for (const after of [null, first.next]) cases.push({ sort, status, after });
      }
    }
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      for (const { sort, status, after } of cases) {
        const plan = rowsOf<{ "QUERY PLAN": string }>(await tx.execute(sql`explain ${ideaListQuery(staff, { sort, status, after })}`))
          .map((r) => r["QUERY PLAN"])
          .join("\n");
        expect(plan, `${sort} ${status} ${after}`).toMatch(index[`${sort} ${status}`]!);
        expect(plan).not.toMatch(/Seq Scan on ideas/);
      }
    });
    const text = JSON.stringify(ideaListQuery(staff, { sort: "status", status: null, after: null }));
    expect(text).not.toMatch(/offset|count\(/i);
  });
});

describe("E4 E5 who reads ideas", () => {
  it("an external person without the Ideas switch reads nothing; with it, everything", async () => {
    const ext = await viewerOf(E("ext"));
    expect((await listIdeas(ext, { sort: "votes", status: null, after: null })).items).toEqual([]);
    expect(await getIdea(ext, seeded[0]!.id)).toEqual({ status: "not-found" });
    await setSetting("externalAccess", { ideas: true });
    try {
      expect(await walk(ext, "newest", null, 10)).toEqual(expected("newest", null));
      expect((await getIdea(ext, seeded[0]!.id)).status).toBe("ok");
    } finally {
      await setSetting("externalAccess", { ideas: false });
    }
  });

  it("while a webmaster turned Ideas off, nobody reads anything, webmasters included", async () => {
    await setSetting("appsEnabled", { ideas: false });
    try {
      for (const who of ["web", "staff", "ext"]) {
        const viewer = await viewerOf(E(who));
        expect((await listIdeas(viewer, { sort: "votes", status: null, after: null })).items).toEqual([]);
        expect(await getIdea(viewer, seeded[1]!.id)).toEqual({ status: "not-found" });
      }
    } finally {
      await setSetting("appsEnabled", { ideas: true });
    }
    expect((await getIdea(await viewerOf(E("web")), seeded[1]!.id)).status).toBe("ok");
  });

  it("an unknown or malformed id is not found", async () => {
    const staff = await viewerOf(E("staff"));
    expect(await getIdea(staff, "not-a-uuid")).toEqual({ status: "not-found" });
    expect(await getIdea(staff, "00000000-0000-4000-8000-000000000000")).toEqual({ status: "not-found" });
  });
});
