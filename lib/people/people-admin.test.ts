/**
 * People administration (M1–M3): the rules by ID — M1 (the table, webmasters
 * only), M2 (who a bulk welcome e-mail reaches), P2 (external is exclusive), P3 (welcome
 * links, blocking), M3 (create and edit), M6 (duplicate mobiles while mobile codes are on)
 * — and every action called directly by a non-webmaster: refused, database unchanged.
 */
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Db } from "@/db/connect";
import { auditEvents, outboxMessages, people, settings, welcomeLinks } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { withBitmapScansOnly } from "@/db/testing";
import { loadViewer } from "@/lib/access/viewer";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";
import type { Viewer } from "@/lib/access/types";


const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { verifyPassword } = await import("@/lib/auth/password");
const actions = await import("./actions");
const { completeWelcomeAction } = await import("./welcome-action");
const { WEAK_PASSWORD_MESSAGE } = await import("@/lib/auth/password-strength");
const { listPeopleForAdmin, getPersonForAdmin, listLocationChoices, PEOPLE_PAGE_SIZE } = await import("./admin-queries");
const { hashWelcomeToken, WELCOME_LINK_DAYS } = await import("./welcome-token");
const { DUPLICATE_EMAIL_MESSAGE, DUPLICATE_MOBILE_MESSAGE, WELCOME_LINK_MESSAGES } = await import("./mutations");
const { personFields } = await import("./schemas");

const D = "people-admin.test";
const e = (name: string) => `${name}@${D}`;
const org: OrgFile = {
  teams: [],
  locations: [{ key: "hq", name: "Head office" }],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"], password: "webmaster-pass" },
    { email: e("web2"), name: "Wes Web", audience: "organisational", roles: ["webmaster"], password: "webmaster-pass" },
    { email: e("staff"), name: "Sam Staff", audience: "organisational", password: "staff-pass-1" },
    { email: e("partner"), name: "Pat Partner", audience: "external", password: "partner-pass" },
    { email: e("newcomer"), name: "Nia Newcomer", audience: "external" },
    { email: e("blocked"), name: "Bea Blocked", audience: "organisational", blocked: true, password: "blocked-pass" },
  ],
  sections: [],
  content: [],
  groups: [],
};

let harness: Harness;
let conn: Connection;
const id: Record<string, string> = {};
const asViewer = (name: string) => viewerOf(e(name));
const signIn = (name: string) => signInAs(e(name));

beforeAll(async () => {
  harness = await createHarness(org);
  conn = harness.conn;
  for (const p of await conn.db.select().from(people)) id[p.email.split("@")[0]!] = p.id;
});
afterAll(async () => harness?.close());

const person = async (name: string) => (await conn.db.select().from(people).where(eq(people.id, id[name]!)))[0]!;
const welcomeMailsTo = async (name: string) =>
  conn.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, e(name))).orderBy(asc(outboxMessages.id));
const tokenOf = (mail: { text: string }) => /\/welcome\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
async function setMobileCodes(on: boolean) {
  await conn.db
    .insert(settings)
    .values({ key: "authentication", value: { mobileCodes: on } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { mobileCodes: on } } });
}
const form = (over: Partial<Record<string, unknown>> = {}) => ({ name: "Quinn Quick", email: e("quinn"), roles: ["external"], mobile: "", locationId: "", ...over });

const acceptedAudit = () => conn.db.select({ action: auditEvents.action }).from(auditEvents).where(sql`${auditEvents.action} not like '%.refused'`);

/** Nothing changed: people, welcome links and mail exactly, and no audit row but refusals (M8). */
async function expectNothingChanged<T>(call: () => Promise<T>): Promise<T> {
  const audit = await acceptedAudit();
  const result = await expectUnchanged([people, welcomeLinks, outboxMessages], call);
  expect(await acceptedAudit()).toEqual(audit);
  return result;
}

