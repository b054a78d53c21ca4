/**
 * The people directory and profile pages (P5 P6 E2 E4 E5 K4): the one search box by each
 * field, the filters, keyset pages in name order, who sees whom (organisational, external
 * with the Users switch off and on, blocked, webmaster), a profile's 404 for whoever may not
 * view it (answered as for an unknown id), the shown mobile, a person's published items as
 * the viewer may view them, names linked only where the profile may be opened (team
 * members, group members, bylines), and a team page's sections filtered by visibility.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, people, settings } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import type { SearchPlan } from "./directory-search";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";

const { listPeople, getProfile, listPersonContent, listDirectoryChoices, peopleDirectoryQuery, PEOPLE_PAGE_SIZE } = await import("./directory");
const { planSearch } = await import("./directory-search");
const { peopleDirectoryParams } = await import("./directory-params");
const { getTeamPage } = await import("@/lib/teams/queries");
const { getGroupPage } = await import("@/lib/groups/queries");
const { getContent } = await import("@/lib/content/item");
const { updateOwnProfileAction } = await import("./profile-actions");

const D = "people-dir.test";
const e = (name: string) => `${name}@${D}`;
/** More people than a page, in a team of their own, for paging: "Crew 00" … "Crew 29". */
const CREW = Array.from({ length: PEOPLE_PAGE_SIZE + 6 }, (_, i) => `Crew ${String(i).padStart(2, "0")}`);

const org: OrgFile = {
  teams: [
    { key: "ops", name: "Operations", parent: null },
    { key: "north", name: "North Depot", parent: "ops" },
    { key: "crew", name: "Night crew", parent: null },
    { key: "partners", name: "Partner agencies", parent: null },
    // Three and four levels down: the team filter offers the upper three levels only.
    { key: "yard", name: "Yard team", parent: "north" },
    { key: "gate", name: "Gate crew", parent: "yard" },
  ],
  locations: [
    { key: "leeds", name: "Leeds Harbour Office" },
    { key: "york", name: "York Yard" },
  ],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("ada"), name: "Ada Archer", audience: "organisational", teams: ["ops"], location: "leeds" },
    { email: e("bo"), name: "Bo Baker", audience: "organisational", teams: ["north"], location: "york", mobile: "+44 7700 900123" },
    { email: e("cy"), name: "Cy Cole", audience: "organisational" },
    { email: e("ext"), name: "Xena External", audience: "external", teams: ["partners"], teamAdmin: ["partners"] },
    { email: e("ext2"), name: "Xavi Other", audience: "external", teams: ["partners"] },
    { email: e("blocked"), name: "Blake Blocked", audience: "organisational", teams: ["ops"], blocked: true },
    ...CREW.map((name, i) => ({ email: e(`crew-${i}`), name, audience: "organisational" as const, teams: ["crew"] })),
  ],
  sections: [
    { slug: "open", title: "Open news", parent: null, restricted: false },
    { slug: "north-only", title: "North only", parent: null, restricted: true, teams: [{ team: "north", includeChildren: false }] },
    { slug: "ops-tree", title: "Ops and below", parent: null, restricted: false, teams: [{ team: "ops", includeChildren: true }] },
  ],
  content: [
    { key: "bo-open", type: "news", title: "Bo writes openly", body: "<p>x</p>", section: "open", author: e("bo"), status: "published", publishedAt: "2026-10-01T09:00:00Z" },
    { key: "bo-north", type: "news", title: "Bo writes for North", body: "<p>x</p>", section: "north-only", author: e("bo"), status: "published", publishedAt: "2026-10-02T09:00:00Z" },
    { key: "bo-draft", type: "news", title: "Bo drafts", body: "<p>x</p>", section: "open", author: e("bo"), status: "draft" },
    { key: "blocked-item", type: "news", title: "By the blocked", body: "<p>x</p>", section: "open", author: e("blocked"), status: "published", publishedAt: "2026-10-03T09:00:00Z" },
  ],
  groups: [
    { slug: "club", name: "Club", description: "", visibility: "public", members: [{ person: e("ada"), admin: true }, { person: e("ext") }, { person: e("blocked") }] },
  ],
  settings: { externalAccess: { users: false, teams: false, groups: true } },
};

let h: Harness;
const id = (name: string) => h.person(e(name));
const viewer = (name: string) => viewerOf(e(name));
const params = (raw: Record<string, string> = {}, who: { audience: "organisational" | "external"; isWebmaster: boolean } = { audience: "organisational", isWebmaster: false }) =>
  peopleDirectoryParams(raw, who);

