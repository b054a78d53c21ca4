/**
 * D2: GET /api/v1/people and /api/v1/people/{id} answer as the people directory and the
 * profile page do, for the token's person (P6, E2, E4, E5): the same verdict for every person,
 * switch and target, the page functions' own people and fields (and only the fields the pages
 * show: a team's key only where the page links the team, a location's id only where it links
 * the location, the mobile only while its owner shows it), cursor pages that walk the whole
 * list, clear 400s for bad parameters, refusals that say nothing of what they refuse, and
 * answers that agree with the OpenAPI document.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getDirectory } = await import("@/app/api/v1/people/route");
const { GET: getPersonRoute } = await import("@/app/api/v1/people/[id]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { externalMayUse } = await import("@/lib/access/external-access");
const { listPeople, listDirectoryChoices, getProfile, listPersonContent, PEOPLE_PAGE_SIZE, PROFILE_CONTENT_PAGE_SIZE } = await import("@/lib/people/directory");
const { peopleDirectoryParams } = await import("@/lib/people/directory-params");

const E = (local: string) => `${local}@api-people.test`;
/** Everyone with a token: a webmaster, staff, and external people (one a team administrator). */
const CALLERS = ["web", "staff", "bo", "ext", "extadmin"] as const;
/** Profiles asked for: the callers, a blocked person (webmasters only), and an id nobody has. */
const NOBODY = randomUUID();
const TARGETS = [...CALLERS, "blocked", "nobody"] as const;
/** More people than a directory page, so its paging is exercised. */
const CREW = Array.from({ length: PEOPLE_PAGE_SIZE }, (_, i) => `Crew ${String(i).padStart(2, "0")}`);
/** Bo's published items in an open section: more than a profile page of them. */
const BO_OPEN = PROFILE_CONTENT_PAGE_SIZE + 3;

const ORG = {
  teams: [
    { key: "ops", name: "Operations", parent: null },
    { key: "north", name: "North Depot", parent: "ops" },
    { key: "yard", name: "Yard team", parent: "north" },
    { key: "partners", name: "Partner agencies", parent: null },
  ],
  locations: [
    { key: "hall", name: "Town Hall" },
    { key: "depot", name: "Depot" },
  ],
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"], location: "hall" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational", teams: ["ops"], location: "hall", mobile: "+44 7700 900111", showMobile: true, jobTitle: "Planner", about: "Plans things." },
    { email: E("bo"), name: "Bo Baker", audience: "organisational", teams: ["north"], location: "depot", mobile: "+44 7700 900222", jobTitle: "Driver" },
    { email: E("ext"), name: "Xena Ext", audience: "external", teams: ["partners"], organisation: "Agency Ltd" },
    { email: E("extadmin"), name: "Xavi Admin", audience: "external", teams: ["partners"], teamAdmin: ["partners"] },
    { email: E("blocked"), name: "Blake Blocked", audience: "organisational", teams: ["ops"], blocked: true },
    ...CREW.map((name, i) => ({ email: E(`crew-${i}`), name, audience: "organisational" as const, teams: ["yard"], location: "depot" })),
  ],
  sections: [
    { slug: "open", title: "Open news", parent: null, restricted: false },
    { slug: "north-only", title: "North only", parent: null, restricted: true, teams: [{ team: "north", includeChildren: false }] },
  ],
  content: [
    ...Array.from({ length: BO_OPEN }, (_, i) => ({
      key: `bo-${i}`, type: "news" as const, title: `Bo open ${i}`, body: "<p>x</p>", section: "open", author: E("bo"), status: "published" as const,
      publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    })),
    { key: "bo-north", type: "news", title: "Bo for North", body: "<p>x</p>", section: "north-only", author: E("bo"), status: "published", publishedAt: "2026-02-01T09:00:00Z" },
    { key: "bo-draft", type: "news", title: "Bo drafts", body: "<p>x</p>", section: "open", author: E("bo"), status: "draft" },
  ],
  settings: { externalAccess: { users: false, teams: false, locations: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

/** The External user access switches the people endpoints depend on: none, Users alone, and all three. */
const SWITCHES = [
  { users: false, teams: false, locations: false },
  { users: true, teams: false, locations: false },
  { users: true, teams: true, locations: true },
] as const;

let h: Harness;
const tokens = new Map<string, string>();
const idOf = (who: (typeof TARGETS)[number]) => (who === "nobody" ? NOBODY : h.person(E(who)));
const nameOf = (who: string) => ORG.people.find((p) => p.email === E(who))?.name ?? "";

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of CALLERS) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  // A profile image for Sam, so the answers' image addresses are exercised (the column names an upload; no file is needed to list it).
  await h.db.update(schema.people).set({ imageId: randomUUID() }).where(eq(schema.people.id, h.person(E("staff"))));
});
afterAll(async () => h?.close());