describe("refused for anyone but a webmaster (M1): each action called directly changes nothing", () => {
  const calls: [string, () => Promise<{ ok: boolean; formError?: string }>][] = [
    ["previewWelcome", () => actions.previewWelcomeAction({ personIds: [id.newcomer!], filter: "all" })],
    ["sendWelcome", () => actions.sendWelcomeAction({ personIds: [id.newcomer!], filter: "all" })],
    ["block", () => actions.setBlockedAction({ personIds: [id.staff!], blocked: true })],
    ["unblock", () => actions.setBlockedAction({ personIds: [id.blocked!], blocked: false })],
    ["create", () => actions.createPersonAction(form())],
    ["update", () => actions.updatePersonAction({ ...form({ email: e("staff"), name: "Hacked", roles: ["organisational", "webmaster"] }), personId: id.staff! })],
  ];
  it.each(["staff", "partner"])("%s: every action refused, database unchanged, queries forbidden", async (who) => {
    await signIn(who);
    await expectNothingChanged(async () => {
      for (const [name, call] of calls) {
        const result = await call();
        expect(result, name).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
      }
    });
    const v = await asViewer(who);
    expect(await listPeopleForAdmin(v, { filter: "all", sort: "name", q: "" })).toEqual({ status: "forbidden" });
    expect(await getPersonForAdmin(v, id.staff!)).toEqual({ status: "forbidden" });
    expect(await listLocationChoices(v)).toEqual({ status: "forbidden" });
  });

  it("a webmaster whose role was removed a moment ago is refused (checked in the transaction)", async () => {
    await signIn("web2"); // the session still says webmaster
    await conn.db.update(people).set({ roles: [] }).where(eq(people.id, id.web2!));
    await expectNothingChanged(async () => {
      expect(await actions.setBlockedAction({ personIds: [id.staff!], blocked: true })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
    });
    await conn.db.update(people).set({ roles: ["webmaster"] }).where(eq(people.id, id.web2!));
  });
});

describe("M1: the user table", () => {
  beforeAll(async () => {
    const rows = Array.from({ length: 130 }, (_, i) => ({
      email: `bulk${String(i).padStart(3, "0")}@${D}`,
      name: i % 10 === 0 ? "Same Name" : `Bulk Person ${String(i).padStart(3, "0")}`,
      audience: (i % 3 === 0 ? "external" : "organisational") as "external" | "organisational",
      authorisedAt: i % 4 === 0 ? null : new Date(),
      blocked: i % 17 === 0,
      lastAccessAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + (i % 7) * 1000),
    }));
    await conn.db.insert(people).values(rows);
  });
  let webViewer: Viewer;
  beforeAll(async () => {
    webViewer = await asViewer("web");
  });
  const web = () => webViewer;

  async function all(filter: "all" | "authorised" | "unauthorised" | "blocked" | "external" | "organisational", sort: "name" | "email" | "lastAccess", q = "", db?: Db) {
    const seen: { id: string; status: string; audience: string; name: string }[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await listPeopleForAdmin(web(), { filter, sort, q, after }, db);
      if (result.status !== "ok") throw new Error("forbidden");
      expect(result.rows.length).toBeLessThanOrEqual(PEOPLE_PAGE_SIZE);
      seen.push(...result.rows);
      if (!result.next) break;
      after = result.next;
    }
    return seen;
  }

  it.each(["name", "email", "lastAccess"] as const)("keyset pages sorted by %s list everyone exactly once, in order", async (sort) => {
    const rows = await all("all", sort);
    const count = (await conn.db.select({ n: sql<number>`count(*)::int` }).from(people))[0]!.n;
    expect(rows.length).toBe(count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);
    const expected = rowsOrdered(await conn.db.select().from(people), sort).map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it("filters: authorised, unauthorised, blocked, external, organisational", async () => {
    const everyone = await conn.db.select().from(people);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(ids(await all("authorised", "name"))).toEqual(ids(everyone.filter((p) => p.authorisedAt && !p.blocked)));
    expect(ids(await all("unauthorised", "name"))).toEqual(ids(everyone.filter((p) => !p.authorisedAt && !p.blocked)));
    expect(ids(await all("blocked", "email"))).toEqual(ids(everyone.filter((p) => p.blocked)));
    expect(ids(await all("external", "lastAccess"))).toEqual(ids(everyone.filter((p) => p.audience === "external")));
    expect(ids(await all("organisational", "name"))).toEqual(ids(everyone.filter((p) => p.audience === "organisational")));
    const statuses = new Set((await all("all", "name")).map((r) => r.status));
    expect(statuses).toEqual(new Set(["authorised", "unauthorised", "blocked"]));
  });

  // Both as planned and with only bitmap scans allowed, so the trigram indexes (migration search_trgm) must answer.
  it.each([
    ["as planned", false],
    ["through the trigram indexes", true],
  ])("search by name or e-mail, case-insensitive, wildcards literal, short terms too (%s)", async (_how, viaIndex) => {
    const found = (sort: "name" | "email" | "lastAccess", q: string, filter: "all" | "blocked" = "all") =>
      viaIndex ? withBitmapScansOnly(conn.db, (db) => all(filter, sort, q, db)) : all(filter, sort, q);
    const names = async (q: string) => (await found("name", q)).map((r) => r.name);
    expect(await names("nia newc")).toEqual(["Nia Newcomer"]);
    expect(await names("PARTNER@PEOPLE")).toEqual(["Pat Partner"]);
    expect(await names("%")).toEqual([]);
    expect(await names("n_a")).toEqual([]); // "_" is literal: not Nia
    expect(await names("ulk%")).toEqual([]);
    expect((await found("email", "bulk01")).length).toBe(10);
    expect((await found("lastAccess", "BULK01")).length).toBe(10);
    expect((await found("name", "person 12")).map((r) => r.name)).toEqual(["Bulk Person 121", "Bulk Person 122", "Bulk Person 123", "Bulk Person 124", "Bulk Person 125", "Bulk Person 126", "Bulk Person 127", "Bulk Person 128", "Bulk Person 129"]);
    expect((await found("name", "SAME", "blocked")).length).toBe(1); // of the 13 "Same Name", only bulk000 is blocked
    // Under 3 characters no trigram exists: still matched anywhere, in every sort and across pages.
    expect(await names("ea")).toEqual(["Bea Blocked"]);
    expect(await names("Q")).toEqual([]);
    expect(await names("ww")).toEqual([]);
    const everyone = await conn.db.select({ name: people.name, email: people.email }).from(people);
    expect((await found("email", "k1")).length).toBe(everyone.filter((p) => /k1/i.test(p.name) || /k1/i.test(p.email)).length);
    expect((await found("lastAccess", "w")).length).toBe(everyone.filter((p) => /w/i.test(p.name) || /w/i.test(p.email)).length);
  });

  it("a malformed cursor reads as the first page", async () => {
    const first = await listPeopleForAdmin(web(), { filter: "all", sort: "lastAccess", q: "" });
    const bad = await listPeopleForAdmin(web(), { filter: "all", sort: "lastAccess", q: "", after: "not-a-cursor" });
    expect(bad).toEqual(first);
  });
});

function rowsOrdered<T extends { id: string; name: string; email: string; lastAccessAt: Date | null }>(rows: T[], sort: "name" | "email" | "lastAccess"): T[] {
  const byId = (a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const c = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => {
    if (sort === "email") return c(a.email.toLowerCase(), b.email.toLowerCase());
    if (sort === "name") return c(a.name, b.name) || byId(a, b);
    const ta = a.lastAccessAt?.getTime() ?? -Infinity;
    const tb = b.lastAccessAt?.getTime() ?? -Infinity;
    return tb - ta || -byId(a, b);
  });
}

describe("M2: who a bulk welcome e-mail reaches", () => {
  it("never blocked people; never the webmaster themself; the review step says so", async () => {
    await signIn("web");
    const input = { personIds: [id.blocked!, id.newcomer!, id.web!], filter: "all" as const };
    const preview = await actions.previewWelcomeAction(input);
    expect(preview).toEqual({ ok: true, data: { count: 1, skipped: { blocked: 1, notAuthorised: 0, self: 1, missing: 0 } } });
    const sent = await actions.sendWelcomeAction(input);
    expect(sent).toMatchObject({ ok: true, data: { sent: 1, skipped: { blocked: 1, self: 1 } } });
    expect(await welcomeMailsTo("blocked")).toHaveLength(0);
    expect(await welcomeMailsTo("web")).toHaveLength(0);
    expect(await welcomeMailsTo("newcomer")).toHaveLength(1);
  });

  it("from the Authorised users filter: only authorised, unblocked people", async () => {
    await signIn("web");
    // newcomer is unauthorised (their link is unused), partner is authorised, blocked is blocked.
    const input = { personIds: [id.newcomer!, id.partner!, id.blocked!], filter: "authorised" as const };
    expect(await actions.previewWelcomeAction(input)).toEqual({ ok: true, data: { count: 1, skipped: { blocked: 1, notAuthorised: 1, self: 0, missing: 0 } } });
    const before = (await welcomeMailsTo("newcomer")).length;
    expect(await actions.sendWelcomeAction(input)).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(await welcomeMailsTo("newcomer")).toHaveLength(before);
    expect(await welcomeMailsTo("partner")).toHaveLength(1);
    expect(await welcomeMailsTo("blocked")).toHaveLength(0);
  });
});

describe("P3: welcome links", () => {
  it("the mail: one address, a plain-text part, a random token stored only as its hash; the account is unauthorised until the link is used", async () => {
    const [mail] = await welcomeMailsTo("partner");
    expect(mail!.toAddress).toBe(e("partner"));
    expect(mail!.text).toContain("Set your password");
    expect(WELCOME_LINK_DAYS).toBe(7);
    expect(mail!.text).toMatch(/works once, until \d{1,2} [A-Z][a-z]+ \d{4}/);
    const token = tokenOf(mail!);
    const links = await conn.db.select().from(welcomeLinks).where(eq(welcomeLinks.personId, id.partner!));
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).toBe(hashWelcomeToken(token));
    expect(JSON.stringify(links)).not.toContain(token);
    const audit = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "people.welcome.send"));
    expect(JSON.stringify(audit)).not.toContain(token);
    const p = await person("partner");
    expect(p.authorisedAt).toBeNull();
    expect(p.passwordHash).toBeNull(); // the old password no longer signs in
    expect(Math.abs(links[0]!.expiresAt.getTime() - links[0]!.createdAt.getTime() - 7 * 86_400_000)).toBeLessThan(1000);
  });

  it("a new welcome e-mail supersedes the older link; the newest link sets the password once", async () => {
    await signIn("web");
    const older = tokenOf((await welcomeMailsTo("newcomer"))[0]!);
    const sessionBefore = (await person("newcomer")).sessionsValidFrom;
    await actions.sendWelcomeAction({ personIds: [id.newcomer!], filter: "unauthorised" });
    const mails = await welcomeMailsTo("newcomer");
    const newest = tokenOf(mails[mails.length - 1]!);
    expect(newest).not.toBe(older);
    expect((await person("newcomer")).sessionsValidFrom.getTime()).toBeGreaterThanOrEqual(sessionBefore.getTime());

    signOut(); // the person following the link is not signed in
    const superseded = await completeWelcomeAction({ token: older, password: "a-good-password", confirm: "a-good-password" });
    expect(superseded).toEqual({ ok: false, formError: WELCOME_LINK_MESSAGES.superseded });
    expect((await person("newcomer")).passwordHash).toBeNull();

    const mismatch = await completeWelcomeAction({ token: newest, password: "a-good-password", confirm: "another" });
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirm: "Enter the same password twice" } });
    expect(await completeWelcomeAction({ token: newest, password: "short", confirm: "short" })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    // P3: one minimum everywhere (12), and no common or easily guessed password; the link stays usable.
    expect(await completeWelcomeAction({ token: newest, password: "eleven-char", confirm: "eleven-char" })).toEqual({
      ok: false,
      fieldErrors: { password: "Enter a password of at least 12 characters" },
    });
    for (const common of ["password1234", "Password123!"]) {
      expect(await completeWelcomeAction({ token: newest, password: common, confirm: common })).toEqual({ ok: false, fieldErrors: { password: WEAK_PASSWORD_MESSAGE } });
    }
    expect((await person("newcomer")).passwordHash).toBeNull();

    const done = await completeWelcomeAction({ token: newest, password: "a-good-password", confirm: "a-good-password" });
    expect(done).toEqual({ ok: true, data: { email: e("newcomer") } });
    const p = await person("newcomer");
    expect(p.authorisedAt).not.toBeNull();
    expect(p.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(p.passwordHash!, "a-good-password")).toBe(true);

    const again = await completeWelcomeAction({ token: newest, password: "other-password", confirm: "other-password" });
    expect(again).toEqual({ ok: false, formError: WELCOME_LINK_MESSAGES.used });
    expect(await verifyPassword((await person("newcomer")).passwordHash!, "a-good-password")).toBe(true);
    const trail = await conn.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(sql`${auditEvents.action} like 'people.welcome.%'`);
    expect(trail).toContainEqual({ action: "people.welcome.complete", actorId: id.newcomer });
    expect(trail.filter((t) => t.action === "people.welcome.refused").length).toBeGreaterThanOrEqual(2);
  });

  it("an expired link says so and changes nothing", async () => {
    const token = tokenOf((await welcomeMailsTo("partner"))[0]!);
    await conn.db.update(welcomeLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(welcomeLinks.tokenHash, hashWelcomeToken(token)));
    expect(await completeWelcomeAction({ token, password: "a-good-password", confirm: "a-good-password" })).toEqual({ ok: false, formError: WELCOME_LINK_MESSAGES.expired });
    expect((await person("partner")).authorisedAt).toBeNull();
    const unknown = await completeWelcomeAction({ token: "A".repeat(43), password: "a-good-password", confirm: "a-good-password" });
    expect(unknown).toEqual({ ok: false, formError: WELCOME_LINK_MESSAGES.unknown });
  });

  it("blocking ends the person's sessions at the next request; a blocked person's link cannot be used", async () => {
    await signIn("web");
    // Earlier tests may have ended staff's sessions moments ago (a welcome e-mail does):
    // start from sessions valid since an hour ago, so only the block can end this one.
    await conn.db.update(people).set({ sessionsValidFrom: new Date(Date.now() - 3_600_000) }).where(eq(people.id, id.staff!));
    const signedInAt = Date.now() - 1000;
    expect(await loadViewer(conn.db, { personId: id.staff!, signedInAt })).not.toBeNull();
    expect(await actions.setBlockedAction({ personIds: [id.staff!], blocked: true })).toEqual({ ok: true, data: { changed: 1 } });
    expect(await loadViewer(conn.db, { personId: id.staff!, signedInAt })).toBeNull();
    await actions.sendWelcomeAction({ personIds: [id.staff!], filter: "all" });
    expect(await welcomeMailsTo("staff")).toHaveLength(0); // M2
    expect(await actions.setBlockedAction({ personIds: [id.web!], blocked: true })).toMatchObject({ ok: false });
    expect((await person("web")).blocked).toBe(false);
    expect(await actions.setBlockedAction({ personIds: [id.staff!], blocked: false })).toEqual({ ok: true, data: { changed: 1 } });
    // The session from before the block stays ended.
    expect(await loadViewer(conn.db, { personId: id.staff!, signedInAt })).toBeNull();
    expect(await loadViewer(conn.db, { personId: id.staff!, signedInAt: Date.now() + 1000 })).not.toBeNull();
  });

  it("P3: no self-block, no own Webmaster role removed, and never zero active webmasters (the rules the import shares, lib/people/way-in.ts)", async () => {
    await signIn("web");
    expect(await actions.setBlockedAction({ personIds: [id.staff!, id.web!], blocked: true })).toEqual({
      ok: false,
      fieldErrors: { personIds: "You cannot block yourself: you would lose your own way in. Untick your own row." },
    });
    expect(await actions.updatePersonAction({ ...form({ email: e("web"), name: "Wen Web", roles: ["organisational"] }), personId: id.web! })).toEqual({
      ok: false,
      fieldErrors: { roles: "You cannot remove your own Webmaster role. Ask another webmaster." },
    });
    // The viewer's own account cannot sign in (never authorised): Wes is the only way in left.
    await conn.db.update(people).set({ authorisedAt: null }).where(eq(people.id, id.web!));
    try {
      await expectUnchanged([people], async () => {
        for (const result of [
          await actions.setBlockedAction({ personIds: [id.web2!], blocked: true }),
          await actions.updatePersonAction({ ...form({ email: e("web2"), name: "Wes Web", roles: ["organisational"] }), personId: id.web2! }),
        ]) {
          expect(result).toMatchObject({ ok: false, fieldErrors: expect.objectContaining({}) });
          expect(JSON.stringify(result)).toMatch(/no active webmaster/);
        }
      });
    } finally {
      await conn.db.update(people).set({ authorisedAt: new Date() }).where(eq(people.id, id.web!));
    }
  });
});