async function setUsers(on: boolean) {
  await h.db.execute(sql`update ${settings} set value = jsonb_set(value, '{users}', ${on ? "true" : "false"}::jsonb) where key = 'externalAccess'`);
}

/** Everyone the directory lists for a viewer, all pages followed. */
async function everyone(name: string, raw: Record<string, string> = {}): Promise<string[]> {
  const v = await viewer(name);
  const names: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page = await listPeople(v, { ...params(raw, v), after });
    names.push(...page.items.map((p) => p.name));
    if (!page.next) break;
    after = page.next;
  }
  return names;
}

beforeAll(async () => {
  h = await createHarness(org);
  await h.db.update(people).set({ jobTitle: "Harbour pilot", organisation: "Marine Services" }).where(eq(people.id, id("ada")));
  await h.db.update(people).set({ jobTitle: "Forklift driver", workPhone: "+44 20 7946 0001" }).where(eq(people.id, id("bo")));
  await h.db.update(people).set({ organisation: "Volunteer Partners Ltd" }).where(eq(people.id, id("ext")));
});
afterAll(async () => h?.close());

describe("the directory's search, filters and pages (P6)", () => {
  const search = async (q: string) => (await everyone("cy", { q })).filter((n) => !n.startsWith("Crew"));

  it("one box finds by name, job title, team, location, department or organisation; case-insensitive, substring, wildcards literal", async () => {
    expect(await search("ARCH")).toEqual(["Ada Archer"]); // name
    expect(await search("forklift")).toEqual(["Bo Baker"]); // job title
    expect(await search("marine serv")).toEqual(["Ada Archer"]); // department
    expect(await search("volunteer partners")).toEqual(["Xena External"]); // organisation
    expect(await search("partner agen")).toEqual(["Xavi Other", "Xena External"]); // team
    expect(await search("north dep")).toEqual(["Bo Baker"]); // team
    expect(await search("harbour")).toEqual(["Ada Archer"]); // location ("Leeds Harbour Office") and job title alike, once
    expect(await search("york yard")).toEqual(["Bo Baker"]); // location
    expect(await search("%")).toEqual([]);
    expect(await search("nobody at all")).toEqual([]);
    expect((await everyone("cy", { q: "night crew" })).length).toBe(CREW.length);
  });

  it("filters by team (with the teams below it), location and audience; unknown values read as any", async () => {
    expect(await everyone("cy", { team: "ops" })).toEqual(["Ada Archer", "Bo Baker"]); // North is below Operations; the blocked member is not listed
    expect(await everyone("cy", { team: "north" })).toEqual(["Bo Baker"]);
    expect(await everyone("cy", { location: "leeds" })).toEqual(["Ada Archer"]);
    expect(await everyone("cy", { audience: "external" })).toEqual(["Xavi Other", "Xena External"]);
    expect(await everyone("cy", { team: "ops", q: "forklift" })).toEqual(["Bo Baker"]);
    expect(params({ audience: "nonsense", team: "x\u0000y" })).toMatchObject({ audience: "all", team: null });
    // An external person is not offered the audience filter: it reads as everyone.
    expect(params({ audience: "external" }, { audience: "external", isWebmaster: false }).audience).toBe("all");
    expect(params({ q: "x".repeat(101) }).searchError).toMatch(/at most 100/);
  });

  it("a broad search (walking the name order, testing each person) finds exactly what a narrow one (its matches read by id and sorted) finds", async () => {
    const v = await viewer("cy");
    const names = async (plan: SearchPlan) => (await peopleDirectoryQuery(h.db, v, { team: null, location: null, audience: "all", after: null }, 100, plan)).map((r) => r.name);
    for (const q of ["ARCH", "forklift", "marine serv", "volunteer partners", "partner agen", "north dep", "harbour", "york yard", "%", "nobody at all", "night crew", "crew 2"]) {
      const narrow = await planSearch(h.db, q);
      expect(narrow.kind, q).toBe("ids");
      expect(await names({ kind: "walk", text: q }), q).toEqual(await names(narrow));
    }
    // Thirty of the crew match "night crew" by their team: more than ten is a broad search.
    expect(await planSearch(h.db, "night crew", 10)).toEqual({ kind: "walk", text: "night crew" });
  });

  it("keyset pages in name order: every person once, none skipped; a tampered cursor reads as the first page", async () => {
    const v = await viewer("cy");
    const first = await listPeople(v, params({ team: "crew" }));
    expect(first.items.map((p) => p.name)).toEqual(CREW.slice(0, PEOPLE_PAGE_SIZE));
    expect(first.next).not.toBeNull();
    const second = await listPeople(v, { ...params({ team: "crew" }), after: first.next });
    expect(second.items.map((p) => p.name)).toEqual(CREW.slice(PEOPLE_PAGE_SIZE));
    expect(second.next).toBeNull();
    expect((await listPeople(v, { ...params({ team: "crew" }), after: "not-a-cursor" })).items[0]!.name).toBe("Crew 00");
  });

  it("cards carry the photo id, job title, teams (linked when the viewer may open teams), location and work phone", async () => {
    const [bo] = (await listPeople(await viewer("cy"), params({ q: "forklift" }))).items;
    expect(bo).toMatchObject({ name: "Bo Baker", jobTitle: "Forklift driver", workPhone: "+44 20 7946 0001", location: { key: "york", name: "York Yard" }, teams: [{ key: "north", name: "North Depot", linked: true }], teamCount: 1 });
    expect(bo).not.toHaveProperty("mobile");
  });
});

