/**
 * K5 C4 E6 S7: the fan-out worker. Who an event notifies (written by hand from the SPEC,
 * cross-checked against visibleContent as each person), that two workers expand an event
 * once, that the actor and people who cannot view the item are never told, that access
 * is decided again when a notification is listed, counted or e-mailed, that 5 000
 * followers expand in seconds, and that the digest goes once.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Connection, Db } from "@/db/connect";
import { rowsOf } from "@/db/connect";
import { comments, content, follows, notificationDigests, notificationEvents, notificationPreferences, notifications, outboxMessages, people } from "@/db/schema";
import { visibleContent } from "@/lib/access/filters";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { type NotificationEvent, recordNotificationEvent } from "./events";
import { claimDueEvents, expandDueEvents, expandEvent } from "./fan-out";
import { sendDueDigests } from "./mail";
import { listNotifications, unreadCount } from "./queries";

const D = "fanout.test";
const e = (name: string) => `${name}@${D}`;

// Services (open) › Parks (open) › Playgrounds; Services › Casework (restricted);
// Partner hub (restricted, root); Legal (restricted, root). The same organisation as the
// S7 e-mails always had (their guarantees moved here with the code).
const ORG = {
  people: [
    { email: e("ann"), name: "Ann Actor", audience: "organisational" },
    { email: e("mia"), name: "Mia Manager", audience: "organisational" },
    { email: e("ed"), name: "Ed Editor", audience: "organisational" },
    { email: e("aida"), name: "Aida Author", audience: "organisational" },
    { email: e("xena"), name: "Xena External", audience: "external" },
    { email: e("bob"), name: "Bob Blocked", audience: "organisational", blocked: true },
    { email: e("cal"), name: "Cal Child", audience: "organisational" },
    { email: e("pat"), name: "Pat Partner", audience: "external" },
    { email: e("pete"), name: "Pete Partner-editor", audience: "organisational" },
    { email: e("rosa"), name: "Rosa Casework", audience: "organisational" },
    { email: e("lee"), name: "Lee Legal", audience: "organisational" },
    { email: e("morgan"), name: "Morgan Member", audience: "organisational" },
    { email: e("wendy"), name: "Wendy Webmaster", audience: "organisational", roles: ["webmaster"] },
    { email: e("gina"), name: "Gina Group", audience: "organisational" },
    { email: e("wes"), name: "Wes Webmaster-author", audience: "organisational", roles: ["webmaster"] },
    { email: e("olga"), name: "Olga Outsider", audience: "external" }, // external, no sections at all
    { email: e("finn"), name: "Finn Follower", audience: "organisational" },
  ],
  sections: [
    { slug: "services", title: "Services", parent: null, restricted: false, roles: [{ person: e("mia"), role: "manager" }] },
    {
      slug: "parks",
      title: "Parks",
      parent: "services",
      restricted: false,
      members: [e("morgan")],
      roles: [
        { person: e("ann"), role: "author" },
        { person: e("ed"), role: "editor" },
        { person: e("aida"), role: "author" },
        { person: e("xena"), role: "author" },
        { person: e("bob"), role: "editor" },
      ],
    },
    { slug: "playgrounds", title: "Playgrounds", parent: "parks", restricted: false, roles: [{ person: e("cal"), role: "editor" }] },
    { slug: "casework", title: "Casework", parent: "services", restricted: true, roles: [{ person: e("rosa"), role: "author" }] },
    {
      slug: "partners",
      title: "Partner hub",
      parent: null,
      restricted: true,
      roles: [
        { person: e("pat"), role: "author" },
        { person: e("pete"), role: "editor" },
        { person: e("xena"), role: "author" },
        { person: e("wes"), role: "author" },
      ],
    },
    { slug: "legal", title: "Legal", parent: null, restricted: true, roles: [{ person: e("lee"), role: "manager" }] },
  ],
  groups: [
    { slug: "choir", name: "Choir", visibility: "public", members: [{ person: e("gina"), admin: true }, { person: e("ann") }] },
    { slug: "cellar", name: "Cellar Club", visibility: "secret", members: [{ person: e("gina"), admin: true }, { person: e("ann"), admin: true }] },
  ],
  content: [
    { key: "published", type: "news", title: "Bandstand reopens <b>soon</b>", body: "<p>The bandstand reopens in May.</p>", section: "parks", sharedInto: ["partners"], author: e("ann"), status: "published" },
    { key: "draft", type: "news", title: "Draft: tree survey", body: "<p>Survey notes.</p>", section: "parks", sharedInto: ["partners"], author: e("aida"), status: "draft" },
    { key: "casework", type: "page", title: "Case handling", body: "", section: "casework", author: e("ann"), status: "published" },
    { key: "group", type: "news", title: "Choir practice", body: "", group: "choir", author: e("ann"), status: "published" },
    { key: "secret", type: "news", title: "Cellar tasting", body: "", group: "cellar", author: e("gina"), status: "published" },
  ],
};

let h: Harness;
let conn: Connection;
let db: Db;
const id = (name: string) => h.person(e(name));
const item = (key: string) => h.content(key);
const nameOf = (personId: string) => [...h.ids.people].find(([, v]) => v === personId)?.[0].split("@")[0];

beforeAll(async () => {
  h = await createHarness(ORG);
  conn = h.conn;
  db = conn.db;
});
afterAll(async () => h?.close());
beforeEach(async () => {
  for (const table of [outboxMessages, notifications, notificationEvents, notificationDigests, notificationPreferences, follows, comments]) await db.delete(table);
});

async function record(event: NotificationEvent) {
  await recordNotificationEvent(db, event);
}
async function fanOut() {
  return expandDueEvents(db);
}
async function told(): Promise<Record<string, string>> {
  const rows = await db.select({ who: notifications.recipientId, kind: notifications.kind }).from(notifications);
  return Object.fromEntries(rows.map((r) => [nameOf(r.who)!, r.kind]).sort());
}
async function comment(on: string, by: string, body = "A comment", parentId: string | null = null): Promise<string> {
  const [row] = await db.insert(comments).values({ contentId: item(on), authorId: id(by), body, parentId }).returning({ id: comments.id });
  return row!.id;
}
async function follow(who: string, target: { contentId?: string; sectionId?: number; groupId?: number; followedPersonId?: string }) {
  await db.insert(follows).values({ personId: id(who), ...target });
}
async function canView(person: string, key: string): Promise<boolean> {
  const viewer = await viewerOf(e(person));
  const [row] = await db.select({ ok: sql<boolean>`coalesce(${visibleContent(viewer)}, false)` }).from(content).where(eq(content.id, item(key)));
  return row!.ok;
}

describe("content events: S7 role holders who can view the item (C2, C4), never the actor", () => {
  it("a published item: role holders of its home section and above, and of the section it is shared into — nobody else", async () => {
    await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "published" });
    expect((await fanOut()).notified).toBe(7);
    // Not: ann (the actor), bob (blocked), cal (a role BELOW Parks), rosa/lee (other
    // sections), morgan (member without a role), wendy (webmaster without a role).
    expect(await told()).toEqual({ aida: "content_role", ed: "content_role", mia: "content_role", pat: "content_role", pete: "content_role", wes: "content_role", xena: "content_role" });
  });

  it("a draft: only its author and the home section's editors and managers (and webmasters)", async () => {
    await record({ kind: "content", actorId: id("ed"), contentId: item("draft"), detail: "updated" });
    await fanOut();
    expect(Object.keys(await told())).toEqual(["aida", "mia", "wes"]);
    expect(await canView("xena", "draft")).toBe(false);
    expect(await canView("pete", "draft")).toBe(false);
  });

  it("an item in a restricted section reaches role holders there and above; a group item no role holder", async () => {
    await record({ kind: "content", actorId: id("ed"), contentId: item("casework"), detail: "created" });
    await record({ kind: "content", actorId: id("gina"), contentId: item("group"), detail: "published" });
    await fanOut();
    expect(Object.keys(await told())).toEqual(["mia", "rosa"]);
  });

  it("recipients are exactly the role holders who can view the item, by the app's own predicate", async () => {
    const roleHolders = ["mia", "ed", "aida", "xena", "cal", "pat", "pete", "wes", "rosa", "lee"];
    for (const key of ["published", "draft", "casework"]) {
      await db.delete(notifications);
      await record({ kind: "content", actorId: id("ann"), contentId: item(key), detail: "updated" });
      await fanOut();
      const who = await told();
      const sections = key === "casework" ? ["services", "casework"] : ["services", "parks", "partners"];
      for (const person of roleHolders) {
        const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
          await db.execute(sql`select count(*)::int as n from section_roles sr join sections s on s.id = sr.section_id where sr.person_id = ${id(person)} and s.slug in ${sections}`),
        );
        expect(person in who, `${person} for ${key}`).toBe(n > 0 && (await canView(person, key)) && person !== "ann");
      }
    }
  });

  it("followers of the item, of a section above it, of its group and of its author are told (content_followed); a role wins over following", async () => {
    await follow("morgan", { sectionId: h.section("services") }); // above Parks: following cascades down
    await follow("finn", { followedPersonId: id("ann") });
    await follow("olga", { contentId: item("published") }); // external outside every section: cannot view it
    await follow("mia", { contentId: item("published") });
    await follow("lee", { groupId: h.ids.groups?.get?.("choir") ?? (await groupId("choir")) });
    await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "updated" });
    await record({ kind: "content", actorId: id("ann"), contentId: item("group"), detail: "updated" });
    await fanOut();
    const rows = await db.select({ who: notifications.recipientId, kind: notifications.kind, content: notifications.contentId }).from(notifications);
    const on = (key: string) => Object.fromEntries(rows.filter((r) => r.content === item(key)).map((r) => [nameOf(r.who), r.kind]));
    expect(on("published")).toMatchObject({ morgan: "content_followed", finn: "content_followed", mia: "content_role" });
    expect(on("published")).not.toHaveProperty("olga");
    expect(on("group")).toEqual({ lee: "content_followed", finn: "content_followed" });
  });
});

async function groupId(slug: string): Promise<number> {
  const [row] = rowsOf<{ id: number }>(await db.execute(sql`select id from groups where slug = ${slug}`));
  return row!.id;
}

describe("comment events (K1 K5 E6)", () => {
  it("one notification a person, strongest reason first: mention > reply > my item > followed; never the actor", async () => {
    const parent = await comment("published", "ed", "First!");
    const reply = await comment("published", "mia", "Replying to Ed", parent);
    await follow("ed", { contentId: item("published") }); // ed is also mentioned: one notification, a mention
    await follow("aida", { contentId: item("published") });
    await follow("mia", { contentId: item("published") }); // mia wrote the reply: the actor hears nothing
    await follow("morgan", { followedPersonId: id("mia") });
    await record({ kind: "comment", actorId: id("mia"), target: { kind: "content", id: item("published") }, commentId: reply, mentionedIds: [id("ed"), id("pete")] });
    await fanOut();
    // ann wrote the item; ed is mentioned and replied to (mention wins); pete is mentioned
    // (he views it through the share); aida and morgan follow.
    expect(await told()).toEqual({ aida: "comment_on_followed", ann: "comment_on_my_item", ed: "mention", morgan: "comment_on_followed", pete: "mention" });
  });

  it("a reply reaches the parent's author as a reply", async () => {
    const parent = await comment("published", "ed", "Question");
    const reply = await comment("published", "aida", "Answer", parent);
    await record({ kind: "comment", actorId: id("aida"), target: { kind: "content", id: item("published") }, commentId: reply, mentionedIds: [] });
    await fanOut();
    expect(await told()).toEqual({ ann: "comment_on_my_item", ed: "reply" });
  });

  it("mentions of people who cannot view the item notify nobody of it (E6)", async () => {
    const c = await comment("casework", "rosa", "@olga @morgan have a look");
    await record({ kind: "comment", actorId: id("rosa"), target: { kind: "content", id: item("casework") }, commentId: c, mentionedIds: [id("olga"), id("morgan"), id("rosa")] });
    await record({ kind: "content_mention", actorId: id("aida"), contentId: item("draft"), mentionedIds: [id("morgan"), id("xena"), id("ed")] });
    await fanOut();
    // casework is restricted: olga (external) and morgan (not a member) cannot view it;
    // rosa mentioned herself (the actor). ann wrote the item but holds no role in Casework
    // any more than olga: not told either. The draft: only ed (its section's editor) sees it.
    expect(await canView("ann", "casework")).toBe(false);
    expect(await told()).toEqual({ ed: "mention" });
  });
});

describe("group events (G1 G5)", () => {
  it("a join request tells the group's admins; an invitation the invited", async () => {
    const cellar = await groupId("cellar");
    await record({ kind: "group_request", actorId: id("morgan"), groupId: cellar });
    await record({ kind: "group_invitation", actorId: id("gina"), groupId: cellar, recipientIds: [id("finn"), id("gina")] });
    await fanOut();
    // finn is not yet invited in group_invitations, so the secret group is not shown to him: nothing.
    expect(await told()).toEqual({ ann: "group_request", gina: "group_request" });
    await db.execute(sql`insert into group_invitations (group_id, person_id, invited_by) values (${cellar}, ${id("finn")}, ${id("gina")})`);
    await record({ kind: "group_invitation", actorId: id("gina"), groupId: cellar, recipientIds: [id("finn")] });
    await fanOut();
    expect((await told()).finn).toBe("group_invitation");
  });
});

describe("the worker (K5)", () => {
  it("two workers at once expand an event once", async () => {
    for (let i = 0; i < 6; i++) await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "updated" });
    const [a, b] = await Promise.all([expandDueEvents(db), expandDueEvents(db)]);
    expect(a.claimed + b.claimed).toBe(6);
    expect(a.notified + b.notified).toBe(42);
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from notifications`));
    expect(n).toBe(42);
    // A lease that ran out and a second expansion of the same event: nothing more.
    const [event] = await db.select().from(notificationEvents).limit(1);
    await db.update(notificationEvents).set({ processedAt: null }).where(eq(notificationEvents.id, event!.id));
    const [claimed] = await claimDueEvents(db, new Date());
    expect(await expandEvent(db, claimed!)).toBe(0);
  });

  it("an event whose change rolled back never existed", async () => {
    await expect(
      db.transaction(async (tx) => {
        await recordNotificationEvent(tx as unknown as Db, { kind: "content", actorId: id("ann"), contentId: item("published"), detail: "updated" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await fanOut()).claimed).toBe(0);
  });

  it("5 000 followers expand in seconds, each checked as themselves", async () => {
    const many = 5000;
    await db.execute(sql`
      insert into people (email, name, audience, roles)
      select 'f' || g || '@bulk.test', 'Follower ' || g, case when g % 10 = 0 then 'external' else 'organisational' end::audience, '{}'
      from generate_series(1, ${many}) g`);
    await db.execute(sql`insert into follows (person_id, content_id) select p.id, ${item("published")}::uuid from people p where p.email like '%@bulk.test'`);
    const c = await comment("published", "ed", "Hello all");
    await record({ kind: "comment", actorId: id("ed"), target: { kind: "content", id: item("published") }, commentId: c, mentionedIds: [] });
    const started = Date.now();
    await fanOut();
    const took = Date.now() - started;
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from notifications n join people p on p.id = n.recipient_id where p.email like '%@bulk.test'`));
    // The external followers (every tenth) are in no section: they cannot view it.
    expect(n).toBe(4500);
    expect(took).toBeLessThan(20_000);
    await db.execute(sql`delete from people where email like '%@bulk.test'`);
  }, 60_000);
});

describe("decided at delivery (K5 C4 E6)", () => {
  it("someone who loses access between the event and delivery sees nothing: not listed, not counted, not in the digest", async () => {
    await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "published" });
    await fanOut();
    const pat = await viewerOf(e("pat"));
    expect(await unreadCount(db, pat)).toBe(1);
    expect((await listNotifications(db, pat)).rows.map((r) => r.contentTitle)).toEqual(["Bandstand reopens <b>soon</b>"]);
    // The item stops being shared into Partner hub: pat may no longer view it.
    await db.execute(sql`delete from content_shares where content_id = ${item("published")}`);
    try {
      expect(await unreadCount(db, pat)).toBe(0);
      expect((await listNotifications(db, pat)).rows).toEqual([]);
      expect(await sendDueDigests(db)).toBeGreaterThan(0); // the others'
      const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, id("pat")));
      expect(mails).toEqual([]);
    } finally {
      await db.execute(sql`insert into content_shares (content_id, section_id) values (${item("published")}, ${h.section("partners")})`);
    }
  });

  it("a hidden or deleted comment's notifications disappear", async () => {
    const c = await comment("published", "ed", "Look @pete");
    await record({ kind: "comment", actorId: id("ed"), target: { kind: "content", id: item("published") }, commentId: c, mentionedIds: [id("pete")] });
    await fanOut();
    const pete = await viewerOf(e("pete"));
    expect(await unreadCount(db, pete)).toBe(1);
    await db.update(comments).set({ hiddenAt: new Date(), hiddenReason: "off topic" }).where(eq(comments.id, c));
    expect(await unreadCount(db, pete)).toBe(0);
    expect((await listNotifications(db, pete)).rows).toEqual([]);
  });

  it("the unread count is capped past 99 and only counts unread", async () => {
    const ed = await viewerOf(e("ed"));
    for (let i = 0; i < 105; i++) await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "updated" });
    await fanOut();
    expect(await unreadCount(db, ed)).toBe(100);
    await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.recipientId, id("ed")));
    expect(await unreadCount(db, ed)).toBe(0);
    const page = await listNotifications(db, ed, { pageSize: 50 });
    expect(page.rows).toHaveLength(50);
    const second = await listNotifications(db, ed, { pageSize: 50, before: page.next });
    expect(second.rows).toHaveLength(50);
    expect(new Set([...page.rows, ...second.rows].map((r) => r.id)).size).toBe(100);
  });
});

describe("e-mail (K5)", () => {
  it("mentions go at once, once, escaped; 'off' sends nothing; the rest wait for the digest", async () => {
    await db.insert(notificationPreferences).values({ personId: id("mia"), kind: "mention", delivery: "off" });
    const c = await comment("published", "ed", "Ping @pete <script>alert(1)</script>");
    await record({ kind: "comment", actorId: id("ed"), target: { kind: "content", id: item("published") }, commentId: c, mentionedIds: [id("pete"), id("mia")] });
    await fanOut();
    const mails = await db.select().from(outboxMessages);
    expect(mails.map((m) => nameOf(m.recipientId!))).toEqual(["pete"]);
    expect(mails[0]!.subject).toBe("Ed Editor mentioned you in a comment on “Bandstand reopens <b>soon</b>”");
    expect(mails[0]!.html).not.toContain("<script>alert");
    expect(mails[0]!.html).toContain("&lt;script&gt;");
    expect(mails[0]!.idempotencyKey).toMatch(/^notification:\d+$/);
    const waiting = await db.select({ who: notifications.recipientId }).from(notifications).where(sql`${notifications.emailedAt} is null`);
    expect(waiting.map((w) => nameOf(w.who))).toEqual(["ann"]); // comment_on_my_item: digest by default
  });

  it("the digest goes once a person a day, even with several instances at once, listing what they may view", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "published" });
    await record({ kind: "content", actorId: id("ann"), contentId: item("casework"), detail: "created" });
    await fanOut();
    const now = new Date();
    const [a, b] = await Promise.all([sendDueDigests(db, { now }), sendDueDigests(db, { now })]);
    expect(a + b).toBe(8); // 7 told of "published", rosa of "casework" (mia has both: one digest)
    const mia = await db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, id("mia")));
    expect(mia).toHaveLength(1);
    expect(mia[0]!.idempotencyKey).toBe(`digest:${id("mia")}:${now.toISOString().slice(0, 10)}`);
    expect(mia[0]!.subject).toBe("Your Portico digest: 2 notifications");
    expect(mia[0]!.text).toContain("Case handling");
    expect(mia[0]!.html).toContain("Bandstand reopens &lt;b&gt;soon&lt;/b&gt;");
    // Nothing waits any more; a later pass the same day sends nothing.
    expect(await sendDueDigests(db, { now })).toBe(0);
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from notifications where emailed_at is null`));
    expect(n).toBe(0);
    warn.mockRestore();
  });

  it("someone who reaches the item only through a share is never told of its home section (C3): notifications name no section", async () => {
    await db.insert(notificationPreferences).values({ personId: id("pat"), kind: "content_role", delivery: "immediate" });
    await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "published" });
    await fanOut();
    const [pat] = await db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, id("pat")));
    expect(pat!.subject).toBe("Ann Actor published “Bandstand reopens <b>soon</b>”");
    for (const part of [pat!.subject, pat!.html, pat!.text]) {
      expect(part).not.toContain("Parks");
      expect(part).not.toContain("Services");
    }
    const [row] = (await listNotifications(db, await viewerOf(e("pat")))).rows;
    expect(JSON.stringify(row)).not.toMatch(/Parks|Services/);
  });

  it("blocked people get nothing", async () => {
    await db.update(people).set({ blocked: false }).where(eq(people.id, id("bob")));
    await record({ kind: "content", actorId: id("ann"), contentId: item("published"), detail: "published" });
    await fanOut();
    await db.update(people).set({ blocked: true }).where(eq(people.id, id("bob")));
    expect(await told()).toHaveProperty("bob");
    await sendDueDigests(db);
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, id("bob")))).toEqual([]);
  });
});
