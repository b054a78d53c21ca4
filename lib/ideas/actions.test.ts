/**
 * The Ideas actions (G4 G8 K4 K5 E4 E5, M8), called as a browser calls them: through
 * defineAction, the viewer re-read on every call. Expectations are written from the rules:
 * a refused or bad call answers clearly AND leaves the tables exactly as they were.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const actions = await import("./actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { getIdea } = await import("./queries");
const { setVote, STALE_MESSAGE } = await import("./mutations");
const { expandDueEvents } = await import("@/lib/notifications/fan-out");
const { listNotifications, unreadCount } = await import("@/lib/notifications/queries");
const { summaryOf, pathOf } = await import("@/lib/notifications/describe");

const E = (local: string) => `${local}@ideas-a.test`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("author"), name: "Ann Author", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("mod"), name: "Moe Moderator", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
    { email: E("follower"), name: "Fay Follower", audience: "external" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
};

let h: Harness;
const IDEA_TABLES = [schema.ideas, schema.ideaVotes, schema.follows, schema.notificationEvents];

async function setSetting(key: string, value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}
async function submit(local: string, input: Record<string, unknown> = {}): Promise<string> {
  await signInAs(E(local));
  const result = await actions.createIdeaAction({ title: "Bike racks by the door", description: "<p>More racks</p>", tags: ["Cycling"], ...input });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.id;
}
async function ideaRow(id: string) {
  const [row] = await h.db.select().from(schema.ideas).where(eq(schema.ideas.id, id));
  return row;
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await h.db.insert(schema.appModerators).values({ app: "ideas", personId: h.person(E("mod")) });
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await setSetting("externalAccess", { ideas: false });
  await setSetting("appsEnabled", { ideas: true });
});

describe("G4 E4 E5 submitting an idea", () => {
  it("saves the title, sanitised description and normalised tags, audited", async () => {
    const id = await submit("author", {
      title: "  Quiet room  ",
      description: '<p>Need one</p><script>alert(1)</script><img src="/api/uploads/00000000-0000-4000-8000-000000000000"><p onclick="x()">ok</p>',
      tags: ["Focus", "focus ", " Wellbeing", "", "  deep   work "],
    });
    const row = await ideaRow(id);
    expect(row).toMatchObject({ title: "Quiet room", status: "new", voteCount: 0, tags: ["focus", "wellbeing", "deep work"], authorId: h.person(E("author")) });
    expect(row!.description).toBe("<p>Need one</p><p>ok</p>");
    const [audit] = await h.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, "idea.create"), eq(schema.auditEvents.targetId, id)));
    expect(audit).toBeDefined();
  });

  it("refuses an empty idea and bad tags with a message, and writes nothing", async () => {
    await signInAs(E("author"));
    await expectUnchanged(IDEA_TABLES, async () => {
      const empty = await actions.createIdeaAction({ title: "   ", description: "", tags: [] });
      expect(empty).toMatchObject({ ok: false, fieldErrors: { title: expect.stringMatching(/empty idea/) } });
      const long = await actions.createIdeaAction({ title: "x".repeat(201), description: "", tags: [] });
      expect(long).toMatchObject({ ok: false, fieldErrors: { title: expect.stringMatching(/200/) } });
      const tooMany = await actions.createIdeaAction({ title: "T", tags: Array.from({ length: 11 }, (_, i) => `t${i}`) });
      expect(tooMany).toMatchObject({ ok: false, fieldErrors: { tags: expect.stringMatching(/at most 10/) } });
      const tooLong = await actions.createIdeaAction({ title: "T", tags: ["y".repeat(41)] });
      expect(tooLong).toMatchObject({ ok: false, fieldErrors: { tags: expect.stringMatching(/40/) } });
      expect(await actions.createIdeaAction({ title: "T\u0000" })).toMatchObject({ ok: false, fieldErrors: { title: expect.any(String) } });
      expect(await actions.createIdeaAction("nonsense")).toMatchObject({ ok: false });
    });
    // Eleven written, ten different: accepted as ten.
    const id = await submit("author", { title: "Dupes", tags: [...Array.from({ length: 10 }, (_, i) => `t${i}`), "T0"] });
    expect((await ideaRow(id))!.tags).toHaveLength(10);
  });

  it("external people submit only while the Ideas switch is on; nobody while Ideas is off", async () => {
    await signInAs(E("ext"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.createIdeaAction({ title: "From outside" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    });
    await setSetting("externalAccess", { ideas: true });
    expect((await actions.createIdeaAction({ title: "From outside" })).ok).toBe(true);
    await setSetting("appsEnabled", { ideas: false });
    for (const who of ["web", "author"]) {
      await signInAs(E(who));
      await expectUnchanged(IDEA_TABLES, async () => {
        expect(await actions.createIdeaAction({ title: "While off" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      });
    }
  });
});

describe("G8 votes", () => {
  it("one vote a person: voting twice is one vote, taking it back brings the count down once", async () => {
    const id = await submit("author");
    await signInAs(E("staff"));
    expect(await actions.voteIdeaAction({ ideaId: id, vote: true })).toEqual({ ok: true, data: { voted: true, voteCount: 1 } });
    expect(await actions.voteIdeaAction({ ideaId: id, vote: true })).toEqual({ ok: true, data: { voted: true, voteCount: 1 } });
    expect((await getIdea(await viewerOf(E("staff")), id)).status === "ok" && (await getIdea(await viewerOf(E("staff")), id))).toMatchObject({ value: { voted: true, voteCount: 1 } });
    await signInAs(E("author"));
    expect(await actions.voteIdeaAction({ ideaId: id, vote: true })).toEqual({ ok: true, data: { voted: true, voteCount: 2 } });
    expect(await actions.voteIdeaAction({ ideaId: id, vote: false })).toEqual({ ok: true, data: { voted: false, voteCount: 1 } });
    expect(await actions.voteIdeaAction({ ideaId: id, vote: false })).toEqual({ ok: true, data: { voted: false, voteCount: 1 } });
    const votes = await h.db.select().from(schema.ideaVotes).where(eq(schema.ideaVotes.ideaId, id));
    expect(votes.map((v) => v.personId)).toEqual([h.person(E("staff"))]);
  });

  it("two votes at the same moment (two tabs) are one vote, and the counter stays right", async () => {
    const id = await submit("author");
    await signInAs(E("staff"));
    const results = await Promise.all([actions.voteIdeaAction({ ideaId: id, vote: true }), actions.voteIdeaAction({ ideaId: id, vote: true })]);
    expect(results.every((r) => r.ok)).toBe(true);
    // And directly, two transactions racing for several people.
    const racers = ["web", "mod", "author", "staff"].map((p) => h.person(E(p)));
    await Promise.all(racers.flatMap((p) => [0, 1].map(() => h.db.transaction((tx) => setVote(tx as unknown as Db, p, id, true)))));
    const [count] = await h.db.select({ n: sql<number>`count(*)::int` }).from(schema.ideaVotes).where(eq(schema.ideaVotes.ideaId, id));
    expect(count!.n).toBe(4);
    expect((await ideaRow(id))!.voteCount).toBe(4);
  });

  it("externals vote only with the switch; unknown ideas are refused; nothing changes", async () => {
    const id = await submit("author");
    await signInAs(E("ext"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.voteIdeaAction({ ideaId: id, vote: true })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(await actions.voteIdeaAction({ ideaId: "00000000-0000-4000-8000-000000000000", vote: true })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(await actions.voteIdeaAction({ ideaId: "nope", vote: true })).toMatchObject({ ok: false, fieldErrors: { ideaId: expect.any(String) } });
    });
    await setSetting("externalAccess", { ideas: true });
    expect(await actions.voteIdeaAction({ ideaId: id, vote: true })).toEqual({ ok: true, data: { voted: true, voteCount: 1 } });
  });
});

describe("K4 following an idea", () => {
  it("follows and unfollows once, refused to those who may not use Ideas", async () => {
    const id = await submit("author");
    await signInAs(E("staff"));
    expect(await actions.followIdeaAction({ ideaId: id, follow: true })).toEqual({ ok: true, data: { following: true } });
    expect(await actions.followIdeaAction({ ideaId: id, follow: true })).toEqual({ ok: true, data: { following: true } });
    const rows = await h.db.select().from(schema.follows).where(eq(schema.follows.ideaId, id));
    expect(rows.map((r) => r.personId)).toEqual([h.person(E("staff"))]);
    expect((await getIdea(await viewerOf(E("staff")), id)).status === "ok").toBe(true);
    expect(await getIdea(await viewerOf(E("staff")), id)).toMatchObject({ value: { following: true } });
    expect(await actions.followIdeaAction({ ideaId: id, follow: false })).toEqual({ ok: true, data: { following: false } });
    expect(await h.db.select().from(schema.follows).where(eq(schema.follows.ideaId, id))).toEqual([]);
    await signInAs(E("ext"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.followIdeaAction({ ideaId: id, follow: true })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    });
  });
});

describe("G4 G8 editing and deleting", () => {
  it("the author edits while new against the version read; an older version is refused, nothing lost", async () => {
    const id = await submit("author");
    const read = await getIdea(await viewerOf(E("author")), id);
    if (read.status !== "ok") throw new Error("not found");
    expect(read.value.mayEdit).toBe(true);
    await signInAs(E("author"));
    const saved = await actions.updateIdeaAction({ ideaId: id, baseUpdatedAt: read.value.updatedAt, title: "Bike racks, covered", description: "<p>Covered</p>", tags: ["cycling", "Rain"] });
    expect(saved.ok).toBe(true);
    expect(await ideaRow(id)).toMatchObject({ title: "Bike racks, covered", description: "<p>Covered</p>", tags: ["cycling", "rain"] });
    // A second tab still holds the first version.
    await expectUnchanged(IDEA_TABLES, async () => {
      const stale = await actions.updateIdeaAction({ ideaId: id, baseUpdatedAt: read.value.updatedAt, title: "Old tab", description: "", tags: [] });
      expect(stale).toEqual({ ok: false, formError: STALE_MESSAGE });
      const bad = await actions.updateIdeaAction({ ideaId: id, baseUpdatedAt: "2026-13-45 99:00:00+00", title: "Bad", description: "", tags: [] });
      expect(bad).toEqual({ ok: false, formError: STALE_MESSAGE });
    });
    // Someone else, not a moderator: refused.
    const again = await getIdea(await viewerOf(E("staff")), id);
    if (again.status !== "ok") throw new Error("not found");
    expect(again.value.mayEdit).toBe(false);
    await signInAs(E("staff"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.updateIdeaAction({ ideaId: id, baseUpdatedAt: again.value.updatedAt, title: "Mine now", description: "", tags: [] })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(await actions.deleteIdeaAction({ ideaId: id })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    });
  });

  it("once its status moved on, the author may no longer edit or delete; moderators always may", async () => {
    const id = await submit("author");
    await signInAs(E("mod"));
    expect((await actions.setIdeaStatusAction({ ideaId: id, status: "planned", note: "" })).ok).toBe(true);
    const read = await getIdea(await viewerOf(E("author")), id);
    if (read.status !== "ok") throw new Error("not found");
    expect(read.value.mayEdit).toBe(false);
    await signInAs(E("author"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.updateIdeaAction({ ideaId: id, baseUpdatedAt: read.value.updatedAt, title: "Edit", description: "", tags: [] })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(await actions.deleteIdeaAction({ ideaId: id })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    });
    await signInAs(E("mod"));
    expect((await actions.updateIdeaAction({ ideaId: id, baseUpdatedAt: read.value.updatedAt, title: "Tidied", description: "", tags: [] })).ok).toBe(true);
    expect(await actions.deleteIdeaAction({ ideaId: id })).toMatchObject({ ok: true, data: { title: "Tidied" } });
    expect(await ideaRow(id)).toBeUndefined();
  });

  it("the author deletes a new idea; its votes and follows go with it", async () => {
    const id = await submit("author");
    await signInAs(E("staff"));
    await actions.voteIdeaAction({ ideaId: id, vote: true });
    await actions.followIdeaAction({ ideaId: id, follow: true });
    await signInAs(E("author"));
    expect((await actions.deleteIdeaAction({ ideaId: id })).ok).toBe(true);
    expect(await h.db.select().from(schema.ideaVotes).where(eq(schema.ideaVotes.ideaId, id))).toEqual([]);
    expect(await h.db.select().from(schema.follows).where(eq(schema.follows.ideaId, id))).toEqual([]);
    expect(await actions.deleteIdeaAction({ ideaId: id })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
  });
});

describe("G8 K5 statuses", () => {
  it("moderators set a status with a note; it is shown, audited, and tells the author and followers", async () => {
    const id = await submit("author", { title: "Standing desks" });
    await setSetting("externalAccess", { ideas: true });
    await signInAs(E("follower"));
    expect((await actions.followIdeaAction({ ideaId: id, follow: true })).ok).toBe(true);
    await expandDueEvents(h.db);
    await signInAs(E("mod"));
    expect(await actions.setIdeaStatusAction({ ideaId: id, status: "under_review", note: "Facilities are pricing it." })).toEqual({ ok: true, data: { from: "new", to: "under_review" } });
    const read = await getIdea(await viewerOf(E("staff")), id);
    expect(read).toMatchObject({ value: { status: "under_review", statusNote: "Facilities are pricing it.", statusChangedByName: "Moe Moderator" } });
    const [audit] = await h.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, "idea.status.set"), eq(schema.auditEvents.targetId, id)));
    expect(audit!.details).toMatchObject({ from: "new", to: "under_review", note: "Facilities are pricing it." });

    await expandDueEvents(h.db);
    const told = await h.db.select({ who: schema.notifications.recipientId, kind: schema.notifications.kind }).from(schema.notifications).where(eq(schema.notifications.ideaId, id));
    expect(told.map((t) => t.who).sort()).toEqual([h.person(E("author")), h.person(E("follower"))].sort());
    expect(told.every((t) => t.kind === "idea_status")).toBe(true);
    const page = await listNotifications(h.db, await viewerOf(E("author")));
    const mine = page.rows.find((r) => r.ideaId === id)!;
    expect(summaryOf(mine)).toBe("Moe Moderator moved the idea “Standing desks” to Under review");
    expect(pathOf(mine)).toBe(`/ideas/${id}`);
    expect(mine.ideaNote).toBe("Facilities are pricing it.");
    // The at-once e-mail went to the author (idea_status is at once by default), with the note.
    const mails = await h.db.select().from(schema.outboxMessages).where(eq(schema.outboxMessages.toAddress, E("author")));
    expect(mails.some((m) => JSON.stringify(m).includes("Standing desks") && JSON.stringify(m).includes("Facilities are pricing it."))).toBe(true);

    // E5: once the switch is off, the external follower's notification names nothing, and is not counted.
    const follower = await viewerOf(E("follower"));
    expect(await unreadCount(h.db, follower)).toBe(1);
    await setSetting("externalAccess", { ideas: false });
    expect(await unreadCount(h.db, follower)).toBe(0);
    expect((await listNotifications(h.db, follower)).rows).toEqual([]);
  });

  it("declined needs a note; notes are at most 1 000 characters; the same status without a note is refused", async () => {
    const id = await submit("author");
    await signInAs(E("web"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.setIdeaStatusAction({ ideaId: id, status: "declined", note: "  " })).toMatchObject({ ok: false, fieldErrors: { note: expect.stringMatching(/why/) } });
      expect(await actions.setIdeaStatusAction({ ideaId: id, status: "planned", note: "n".repeat(1001) })).toMatchObject({ ok: false, fieldErrors: { note: expect.stringMatching(/1000/) } });
      expect(await actions.setIdeaStatusAction({ ideaId: id, status: "finished", note: "" })).toMatchObject({ ok: false, fieldErrors: { status: expect.any(String) } });
      expect(await actions.setIdeaStatusAction({ ideaId: id, status: "new", note: "" })).toMatchObject({ ok: false, fieldErrors: { status: expect.stringMatching(/already new/) } });
    });
    expect((await actions.setIdeaStatusAction({ ideaId: id, status: "declined", note: "Out of budget." })).ok).toBe(true);
    expect(await ideaRow(id)).toMatchObject({ status: "declined", statusNote: "Out of budget.", statusChangedBy: h.person(E("web")) });
  });

  it("is refused to everyone else (the author, staff, externals even with the switch) and changes nothing", async () => {
    const id = await submit("author");
    await setSetting("externalAccess", { ideas: true });
    for (const who of ["author", "staff", "ext"]) {
      await signInAs(E(who));
      await expectUnchanged(IDEA_TABLES, async () => {
        expect(await actions.setIdeaStatusAction({ ideaId: id, status: "planned", note: "" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      });
    }
    // A named moderator while Ideas is off moderates nothing.
    await setSetting("appsEnabled", { ideas: false });
    await signInAs(E("mod"));
    await expectUnchanged(IDEA_TABLES, async () => {
      expect(await actions.setIdeaStatusAction({ ideaId: id, status: "planned", note: "" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    });
  });
});