describe("who sees whom (E4 E5)", () => {
  it("organisational people see every unblocked person; webmasters the blocked too", async () => {
    const names = await everyone("cy");
    expect(names).toContain("Xena External");
    expect(names).not.toContain("Blake Blocked");
    expect(names.length).toBe(6 + CREW.length); // everyone but the blocked one (Cy included)
    expect(await everyone("web")).toContain("Blake Blocked");
    expect((await everyone("web", { q: "blake" })).length).toBe(1);
  });

  it("external people: with the Users switch off, no one else's profile (the page itself is 404: requireExternalApp); on, as staff do", async () => {
    expect(await everyone("ext2")).toEqual(["Xavi Other"]); // only their own (the page would not be shown at all)
    expect((await getProfile(await viewer("ext2"), id("ada"))).status).toBe("not-found");
    expect((await getProfile(await viewer("ext2"), id("ext2"))).status).toBe("ok"); // E2: one's own
    await setUsers(true);
    try {
      expect(await everyone("ext2")).toEqual(await everyone("cy"));
      expect((await getProfile(await viewer("ext2"), id("ada"))).status).toBe("ok");
      expect((await getProfile(await viewer("ext2"), id("blocked"))).status).toBe("not-found");
      // The team filter offers only teams an external person may see (E5 Teams switch is off).
      expect((await listDirectoryChoices(await viewer("ext2"))).teams).toEqual([]);
    } finally {
      await setUsers(false);
    }
    expect((await listDirectoryChoices(await viewer("cy"))).teams.map((t) => t.key)).toEqual(["crew", "north", "ops", "partners", "yard"]);
  });

  it("the team filter offers the upper three levels of the tree, and a deeper team once it is the one chosen", async () => {
    const cy = await viewer("cy");
    expect((await listDirectoryChoices(cy)).teams.map((t) => t.key)).not.toContain("gate");
    expect((await listDirectoryChoices(cy, "gate")).teams.map((t) => t.key)).toEqual(["gate", "crew", "north", "ops", "partners", "yard"]);
  });

  it("a profile one may not view answers exactly as an unknown id does", async () => {
    const asCy = await viewer("cy");
    const refused = await getProfile(asCy, id("blocked"));
    expect(refused).toEqual(await getProfile(asCy, "00000000-0000-4000-8000-000000000000"));
    expect(refused).toEqual(await getProfile(asCy, "not-a-uuid"));
    expect(refused).toEqual({ status: "not-found" });
    expect((await getProfile(await viewer("web"), id("blocked"))).status).toBe("ok");
  });
});