async function setSwitches(value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key: "externalAccess", value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}

const directory = (who: string, query = "") => getDirectory(apiRequest(`/people${query}`, tokens.get(who)!));
const profile = (who: string, id: string, query = "") => getPersonRoute(apiRequest(`/people/${id}${query}`, tokens.get(who)!), { params: Promise.resolve({ id }) });

interface ApiCard {
  id: string;
  name: string;
  teams: { key: string | null; name: string }[];
  location: { id: number | null; name: string } | null;
  [field: string]: unknown;
}

/** Every page of the directory through the API, following `next`; fails on a page that is not 200. */
async function walkApi(who: string, query: Record<string, string> = {}): Promise<ApiCard[]> {
  const items: ApiCard[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const response = await directory(who, `?${params}`);
    expect(response.status, `${who} ${params}`).toBe(200);
    const body = (await response.json()) as { items: ApiCard[]; next: string | null };
    items.push(...body.items);
    cursor = body.next;
    if (!cursor) return items;
  }
  throw new Error("the directory's pages never ended");
}

/** The same list as the page reads it: its own parameters, then listPeople page by page. */
async function walkPage(viewer: Viewer, raw: Record<string, string> = {}) {
  const items = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await listPeople(viewer, { ...peopleDirectoryParams(raw, viewer), after });
    items.push(...page.items);
    if (!page.next) return items;
    after = page.next;
  }
  throw new Error("the page's pages never ended");
}