describe("M3, P2, M6: creating and editing people", () => {
  it("creates an unauthorised external person with a profile", async () => {
    await signIn("web");
    const [loc] = (await listLocationChoices(await asViewer("web"))).status === "ok" ? ((await listLocationChoices(await asViewer("web"))) as { locations: { id: number }[] }).locations : [];
    const result = await actions.createPersonAction(form({ mobile: "+44 7700 900123", locationId: String(loc!.id) }));
    expect(result.ok).toBe(true);
    const [p] = await conn.db.select().from(people).where(eq(people.email, e("quinn")));
    expect(p).toMatchObject({ name: "Quinn Quick", audience: "external", roles: [], mobile: "+447700900123", locationId: loc!.id, authorisedAt: null, passwordHash: null });
  });

  it("P2: External cannot be combined with another role (refused, nothing written); choosing External removes Webmaster", async () => {
    await signIn("web");
    await expectNothingChanged(async () => {
      const mixed = await actions.createPersonAction(form({ email: e("mixed"), roles: ["external", "webmaster"] }));
      expect(mixed).toMatchObject({ ok: false, fieldErrors: { roles: expect.stringContaining("External cannot be combined") } });
      const none = await actions.createPersonAction(form({ email: e("mixed"), roles: [] }));
      expect(none).toMatchObject({ ok: false, fieldErrors: { roles: expect.any(String) } });
      expect(await actions.updatePersonAction({ ...form({ email: e("web2"), name: "Wes Web", roles: ["external", "organisational"] }), personId: id.web2! })).toMatchObject({ ok: false });
    });

    const ok = await actions.updatePersonAction({ ...form({ email: e("web2"), name: "Wes Web", roles: ["external"] }), personId: id.web2! });
    expect(ok).toMatchObject({ ok: true, data: { accessChanged: true, emailChanged: false } });
    expect(await person("web2")).toMatchObject({ audience: "external", roles: [] });
  });

  it("duplicate e-mails are refused whatever their case", async () => {
    await signIn("web");
    await expectNothingChanged(async () => {
      expect(await actions.createPersonAction(form({ email: e("STAFF").toUpperCase() }))).toMatchObject({ ok: false, fieldErrors: { email: DUPLICATE_EMAIL_MESSAGE } });
      expect(await actions.updatePersonAction({ ...form({ email: e("partner"), name: "Sam Staff", roles: ["organisational"] }), personId: id.staff! })).toMatchObject({
        ok: false,
        fieldErrors: { email: DUPLICATE_EMAIL_MESSAGE },
      });
    });
  });

  it("changing someone's e-mail ends their sessions and their unused welcome links", async () => {
    await signIn("web");
    const quinn = (await conn.db.select().from(people).where(eq(people.email, e("quinn"))))[0]!;
    await actions.sendWelcomeAction({ personIds: [quinn.id], filter: "all" });
    const signedInAt = Date.now() + 5; // a session after the welcome
    await new Promise((r) => setTimeout(r, 20));
    await conn.db.update(people).set({ passwordHash: "x", authorisedAt: new Date() }).where(eq(people.id, quinn.id));
    expect(await loadViewer(conn.db, { personId: quinn.id, signedInAt })).not.toBeNull();
    const result = await actions.updatePersonAction({ ...form({ email: e("quinn.new") }), personId: quinn.id });
    expect(result).toMatchObject({ ok: true, data: { emailChanged: true } });
    expect(await loadViewer(conn.db, { personId: quinn.id, signedInAt })).toBeNull();
    const open = await conn.db.select().from(welcomeLinks).where(sql`${welcomeLinks.personId} = ${quinn.id} and used_at is null and superseded_at is null`);
    expect(open).toHaveLength(0);
  });

  it("M6: a mobile number used by someone else is refused only while mobile codes are on", async () => {
    await signIn("web");
    await conn.db.update(people).set({ mobile: "+447700900123" }).where(eq(people.id, id.partner!));
    await setMobileCodes(true);
    await expectNothingChanged(async () => {
      const dup = await actions.createPersonAction(form({ email: e("mob1"), mobile: "+44 (7700) 900-123" }));
      expect(dup).toMatchObject({ ok: false, fieldErrors: { mobile: DUPLICATE_MOBILE_MESSAGE } });
    });
    await setMobileCodes(false);
    expect(await actions.createPersonAction(form({ email: e("mob1"), mobile: "+44 (7700) 900-123" }))).toMatchObject({ ok: true });
  });

  it("every successful change is audited (M8)", async () => {
    const actionsSeen = new Set((await conn.db.select({ a: auditEvents.action }).from(auditEvents)).map((r) => r.a));
    for (const name of ["people.create", "people.update", "people.block", "people.welcome.send", "people.welcome.complete", "people.block.refused", "people.create.refused"]) {
      expect(actionsSeen, name).toContain(name);
    }
  });
});