describe("a profile page (P6 K4)", () => {
  it("shows the mobile only when the person chose to, and offers Follow to others, never on one's own", async () => {
    const asCy = await viewer("cy");
    const bo = await getProfile(asCy, id("bo"));
    expect(bo.status === "ok" && bo.value).toMatchObject({ name: "Bo Baker", mobile: null, isSelf: false, mayFollow: true, following: false });
    await h.db.update(people).set({ showMobile: true }).where(eq(people.id, id("bo")));
    const shown = await getProfile(asCy, id("bo"));
    expect(shown.status === "ok" && shown.value.mobile).toBe("+44 7700 900123");
    const own = await getProfile(asCy, id("cy"));
    expect(own.status === "ok" && own.value).toMatchObject({ isSelf: true, mayFollow: false });
  });

  it("the own-profile form's choice: 'Show my mobile number on my profile' is saved and audited; bad input changes nothing", async () => {
    await signInAs(e("ada"));
    try {
      const base = { name: "Ada Archer", jobTitle: "Harbour pilot", workPhone: "", mobile: "", about: "", password: "" };
      expect(await updateOwnProfileAction({ ...base, showMobile: true })).toEqual({ ok: true, data: { changed: ["showMobile"] } });
      const [row] = await h.db.select({ showMobile: people.showMobile }).from(people).where(eq(people.id, id("ada")));
      expect(row!.showMobile).toBe(true);
      const [audit] = await h.db
        .select({ details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "profile.update"), eq(auditEvents.actorId, id("ada"))))
        .orderBy(desc(auditEvents.at))
        .limit(1);
      expect(audit?.details).toMatchObject({ changed: ["showMobile"] });
      // Left out (an older form): unchanged.
      expect(await updateOwnProfileAction(base)).toEqual({ ok: true, data: { changed: [] } });
      const refused = await expectUnchanged([people], () => updateOwnProfileAction({ ...base, showMobile: "yes" }));
      expect(refused.ok).toBe(false);
    } finally {
      signOut();
    }
  });

  it("lists the person's published items the viewer can view, never drafts, in keyset pages", async () => {
    const titles = async (name: string) => (await listPersonContent(await viewer(name), id("bo"))).items.map((i) => i.title);
    expect(await titles("cy")).toEqual(["Bo writes openly"]); // North only is restricted; the draft is Bo's alone
    expect(await titles("bo")).toEqual(["Bo writes for North", "Bo writes openly"]);
    const page = await listPersonContent(await viewer("bo"), id("bo"), null, 1);
    expect(page.items.length).toBe(1);
    const rest = await listPersonContent(await viewer("bo"), id("bo"), page.next, 1);
    expect([...page.items, ...rest.items].map((i) => i.title).sort()).toEqual(["Bo writes for North", "Bo writes openly"]);
  });
});

describe("names link to profiles only where the profile may be opened (P6)", () => {
  it("team members: photo and link for those the viewer may view; a blocked member's name is not linked", async () => {
    const page = await getTeamPage(await viewer("cy"), "ops");
    expect(page.status).toBe("ok");
    if (page.status !== "ok") return;
    expect(page.value.members.map((m) => [m.name, m.linked])).toEqual([
      ["Ada Archer", true],
      ["Blake Blocked", false],
    ]);
    // An external team admin (P5) sees the other members' names linked only with the Users switch (E4 E5); their own always.
    const members = async () => {
      const asExt = await getTeamPage(await viewer("ext"), "partners");
      return asExt.status === "ok" ? asExt.value.members.map((m) => [m.name, m.linked, m.imageId === null]) : asExt.status;
    };
    expect(await members()).toEqual([
      ["Xena External", true, true],
      ["Xavi Other", false, true],
    ]);
    await setUsers(true);
    try {
      expect((await members())[1]).toEqual(["Xavi Other", true, true]);
    } finally {
      await setUsers(false);
    }
  });

  it("group members and the byline on an item", async () => {
    const asExt = await getGroupPage(await viewer("ext"), "club");
    expect(asExt.status === "ok" && asExt.value.access === "full" && asExt.value.members.map((m) => [m.name, m.linked])).toEqual([
      ["Ada Archer", false],
      ["Blake Blocked", false],
      ["Xena External", true],
    ]);
    const asCy = await getGroupPage(await viewer("cy"), "club");
    expect(asCy.status === "ok" && asCy.value.access === "full" && asCy.value.members.map((m) => m.linked)).toEqual([true, false, true]);

    const item = await getContent(await viewer("cy"), h.content("bo-open"));
    expect(item.status === "ok" && item.value.authorRef).toEqual({ id: id("bo"), name: "Bo Baker", linked: true });
    const byBlocked = await getContent(await viewer("cy"), h.content("blocked-item"));
    expect(byBlocked.status === "ok" && byBlocked.value.authorRef.linked).toBe(false);
    expect((await getContent(await viewer("web"), h.content("blocked-item"))).status === "ok").toBe(true);
  });
});

describe("a team page's sections (S2)", () => {
  it("lists the sections the team gives access to that the viewer may view, for everyone, never the others", async () => {
    const slugs = async (name: string, team: string) => {
      const page = await getTeamPage(await viewer(name), team);
      return page.status === "ok" ? page.value.grantsSections.map((s) => s.slug) : page.status;
    };
    expect(await slugs("cy", "north")).toEqual(["ops-tree"]); // North only is restricted and Cy is not in North
    expect(await slugs("bo", "north")).toEqual(["north-only", "ops-tree"]);
    expect(await slugs("cy", "ops")).toEqual(["ops-tree"]);
    expect(await slugs("cy", "crew")).toEqual([]);
    expect(await slugs("web", "north")).toEqual(["north-only", "ops-tree"]);
  });
});
