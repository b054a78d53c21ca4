/**
 * The Queries app (G4 G8 P5 K5 E4 E5), its actions called as a browser's POST would
 * (through defineAction, the viewer re-read on every call) and its reads as the pages make
 * them. Expectations are written from the rules; every refusal or bad input answers clearly
 * AND leaves the tables as they were.
 *
 * Teams: Support (accepts queries once its admin turns it on) › Support IT (a child team);
 * HR (never accepts). Sam administers Support, Cid is in Support IT, Hal in HR; Xeno is an
 * external member of Support; Mo is named moderator of Queries.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const actions = await import("./actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { TEAM_NOT_ACCEPTING_MESSAGE, STALE_ANSWER_MESSAGE } = await import("./mutations");
const { listQueries, getQueryPage, teamsAcceptingQueries, getTeamQueriesSetting } = await import("./queries");
const { writeSetting } = await import("@/lib/settings/mutations");
const { expandDueEvents } = await import("@/lib/notifications/fan-out");
const { listNotifications, unreadCount } = await import("@/lib/notifications/queries");
const { pathOf, summaryOf } = await import("@/lib/notifications/describe");

const E = (local: string) => `${local}@queries.test`;
const ORG = {
  teams: [
    { key: "support", name: "Support", parent: null },
    { key: "support-it", name: "Support IT", parent: "support" },
    { key: "hr", name: "HR", parent: null },
  ],
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("ann"), name: "Ann Asker", audience: "organisational" },
    { email: E("sam"), name: "Sam Support-Admin", audience: "organisational", teams: ["support"], teamAdmin: ["support"] },
    { email: E("cid"), name: "Cid Child-Team", audience: "organisational", teams: ["support-it"] },
    { email: E("hal"), name: "Hal HR", audience: "organisational", teams: ["hr"], teamAdmin: ["hr"] },
    { email: E("mo"), name: "Mo Moderator", audience: "organisational" },
    { email: E("xeno"), name: "Xeno External-Member", audience: "external", teams: ["support"] },
    { email: E("xena"), name: "Xena External", audience: "external" },
    { email: E("nick"), name: "Nick Nobody", audience: "organisational" },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const queryTables = [schema.orgQueries, schema.queryAnswers, schema.notificationEvents];

async function setSwitch(queries: boolean) {
  await writeSetting(h.db, "externalAccess", { queries });
}
async function setAppOn(on: boolean) {
  await writeSetting(h.db, "appsEnabled", { queries: on });
}

async function ask(email: string, teamKey: string, title: string, body = "What is the answer?") {
  await signInAs(email);
  const result = await actions.askQueryAction({ id: randomUUID(), teamId: h.team(teamKey), title, body });
  if (!result.ok) throw new Error(`ask failed: ${JSON.stringify(result)}`);
  return result.data.id;
}
async function answer(email: string, queryId: string, body = "Here is how.") {
  await signInAs(email);
  return actions.answerQueryAction({ id: randomUUID(), queryId, body });
}
async function queryRow(id: string) {
  const [row] = await h.db.select().from(schema.orgQueries).where(eq(schema.orgQueries.id, id));
  return row!;
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await h.db.insert(schema.appModerators).values({ app: "queries", personId: h.person(E("mo")) });
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await setSwitch(false);
  await setAppOn(true);
});

describe("teams accept queries (P5 G8)", () => {
  it("only the team's admins (and admins above it, and webmasters) switch it; others are refused and change nothing", async () => {
    const support = h.team("support");
    for (const who of ["cid", "hal", "nick", "xeno", "ann"]) {
      await signInAs(E(who));
      const result = await expectUnchanged([schema.teams], () => actions.setTeamAcceptsQueriesAction({ teamId: support, accepts: true }));
      expect(result, who).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
    }
    await signInAs(E("sam"));
    await expectUnchanged([schema.teams], async () => {
      expect(await actions.setTeamAcceptsQueriesAction({ teamId: support, accepts: "yes" })).toMatchObject({ ok: false, fieldErrors: { accepts: expect.any(String) } });
      expect(await actions.setTeamAcceptsQueriesAction({ teamId: "support", accepts: true })).toMatchObject({ ok: false, fieldErrors: { teamId: expect.any(String) } });
    });
    expect(await getTeamQueriesSetting(await viewerOf(E("sam")), support)).toEqual({ teamId: support, acceptsQueries: false, canManage: true });
    expect(await actions.setTeamAcceptsQueriesAction({ teamId: support, accepts: true })).toEqual({ ok: true, data: { accepts: true, changed: true } });
    // The admin of Support manages its child team too (P5), and a webmaster any team.
    expect(await actions.setTeamAcceptsQueriesAction({ teamId: h.team("support-it"), accepts: true })).toMatchObject({ ok: true });
    await signInAs(E("web"));
    expect(await actions.setTeamAcceptsQueriesAction({ teamId: h.team("support-it"), accepts: false })).toMatchObject({ ok: true });
    const rows = await h.db.select({ key: schema.teams.key, accepts: schema.teams.acceptsQueries }).from(schema.teams).orderBy(schema.teams.key);
    expect(rows).toEqual([
      { key: "hr", accepts: false },
      { key: "support", accepts: true },
      { key: "support-it", accepts: false },
    ]);
    const [audit] = await h.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "team.queries.set")).limit(1);
    expect(audit).toBeTruthy();
    // The block is absent for whoever may not use Queries (E5), and shows the state to members.
    expect(await getTeamQueriesSetting(await viewerOf(E("xeno")), support)).toBeNull();
    expect(await getTeamQueriesSetting(await viewerOf(E("cid")), support)).toEqual({ teamId: support, acceptsQueries: true, canManage: false });
    expect((await teamsAcceptingQueries(await viewerOf(E("ann")))).map((t) => t.name)).toEqual(["Support"]);
    expect(await teamsAcceptingQueries(await viewerOf(E("xena")))).toEqual([]);
  });
});

describe("asking (G4 G8 E4 E5, Q3)", () => {
  it("refuses a team that does not accept queries, and bad input, changing nothing", async () => {
    await signInAs(E("ann"));
    const good = { id: randomUUID(), teamId: h.team("support"), title: "A title", body: "A question" };
    await expectUnchanged(queryTables, async () => {
      expect(await actions.askQueryAction({ ...good, teamId: h.team("hr") })).toEqual({ ok: false, fieldErrors: { teamId: TEAM_NOT_ACCEPTING_MESSAGE } });
      expect(await actions.askQueryAction({ ...good, teamId: 999_999 })).toEqual({ ok: false, fieldErrors: { teamId: TEAM_NOT_ACCEPTING_MESSAGE } });
      expect(await actions.askQueryAction({ ...good, teamId: "" })).toMatchObject({ ok: false, fieldErrors: { teamId: "Choose the team your query goes to" } });
      expect(await actions.askQueryAction({ ...good, title: "   " })).toMatchObject({ ok: false, fieldErrors: { title: "Enter a title for your query" } });
      expect(await actions.askQueryAction({ ...good, title: "x".repeat(201) })).toMatchObject({ ok: false, fieldErrors: { title: expect.stringMatching(/200/) } });
      expect(await actions.askQueryAction({ ...good, title: "Two\nlines" })).toMatchObject({ ok: false, fieldErrors: { title: expect.stringMatching(/control/) } });
      expect(await actions.askQueryAction({ ...good, body: "" })).toMatchObject({ ok: false, fieldErrors: { body: "Write your question" } });
      expect(await actions.askQueryAction({ ...good, body: "y".repeat(10_001) })).toMatchObject({ ok: false, fieldErrors: { body: expect.stringMatching(/10,000/) } });
      expect(await actions.askQueryAction({ ...good, body: "nul\u0000" })).toMatchObject({ ok: false, fieldErrors: { body: expect.any(String) } });
      expect(await actions.askQueryAction({ ...good, id: "not-an-id" })).toMatchObject({ ok: false, fieldErrors: { id: expect.any(String) } });
    });
  });

  it("asks once per form, records a query_new event, and keeps the text as typed (10 000 characters fit)", async () => {
    await signInAs(E("ann"));
    const input = { id: randomUUID(), teamId: h.team("support"), title: "  Printer on floor 2?  ", body: "z".repeat(10_000) };
    expect(await actions.askQueryAction(input)).toEqual({ ok: true, data: { id: input.id, created: true } });
    expect(await actions.askQueryAction(input)).toEqual({ ok: true, data: { id: input.id, created: false } });
    const row = await queryRow(input.id);
    expect(row).toMatchObject({ title: "Printer on floor 2?", status: "open", askerId: h.person(E("ann")), teamId: h.team("support"), acceptedAnswerId: null });
    expect(row.body).toHaveLength(10_000);
    const events = await h.db.select().from(schema.notificationEvents).where(eq(schema.notificationEvents.queryId, input.id));
    expect(events.map((e) => e.kind)).toEqual(["query_new"]);
  });

  it("G4 E4 E5: an external person asks only with the Queries switch on; nobody while the app is off", async () => {
    const input = () => ({ id: randomUUID(), teamId: h.team("support"), title: "From outside", body: "Hello" });
    await signInAs(E("xena"));
    await expectUnchanged(queryTables, async () => expect(await actions.askQueryAction(input())).toMatchObject({ ok: false, formError: REFUSED_MESSAGE }));
    await setSwitch(true);
    await signInAs(E("xena"));
    expect(await actions.askQueryAction(input())).toMatchObject({ ok: true });
    await setAppOn(false);
    for (const who of ["xena", "ann", "web"]) {
      await signInAs(E(who));
      await expectUnchanged(queryTables, async () => expect(await actions.askQueryAction(input()), who).toMatchObject({ ok: false, formError: REFUSED_MESSAGE }));
    }
  });
});

describe("answering and accepting (G8 P5)", () => {
  beforeAll(async () => {
    await h.db.update(schema.teams).set({ acceptsQueries: true }).where(eq(schema.teams.key, "support"));
  });
  it("G8 P5: the team's members and its child teams' members answer, and the app's moderators; nobody else", async () => {
    const id = await ask(E("ann"), "support", "Who answers?");
    for (const who of ["hal", "nick", "ann", "xena"]) {
      await expectUnchanged(queryTables, async () => expect(await answer(E(who), id), who).toMatchObject({ ok: false, formError: REFUSED_MESSAGE }));
    }
    // An external member of the team: only with the Queries switch (E5).
    await expectUnchanged(queryTables, async () => expect(await answer(E("xeno"), id)).toMatchObject({ ok: false, formError: REFUSED_MESSAGE }));
    await expectUnchanged(queryTables, async () => {
      await signInAs(E("cid"));
      expect(await actions.answerQueryAction({ id: randomUUID(), queryId: id, body: "  " })).toMatchObject({ ok: false, fieldErrors: { body: "Write your answer first" } });
      expect(await actions.answerQueryAction({ id: randomUUID(), queryId: id, body: "a".repeat(10_001) })).toMatchObject({ ok: false, fieldErrors: { body: expect.any(String) } });
      expect(await actions.answerQueryAction({ id: randomUUID(), queryId: "nope", body: "Hi" })).toMatchObject({ ok: false, fieldErrors: { queryId: expect.any(String) } });
      expect(await actions.answerQueryAction({ id: randomUUID(), queryId: randomUUID(), body: "Hi" })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
    });
    expect(await answer(E("cid"), id, "From the child team")).toMatchObject({ ok: true });
    expect((await queryRow(id)).status).toBe("answered");
    expect(await answer(E("sam"), id, "From the team")).toMatchObject({ ok: true });
    expect(await answer(E("mo"), id, "From the moderator")).toMatchObject({ ok: true });
    expect(await answer(E("web"), id, "From the webmaster")).toMatchObject({ ok: true });
    await setSwitch(true);
    expect(await answer(E("xeno"), id, "From the external member")).toMatchObject({ ok: true });
    const page = await getQueryPage(await viewerOf(E("ann")), id);
    expect(page.status).toBe("ok");
    if (page.status !== "ok") return;
    expect(page.value.answers.map((a) => a.body)).toEqual(["From the child team", "From the team", "From the moderator", "From the webmaster", "From the external member"]);
    expect(page.value).toMatchObject({ mayAnswer: false, mayAccept: true, askedByMe: true, answerCount: 5 });
  });

  it("G8: the asker accepts an answer, which resolves the query; others are refused; answering or editing after it is refused with a message", async () => {
    const id = await ask(E("ann"), "support", "Accept me");
    const first = await answer(E("cid"), id, "First");
    const second = await answer(E("sam"), id, "Second");
    if (!first.ok || !second.ok) throw new Error("answers failed");
    for (const who of ["cid", "sam", "hal", "nick"]) {
      await signInAs(E(who));
      await expectUnchanged(queryTables, async () => expect(await actions.acceptAnswerAction({ queryId: id, answerId: second.data.id }), who).toMatchObject({ ok: false, formError: REFUSED_MESSAGE }));
    }
    await signInAs(E("ann"));
    // An answer of another query is not this query's to accept.
    const other = await ask(E("ann"), "support", "Another");
    const otherAnswer = await answer(E("sam"), other, "Elsewhere");
    await signInAs(E("ann"));
    if (!otherAnswer.ok) throw new Error("answer failed");
    await expectUnchanged(queryTables, async () => expect(await actions.acceptAnswerAction({ queryId: id, answerId: otherAnswer.data.id })).toMatchObject({ ok: false, formError: expect.stringMatching(/could not be found/) }));
    expect(await actions.acceptAnswerAction({ queryId: id, answerId: second.data.id })).toEqual({ ok: true, data: { onBehalf: false } });
    const row = await queryRow(id);
    expect(row).toMatchObject({ status: "resolved", acceptedAnswerId: second.data.id });
    expect(row.resolvedAt).toBeInstanceOf(Date);

    // Accepted first, then the rest oldest first.
    const page = await getQueryPage(await viewerOf(E("nick")), id);
    if (page.status !== "ok") throw new Error("not found");
    expect(page.value.answers.map((a) => [a.body, a.accepted])).toEqual([
      ["Second", true],
      ["First", false],
    ]);

    // Resolved stays resolved: no more answers, no edits, no second acceptance.
    await expectUnchanged(queryTables, async () => {
      expect(await answer(E("cid"), id, "Too late")).toMatchObject({ ok: false, formError: expect.stringMatching(/^This query was resolved on .+ so it takes no more answers/) });
      await signInAs(E("cid"));
      expect(await actions.editAnswerAction({ answerId: first.data.id, queryId: id, body: "Changed", version: "" })).toMatchObject({ ok: false, formError: expect.stringMatching(/^This query was resolved/) });
      await signInAs(E("ann"));
      expect(await actions.acceptAnswerAction({ queryId: id, answerId: first.data.id })).toMatchObject({ ok: false, formError: expect.stringMatching(/^This query was resolved/) });
    });
  });

  it("a moderator accepts for the asker; a named moderator loses it when the app goes off", async () => {
    const id = await ask(E("ann"), "support", "Moderated");
    const a = await answer(E("sam"), id, "Answer");
    if (!a.ok) throw new Error("answer failed");
    await setAppOn(false);
    await signInAs(E("mo"));
    await expectUnchanged(queryTables, async () => expect(await actions.acceptAnswerAction({ queryId: id, answerId: a.data.id })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE }));
    await setAppOn(true);
    await signInAs(E("mo"));
    expect(await actions.acceptAnswerAction({ queryId: id, answerId: a.data.id })).toEqual({ ok: true, data: { onBehalf: true } });
    expect((await queryRow(id)).status).toBe("resolved");
  });

  it("G8: two tabs: one accepts while the other answers; the late answer is refused and nothing of it is written", async () => {
    const id = await ask(E("ann"), "support", "Two tabs");
    const a = await answer(E("sam"), id, "Early");
    if (!a.ok) throw new Error("answer failed");
    // Cid's tab loaded the page while the query was open: the form was shown to them.
    const loaded = await getQueryPage(await viewerOf(E("cid")), id);
    expect(loaded.status === "ok" && loaded.value.mayAnswer).toBe(true);
    await signInAs(E("ann"));
    expect(await actions.acceptAnswerAction({ queryId: id, answerId: a.data.id })).toMatchObject({ ok: true });
    await expectUnchanged(queryTables, async () => expect(await answer(E("cid"), id, "From the stale tab")).toMatchObject({ ok: false, formError: expect.stringMatching(/resolved/) }));

    // At the same moment: whichever commits first, no answer is ever written after the acceptance.
    const race = await ask(E("ann"), "support", "Race");
    const r = await answer(E("sam"), race, "Racing");
    if (!r.ok) throw new Error("answer failed");
    const ann = await viewerOf(E("ann"));
    const { acceptAnswer } = await import("./mutations");
    await signInAs(E("cid"));
    const [answered] = await Promise.all([
      actions.answerQueryAction({ id: randomUUID(), queryId: race, body: "Racing too" }),
      // The acceptance's own writes, as the mutation makes them, under the query's row lock.
      h.db.transaction(async (tx) => acceptAnswer(tx as never, ann, { queryId: race, answerId: r.data.id })),
    ]);
    const row = await queryRow(race);
    expect(row.status).toBe("resolved");
    const [late] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from query_answers qa join queries q on q.id = qa.query_id where q.id = ${race}::uuid and qa.created_at > q.resolved_at`),
    );
    expect(late?.n).toBe(0);
    if (!answered.ok) expect(answered.formError).toMatch(/resolved/);
  });

  it("K2: an answer's author edits it (marked edited); a stale tab's edit and other people's are refused", async () => {
    const id = await ask(E("ann"), "support", "Edits");
    const a = await answer(E("cid"), id, "Draft answer");
    if (!a.ok) throw new Error("answer failed");
    await signInAs(E("sam"));
    await expectUnchanged(queryTables, async () => expect(await actions.editAnswerAction({ answerId: a.data.id, queryId: id, body: "Hijack", version: "" })).toMatchObject({ ok: false, formError: "Only the answer's author can change it." }));
    await signInAs(E("cid"));
    expect(await actions.editAnswerAction({ answerId: a.data.id, queryId: id, body: "Better answer", version: "" })).toEqual({ ok: true, data: { changed: true } });
    const page = await getQueryPage(await viewerOf(E("cid")), id);
    if (page.status !== "ok") throw new Error("not found");
    expect(page.value.answers[0]).toMatchObject({ body: "Better answer", mine: true, editedAt: expect.any(String) });
    // The other tab still holds the version it opened on ("" : never edited).
    await expectUnchanged([schema.queryAnswers], async () => expect(await actions.editAnswerAction({ answerId: a.data.id, queryId: id, body: "From the other tab", version: "" })).toMatchObject({ ok: false, formError: STALE_ANSWER_MESSAGE }));
    expect(await actions.editAnswerAction({ answerId: a.data.id, queryId: id, body: "Third", version: page.value.answers[0]!.editedAt! })).toMatchObject({ ok: true });
  });
});

describe("the listing (G4 P5 E5)", () => {
  let mine: string[] = [];
  beforeAll(async () => {
    await h.db.delete(schema.orgQueries);
    await h.db.update(schema.teams).set({ acceptsQueries: true });
    // Newest last: five of Ann's to Support, one of Nick's to HR, one of Nick's to Support IT.
    mine = [];
    for (let i = 1; i <= 5; i++) mine.push(await ask(E("ann"), "support", `Support ${i}`));
    await ask(E("nick"), "hr", "HR 1");
    await ask(E("nick"), "support-it", "IT 1");
    await answer(E("sam"), mine[0]!, "Answered");
    const r = await answer(E("sam"), mine[1]!, "Resolved");
    await signInAs(E("ann"));
    if (r.ok) await actions.acceptAnswerAction({ queryId: mine[1]!, answerId: r.data.id });
  });

  const titles = async (email: string, params: Partial<Parameters<typeof listQueries>[1]> = {}, limit?: number) =>
    (await listQueries(await viewerOf(email), { status: "all", scope: "all", before: null, ...params }, limit)).items.map((q) => q.title);

  it("lists every query, newest first, with team, status, asker and answer count", async () => {
    expect(await titles(E("nick"))).toEqual(["IT 1", "HR 1", "Support 5", "Support 4", "Support 3", "Support 2", "Support 1"]);
    const page = await listQueries(await viewerOf(E("hal")), { status: "all", scope: "all", before: null });
    expect(page.items.find((q) => q.title === "Support 1")).toMatchObject({ teamName: "Support", status: "answered", askerName: "Ann Asker", answerCount: 1 });
  });

  it("filters by status and by whose", async () => {
    expect(await titles(E("nick"), { status: "open" })).toEqual(["IT 1", "HR 1", "Support 5", "Support 4", "Support 3"]);
    expect(await titles(E("nick"), { status: "answered" })).toEqual(["Support 1"]);
    expect(await titles(E("nick"), { status: "resolved" })).toEqual(["Support 2"]);
    expect(await titles(E("nick"), { scope: "mine" })).toEqual(["IT 1", "HR 1"]);
    expect(await titles(E("ann"), { scope: "mine", status: "open" })).toEqual(["Support 5", "Support 4", "Support 3"]);
  });

  it("P5: my teams' queue holds queries to my teams and to the teams above them", async () => {
    expect(await titles(E("sam"), { scope: "queue" })).toEqual(["Support 5", "Support 4", "Support 3", "Support 2", "Support 1"]);
    expect(await titles(E("cid"), { scope: "queue" })).toEqual(["IT 1", "Support 5", "Support 4", "Support 3", "Support 2", "Support 1"]);
    expect(await titles(E("hal"), { scope: "queue" })).toEqual(["HR 1"]);
    expect(await titles(E("nick"), { scope: "queue" })).toEqual([]);
    expect(await titles(E("cid"), { scope: "queue", status: "resolved" })).toEqual(["Support 2"]);
  });

  it("keyset pages: every query once, in order; a tampered cursor reads as the first page", async () => {
    const viewer = await viewerOf(E("nick"));
    const seen: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof listQueries>> = await listQueries(viewer, { status: "all", scope: "all", before }, 2);
      seen.push(...page.items.map((q) => q.title));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(await titles(E("nick")));
    expect(await titles(E("nick"), { before: "garbage" }, 2)).toEqual(["IT 1", "HR 1"]);
  });

  it("E5: externals read queries only with the switch; nobody while the app is off; a query page is not found alike", async () => {
    expect(await titles(E("xena"))).toEqual([]);
    expect((await getQueryPage(await viewerOf(E("xena")), mine[0]!)).status).toBe("not-found");
    await setSwitch(true);
    expect(await titles(E("xena"))).toHaveLength(7);
    expect((await getQueryPage(await viewerOf(E("xena")), mine[0]!)).status).toBe("ok");
    await setAppOn(false);
    expect(await titles(E("web"))).toEqual([]);
    expect((await getQueryPage(await viewerOf(E("web")), mine[0]!)).status).toBe("not-found");
    expect((await getQueryPage(await viewerOf(E("nick")), "not-a-uuid")).status).toBe("not-found");
    await setAppOn(true);
    expect((await getQueryPage(await viewerOf(E("nick")), randomUUID())).status).toBe("not-found");
  });
});

describe("notifications (K5 E5)", () => {
  beforeAll(async () => {
    await h.db.update(schema.teams).set({ acceptsQueries: true }).where(eq(schema.teams.key, "support"));
  });
  beforeEach(async () => {
    for (const table of [schema.notifications, schema.notificationEvents, schema.outboxMessages]) await h.db.delete(table);
  });
  async function told(kind?: string): Promise<Record<string, string[]>> {
    const rows = await h.db.select({ who: schema.notifications.recipientId, kind: schema.notifications.kind }).from(schema.notifications);
    const out: Record<string, string[]> = {};
    for (const r of rows.filter((r) => !kind || r.kind === kind)) {
      const email = [...h.ids.people].find(([, v]) => v === r.who)![0].split("@")[0]!;
      (out[r.kind] ??= []).push(email);
    }
    for (const list of Object.values(out)) list.sort();
    return out;
  }

  it("K5 G8: query_new tells the team's members, query_answer the asker, query_resolved those who answered; never the actor", async () => {
    await setSwitch(true);
    const id = await ask(E("ann"), "support", "Notify me");
    await expandDueEvents(h.db);
    expect(await told()).toEqual({ query_new: ["sam", "xeno"] });
    await h.db.delete(schema.notifications);
    await answer(E("cid"), id, "One");
    const second = await answer(E("sam"), id, "Two");
    await expandDueEvents(h.db);
    expect(await told()).toEqual({ query_answer: ["ann", "ann"] });
    await h.db.delete(schema.notifications);
    await signInAs(E("mo"));
    if (!second.ok) throw new Error("answer failed");
    expect(await actions.acceptAnswerAction({ queryId: id, answerId: second.data.id })).toMatchObject({ ok: true });
    await expandDueEvents(h.db);
    expect(await told()).toEqual({ query_resolved: ["ann", "cid", "sam"] });

    // What the asker reads: the query named, the link to it; the answer by e-mail at once (the default).
    const [n] = (await listNotifications(h.db, await viewerOf(E("ann")))).rows;
    expect(n).toMatchObject({ kind: "query_resolved", queryTitle: "Notify me" });
    expect(summaryOf(n!)).toBe("Mo Moderator accepted an answer: the query “Notify me” is resolved");
    expect(pathOf(n!)).toBe(`/queries/${id}`);
    const mails = await h.db.select({ to: schema.outboxMessages.toAddress, text: schema.outboxMessages.text }).from(schema.outboxMessages);
    const annMails = mails.filter((m) => m.to === E("ann"));
    expect(annMails).toHaveLength(2);
    expect(annMails[0]!.text).toContain(`/queries/${id}`);
  });

  it("K5 E5: a notification names the query only while its recipient may use Queries, when it is shown", async () => {
    await setSwitch(true);
    await ask(E("ann"), "support", "Secret-ish title");
    await expandDueEvents(h.db);
    const xeno = await viewerOf(E("xeno"));
    expect((await listNotifications(h.db, xeno)).rows.map((r) => r.queryTitle)).toEqual(["Secret-ish title"]);
    await setSwitch(false);
    expect((await listNotifications(h.db, xeno)).rows).toEqual([]);
    expect(await unreadCount(h.db, xeno)).toBe(0);
    await setAppOn(false);
    expect((await listNotifications(h.db, await viewerOf(E("sam")))).rows).toEqual([]);
    await setAppOn(true);
    expect(await unreadCount(h.db, await viewerOf(E("sam")))).toBe(1);
  });

  it("E5: an external team member without the switch is not told at all when the query is asked", async () => {
    await ask(E("ann"), "support", "Staff only now");
    await expandDueEvents(h.db);
    expect(await told()).toEqual({ query_new: ["sam"] });
  });
});