describe("mail-address edge cases: mail only ever goes to the one intended address", () => {
  it.each([
    "a@people-admin.test, b@evil.example",
    "a@people-admin.test;b@evil.example",
    '"a,b"@people-admin.test',
    '"a@evil.example"@people-admin.test',
    "Name <a@people-admin.test>",
    "a@people-admin.test\r\nBcc: b@evil.example",
    "a@people-admin.test\nb@evil.example",
    "a(comment)@people-admin.test",
    "a%b@evil.example",
    "a!b@evil.example",
    "a@[127.0.0.1]",
    "a b@people-admin.test",
  ])("the person form refuses %j", (email) => {
    const parsed = personFields.safeParse(form({ email }));
    expect(parsed.success).toBe(false);
  });

  it("a stored address that is not one plain address gets no welcome e-mail, and the others still do", async () => {
    await signIn("web");
    const [odd] = await conn.db.insert(people).values({ email: `x@${D}, y@evil.example`, name: "Odd Address", audience: "external" }).returning();
    const [fine] = await conn.db.insert(people).values({ email: e("fine"), name: "Fine Address", audience: "external" }).returning();
    const result = await actions.sendWelcomeAction({ personIds: [odd!.id, fine!.id], filter: "all" });
    expect(result).toMatchObject({ ok: true, data: { sent: 1, skipped: { unusableAddress: 1 } } });
    const queued = await conn.db.select().from(outboxMessages).where(sql`${outboxMessages.recipientId} in (${odd!.id}, ${fine!.id})`);
    expect(queued.map((m) => m.toAddress)).toEqual([e("fine")]);
    expect((await conn.db.select().from(outboxMessages)).every((m) => !/[,;<>"\s]/.test(m.toAddress))).toBe(true);
  });
});