describe("D2: the people directory through the API is the directory page's answer", () => {
  it("D2 P6 E4 E5: every person, with each switch setting, gets the page's verdict and on 200 its own people and fields, page after page", async () => {
    const check = documentValidator(openApiDocument());
    const everyName = ORG.people.map((p) => p.name);
    for (const switches of SWITCHES) {
      await setSwitches(switches);
      for (const who of CALLERS) {
        const viewer = await viewerOf(E(who));
        const label = `${who} with ${JSON.stringify(switches)}`;
        // The page's guard: requireExternalApp("users") is externalMayUse, refused as 404.
        if (!(await externalMayUse(viewer, "users"))) {
          const response = await directory(who);
          expect(response.status, label).toBe(404);
          const body = await response.json();
          expect(check("Problem", body)).toEqual([]);
          // Absent, not a half page: not one person's name.
          for (const name of everyName) expect(JSON.stringify(body)).not.toContain(name);
          continue;
        }
        const first = await directory(who);
        expect(first.status, label).toBe(200);
        expect(check("PeopleDirectory", await first.json()), label).toEqual([]);

        const [api, page, choices, locationsLinked] = await Promise.all([walkApi(who), walkPage(viewer), listDirectoryChoices(viewer), externalMayUse(viewer, "locations")]);
        expect(api.map((p) => p.id), label).toEqual(page.map((p) => p.id));
        for (const [i, card] of page.entries()) {
          const answer = api[i]!;
          expect(answer, `${label}: ${card.name}`).toMatchObject({
            name: card.name, email: card.email, audience: card.audience, blocked: card.blocked, jobTitle: card.jobTitle,
            organisation: card.organisation, workPhone: card.workPhone, teamCount: card.teamCount,
          });
          // A team's key only where the page links the team (P5, E5); a location's id only for those who may use Locations (E5).
          expect(answer.teams).toEqual(card.teams.map((t) => ({ key: t.linked ? t.key : null, name: t.name })));
          expect(answer.location).toEqual(card.location ? { id: locationsLinked ? card.location.id : null, name: card.location.name } : null);
          expect(answer.image === null).toBe(card.imageId === null);
          // Nothing the card does not show: no mobile, no "about".
          expect(answer).not.toHaveProperty("mobile");
          expect(answer).not.toHaveProperty("about");
        }
        const body = await (await directory(who)).json();
        expect(body.filters).toEqual({ teams: choices.teams, locations: choices.locations });
      }
    }
  });

  it("D2 E4 E5: the rules behind the verdicts — blocked people for webmasters only; externals only with Users; unlinked teams and locations keep their names only", async () => {
    await setSwitches({ users: false, teams: false, locations: false });
    expect((await directory("ext")).status).toBe(404);
    expect((await directory("extadmin")).status).toBe(404);
    expect((await walkApi("web")).map((p) => p.name)).toContain("Blake Blocked");
    expect((await walkApi("staff")).map((p) => p.name)).not.toContain("Blake Blocked");

    await setSwitches({ users: true, teams: false, locations: false });
    const seen = await walkApi("ext");
    expect(seen.map((p) => p.name)).toContain("Sam Staff");
    expect(seen.map((p) => p.name)).not.toContain("Blake Blocked");
    const sam = seen.find((p) => p.name === "Sam Staff")!;
    // Without the Teams and Locations switches the page names Sam's team and place but links neither.
    expect(sam.teams).toEqual([{ key: null, name: "Operations" }]);
    expect(sam.location).toEqual({ id: null, name: "Town Hall" });
    // Xavi administers Partner agencies, so he may open it (P5) while Xena may not.
    expect((await walkApi("extadmin")).find((p) => p.name === "Xena Ext")!.teams).toEqual([{ key: "partners", name: "Partner agencies" }]);
    expect(seen.find((p) => p.name === "Xena Ext")!.teams).toEqual([{ key: null, name: "Partner agencies" }]);

    const asStaff = (await walkApi("staff")).find((p) => p.name === "Sam Staff")!;
    expect(asStaff.teams).toEqual([{ key: "ops", name: "Operations" }]);
    expect(asStaff.location).toEqual({ id: h.ids.locations.get("hall"), name: "Town Hall" });
  });

  it("D2 P5 P6: q, team, location and audience filter as the page's do (a team includes the teams below it)", async () => {
    await setSwitches({ users: true, teams: true, locations: true });
    const cases: [string, Record<string, string>][] = [
      ["staff", { q: "crew" }],
      ["staff", { team: "ops" }],
      ["staff", { team: "north", location: "depot" }],
      ["web", { audience: "external" }],
      ["web", { audience: "organisational", q: "baker" }],
      ["staff", { location: "hall", team: "" }],
      ["ext", { q: "Xavi" }],
    ];
    for (const [who, raw] of cases) {
      const api = await walkApi(who, raw);
      expect(api.map((p) => p.id), `${who} ${JSON.stringify(raw)}`).toEqual((await walkPage(await viewerOf(E(who)), raw)).map((p) => p.id));
    }
    // And the filters do narrow: Ops holds Sam, the blocked Blake (not listed to staff), North's Bo and the Yard crew below it.
    const ops = await walkApi("staff", { team: "ops" });
    expect(ops.map((p) => p.name)).toEqual(["Bo Baker", ...CREW, "Sam Staff"]);
    expect((await walkApi("web", { audience: "external" })).map((p) => p.name)).toEqual(["Xavi Admin", "Xena Ext"]);
  });

  it("D2: the cursor walks the whole directory a page at a time, with no person twice and nobody left out", async () => {
    await setSwitches({ users: false, teams: false, locations: false });
    const viewer = await viewerOf(E("web"));
    const first = await (await directory("web")).json();
    expect(first.items).toHaveLength(PEOPLE_PAGE_SIZE);
    expect(first.next).toEqual(expect.any(String));
    const all = await walkApi("web");
    // Everyone at once, by the page's own query with a page big enough for all.
    const everyone = await listPeople(viewer, { ...peopleDirectoryParams({}, viewer), after: null }, 1000);
    expect(everyone.next).toBeNull();
    expect(all.map((p) => p.id)).toEqual(everyone.items.map((p) => p.id));
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(all).toHaveLength(ORG.people.length);
    // A cursor that is not one reads as the first page, as on the page.
    const forged = await (await directory("web", "?cursor=forged")).json();
    expect(forged.items.map((p: ApiCard) => p.id)).toEqual(first.items.map((p: ApiCard) => p.id));
  });

  it("D2: a bad query parameter is a 400 naming the field, and nothing is listed", async () => {
    await setSwitches({ users: true, teams: false, locations: false });
    const check = documentValidator(openApiDocument());
    const bad: [string, string, string][] = [
      ["staff", `?q=${"x".repeat(101)}`, "q"],
      ["staff", "?q=a%01b", "q"],
      ["staff", "?q=one&q=two", "q"],
      ["staff", "?audience=everyone", "audience"],
      ["staff", `?team=${"t".repeat(101)}`, "team"],
      ["staff", "?team=no-such-team", "team"],
      ["staff", "?location=no-such-place", "location"],
      // The page offers external people no audience filter (P6): asking for one is not silently ignored.
      ["ext", "?audience=external", "audience"],
    ];
    for (const [who, query, field] of bad) {
      const response = await directory(who, query);
      expect(response.status, `${who} ${query}`).toBe(400);
      const body = await response.json();
      expect(check("Problem", body)).toEqual([]);
      expect(Object.keys(body.errors), `${who} ${query}`).toEqual([field]);
      expect(body).not.toHaveProperty("items");
    }
    // "all" is what the page reads for an external person anyway: allowed.
    expect((await directory("ext", "?audience=all")).status).toBe(200);
  });

  it("D2 P5 E5: a team the caller may not see answers exactly as a team that does not exist, so the filter tells nothing about it", async () => {
    await setSwitches({ users: true, teams: false, locations: false });
    const hidden = await directory("ext", "?team=ops");
    const unknown = await directory("ext", "?team=no-such-team");
    expect(hidden.status).toBe(400);
    expect(await hidden.json()).toEqual(await unknown.json());
    // Xavi administers Partner agencies (P5): he filters by it; staff filter by any team.
    expect((await walkApi("extadmin", { team: "partners" })).map((p) => p.name)).toEqual(["Xavi Admin", "Xena Ext"]);
    expect((await directory("staff", "?team=ops")).status).toBe(200);
  });
});

describe("D2: a profile through the API is the profile page's answer", () => {
  it("D2 P6 E2 E4 E5: every person × every profile, with each switch setting, gets the page's verdict and on 200 its own fields and items", async () => {
    const check = documentValidator(openApiDocument());
    for (const switches of SWITCHES) {
      await setSwitches(switches);
      for (const who of CALLERS) {
        const viewer = await viewerOf(E(who));
        const locationsLinked = await externalMayUse(viewer, "locations");
        for (const target of TARGETS) {
          const id = idOf(target);
          const label = `${who} → ${target} with ${JSON.stringify(switches)}`;
          const page = await getProfile(viewer, id);
          const response = await profile(who, id);
          expect(response.status, label).toBe(page.status === "ok" ? 200 : page.status === "forbidden" ? 403 : 404);
          const body = await response.json();
          if (page.status !== "ok") {
            expect(check("Problem", body), label).toEqual([]);
            // Answered as for an unknown id: not a byte of the person (E4).
            if (target !== "nobody") {
              expect(JSON.stringify(body), label).not.toContain(nameOf(target));
              expect(JSON.stringify(body), label).not.toContain(E(target));
            }
            continue;
          }
          expect(check("Profile", body), label).toEqual([]);
          const p = page.value;
          expect(body, label).toMatchObject({
            id: p.id, name: p.name, email: p.email, audience: p.audience, blocked: p.blocked, jobTitle: p.jobTitle, organisation: p.organisation,
            workPhone: p.workPhone, mobile: p.mobile, about: p.about, isSelf: p.isSelf, following: p.following, mayFollow: p.mayFollow,
          });
          expect(body.teams).toEqual(p.teams.map((t) => ({ key: t.linked ? t.key : null, name: t.name })));
          expect(body.location).toEqual(p.location ? { id: locationsLinked ? p.location.id : null, name: p.location.name } : null);
          const content = await listPersonContent(viewer, p.id, null);
          expect(body.content.items.map((i: { id: string }) => i.id), label).toEqual(content.items.map((i) => i.id));
          expect(body.content.next === null).toBe(content.next === null);
        }
      }
    }
  });

  it("D2 P6 E2 E4: the rules behind the verdicts — one's own profile always, others' only with Users for externals, blocked people for webmasters", async () => {
    await setSwitches({ users: false, teams: false, locations: false });
    expect((await profile("ext", idOf("ext"))).status).toBe(200);
    expect((await profile("ext", idOf("staff"))).status).toBe(404);
    expect((await profile("staff", idOf("blocked"))).status).toBe(404);
    expect((await profile("web", idOf("blocked"))).status).toBe(200);
    await setSwitches({ users: true, teams: false, locations: false });
    expect((await profile("ext", idOf("staff"))).status).toBe(200);
    expect((await profile("ext", idOf("blocked"))).status).toBe(404);
  });

  it("D2 P6: the mobile only while its owner shows it — to nobody, themselves included, otherwise", async () => {
    await setSwitches({ users: true, teams: true, locations: true });
    for (const who of CALLERS) {
      expect((await (await profile(who, idOf("staff"))).json()).mobile, who).toBe("+44 7700 900111");
      expect((await (await profile(who, idOf("bo"))).json()).mobile, who).toBeNull();
    }
    // Not anywhere in the answer either.
    expect(JSON.stringify(await (await profile("web", idOf("bo"))).json())).not.toContain("900222");
    expect(JSON.stringify(await walkApi("web"))).not.toMatch(/900111|900222/);
  });

  it("D2 C2 C4 S6: a person's items page by page by the cursor, only those the caller may view: no draft, North's item for North only, none for an external non-member", async () => {
    await setSwitches({ users: true, teams: false, locations: false });
    const walk = async (who: string) => {
      const titles: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const body = await (await profile(who, idOf("bo"), cursor ? `?cursor=${encodeURIComponent(cursor)}` : "")).json();
        expect(body.content.items.length).toBeLessThanOrEqual(PROFILE_CONTENT_PAGE_SIZE);
        titles.push(...body.content.items.map((i: { title: string }) => i.title));
        cursor = body.content.next;
        if (!cursor) return titles;
      }
      throw new Error("the profile's pages never ended");
    };
    const open = Array.from({ length: BO_OPEN }, (_, i) => `Bo open ${i}`);
    for (const [who, expected] of [
      ["staff", open],
      // An external person views only the sections they are members of (S6): a profile they may open lists nothing of Bo's.
      ["ext", []],
      ["bo", ["Bo for North", ...open]],
    ] as const) {
      const titles = await walk(who);
      expect([...titles].sort(), who).toEqual([...expected].sort());
      expect(new Set(titles).size).toBe(titles.length);
      // The page's own order, all pages at once.
      const all = await listPersonContent(await viewerOf(E(who)), idOf("bo"), null, 100);
      expect(titles).toEqual(all.items.map((i) => i.title));
    }
  });

  it("D2: an id that cannot name anyone, and no token, are clear refusals", async () => {
    expect((await profile("staff", "not-a-uuid")).status).toBe(404);
    expect((await profile("staff", NOBODY)).status).toBe(404);
    expect((await getPersonRoute(apiRequest(`/people/${idOf("staff")}`, null), { params: Promise.resolve({ id: idOf("staff") }) })).status).toBe(401);
    expect((await getDirectory(apiRequest("/people", null))).status).toBe(401);
    expect((await profile("staff", idOf("bo"), `?cursor=${"c".repeat(2001)}`)).status).toBe(400);
  });
});
