/**
 * D2: GET /api/v1/locations and /api/v1/locations/{id} answer as the locations pages do, for
 * the token's person (P6, E4, E5): the same verdict for every person, switch setting and
 * location, the page functions' own locations, counts and people (the people only as the
 * people directory allows: the Users switch for external people, mayViewProfile for whom),
 * cursor pages that walk each whole list, clear 400s and 404s for bad input, refusals that say
 * nothing of the place, and answers that agree with the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { LocationsPage } from "@/lib/locations/queries";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getDirectory } = await import("@/app/api/v1/locations/route");
const { GET: getLocationRoute } = await import("@/app/api/v1/locations/[id]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { LOCATIONS_PAGE_SIZE, LOCATION_PEOPLE_PAGE_SIZE, listLocations, getLocation } = await import("@/lib/locations/queries");

const E = (local: string) => `${local}@api-locations.test`;
const CALLERS = ["web", "staff", "ext"] as const;
/** More places than a page of the directory, and more people at the depot than a page of a location's people. */
const PLACES = Array.from({ length: LOCATIONS_PAGE_SIZE + 2 }, (_, i) => ({ key: `place-${i}`, name: `Place ${String(i).padStart(2, "0")}` }));
const CREW = Array.from({ length: LOCATION_PEOPLE_PAGE_SIZE + 2 }, (_, i) => `Crew ${String(i).padStart(2, "0")}`);

const ORG = {
  locations: [{ key: "hall", name: "Town Hall", address: "1 High Street\nLeeds" }, { key: "depot", name: "Depot" }, ...PLACES],
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"], location: "hall" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational", location: "hall", jobTitle: "Planner" },
    { email: E("blocked"), name: "Blake Blocked", audience: "organisational", location: "hall", blocked: true },
    { email: E("ext"), name: "Xena Ext", audience: "external", location: "depot" },
    ...CREW.map((name, i) => ({ email: E(`crew-${i}`), name, audience: "organisational" as const, location: "depot" })),
  ],
  sections: [],
  settings: { externalAccess: { locations: false, users: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

/** Locations (the directory) and Users (the people there), each off and on. */
const SWITCHES = [
  { locations: false, users: false },
  { locations: false, users: true },
  { locations: true, users: false },
  { locations: true, users: true },
] as const;

let h: Harness;
const tokens = new Map<string, string>();
const loc = (key: string) => h.ids.locations.get(key)!;
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of CALLERS) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
});
afterAll(async () => h?.close());

async function setSwitches(value: Record<string, boolean>) {
  await h.db.insert(schema.settings).values({ key: "externalAccess", value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}

const directory = (who: string, query = "") => getDirectory(apiRequest(`/locations${query}`, tokens.get(who)!));
const location = (who: string, id: string, query = "") => getLocationRoute(apiRequest(`/locations/${id}${query}`, tokens.get(who)!), { params: Promise.resolve({ id }) });
const cursorQuery = (cursor: string | null, extra: Record<string, string> = {}) => `?${new URLSearchParams({ ...extra, ...(cursor ? { cursor } : {}) })}`;

interface ApiLocationCard {
  id: number;
  name: string;
  address: string | null;
  peopleCount: number | null;
}

/** Every page of the directory through the API, following `next`. */
async function walkDirectory(who: string, q?: string): Promise<ApiLocationCard[]> {
  const items: ApiLocationCard[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const response = await directory(who, cursorQuery(cursor, q ? { q } : {}));
    expect(response.status).toBe(200);
    const body = await response.json();
    items.push(...body.items);
    cursor = body.next;
    if (!cursor) return items;
  }
  throw new Error("the directory's pages never ended");
}

/** The same through the page's own listLocations. */
async function walkPage(who: string, q?: string) {
  const viewer = await viewerOf(E(who));
  const items = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: LocationsPage = (await listLocations(viewer, { q, after }))!;
    items.push(...page.locations);
    if (!page.next) return items;
    after = page.next;
  }
  throw new Error("the page's pages never ended");
}

/** Every person at a location through the API, following `people.next`. */
async function walkPeople(who: string, id: number): Promise<{ id: string; name: string }[]> {
  const items: { id: string; name: string }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const body = await (await location(who, String(id), cursorQuery(cursor))).json();
    items.push(...body.people.items);
    cursor = body.people.next;
    if (!cursor) return items;
  }
  throw new Error("the people pages never ended");
}

describe("D2: the locations directory through the API is its page's answer", () => {
  it("D2 P6 E5: every person, with each switch setting, gets the page's verdict and on 200 its own locations and counts, page after page", async () => {
    const check = documentValidator(openApiDocument());
    for (const switches of SWITCHES) {
      await setSwitches(switches);
      for (const who of CALLERS) {
        const label = `${who} with ${JSON.stringify(switches)}`;
        const page = await listLocations(await viewerOf(E(who)));
        const response = await directory(who);
        // The page: requireExternalApp("locations"), and listLocations' null, are 404.
        expect(response.status, label).toBe(page ? 200 : 404);
        const body = await response.json();
        if (!page) {
          expect(check("Problem", body)).toEqual([]);
          expect(JSON.stringify(body), label).not.toMatch(/Town Hall|Depot|Place/);
          continue;
        }
        expect(check("Locations", body), label).toEqual([]);
        expect(body.mayManage, label).toBe(page.mayManage);
        const [api, all] = await Promise.all([walkDirectory(who), walkPage(who)]);
        expect(api, label).toEqual(all.map(({ id, name, address, peopleCount }) => ({ id, name, address, peopleCount })));
      }
    }
  });

  it("D2 P6 E4 E5: the rules behind the verdicts — externals need Locations; the counts need Users and leave out whom the caller may not view", async () => {
    await setSwitches({ locations: false, users: true });
    expect((await directory("ext")).status).toBe(404);
    await setSwitches({ locations: true, users: false });
    const ext = await walkDirectory("ext");
    expect(ext.every((l) => l.peopleCount === null)).toBe(true);
    await setSwitches({ locations: true, users: true });
    expect((await walkDirectory("ext")).find((l) => l.name === "Town Hall")!.peopleCount).toBe(2);
    expect((await walkDirectory("staff")).find((l) => l.name === "Town Hall")!.peopleCount).toBe(2);
    // Webmasters view blocked people's profiles (E4), so count Blake too.
    expect((await walkDirectory("web")).find((l) => l.name === "Town Hall")!.peopleCount).toBe(3);
  });

  it("D2: the cursor walks every location once, and the search is the page's", async () => {
    await setSwitches({ locations: false, users: false });
    const first = await (await directory("staff")).json();
    expect(first.items).toHaveLength(LOCATIONS_PAGE_SIZE);
    const all = await walkDirectory("staff");
    expect(all).toHaveLength(ORG.locations.length);
    expect(new Set(all.map((l) => l.id)).size).toBe(all.length);
    expect(all.map((l) => l.name)).toEqual([...ORG.locations.map((l) => l.name)].sort());
    for (const q of ["hall", "leeds", "place 1", "50%", "nowhere"]) {
      expect((await walkDirectory("staff", q)).map((l) => l.id), q).toEqual((await walkPage("staff", q)).map((l) => l.id));
    }
    expect((await walkDirectory("staff", "leeds")).map((l) => l.name)).toEqual(["Town Hall"]);
  });

  it("D2: a bad query parameter is a 400 naming the field, and nothing is listed", async () => {
    const check = documentValidator(openApiDocument());
    for (const query of [`?q=${"x".repeat(101)}`, "?q=a%00b", "?q=a&q=b", `?cursor=${"c".repeat(2001)}`]) {
      const response = await directory("staff", query);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(check("Problem", body)).toEqual([]);
      expect(Object.keys(body.errors), query).toEqual([query.startsWith("?q") ? "q" : "cursor"]);
    }
  });
});

describe("D2: a location through the API is its page's answer", () => {
  it("D2 P6 E4 E5: every person × every location, with each switch setting, gets the page's verdict and on 200 its own place and people", async () => {
    const check = documentValidator(openApiDocument());
    const ids = [loc("hall"), loc("depot"), loc("place-0"), 999_999, 0];
    for (const switches of SWITCHES) {
      await setSwitches(switches);
      for (const who of CALLERS) {
        const viewer = await viewerOf(E(who));
        for (const id of ids) {
          const label = `${who} on ${id} with ${JSON.stringify(switches)}`;
          const page = await getLocation(viewer, id);
          const response = await location(who, String(id));
          expect(response.status, label).toBe(page.status === "ok" ? 200 : page.status === "forbidden" ? 403 : 404);
          const body = await response.json();
          if (page.status !== "ok") {
            expect(check("Problem", body), label).toEqual([]);
            expect(JSON.stringify(body), label).not.toMatch(/Town Hall|Depot|Place|High Street/);
            continue;
          }
          expect(check("Location", body), label).toEqual([]);
          const l = page.value;
          expect(body, label).toMatchObject({ id: l.id, name: l.name, address: l.address, mayManage: l.mayManage });
          if (l.people === null) {
            // The page has no "People here" without the Users switch: nor has the answer.
            expect(body.people, label).toBeNull();
          } else {
            expect(body.people.items.map((p: { id: string }) => p.id), label).toEqual(l.people.map((p) => p.id));
            expect(body.people.items.map((p: { jobTitle: string | null }) => p.jobTitle), label).toEqual(l.people.map((p) => p.jobTitle));
            expect(body.people.next === null, label).toBe(l.nextPeople === null);
          }
          // The version is the edit form's, which the page does not show.
          expect(body).not.toHaveProperty("version");
        }
      }
    }
  });

  it("D2 P6 E4 E5: the people there are the people directory's — with Users for externals, never a blocked person but to webmasters", async () => {
    await setSwitches({ locations: true, users: false });
    const bare = await (await location("ext", String(loc("hall")))).json();
    expect(bare.people).toBeNull();
    expect(JSON.stringify(bare)).not.toMatch(/Sam Staff|Wendy Web/);
    await setSwitches({ locations: true, users: true });
    expect((await walkPeople("ext", loc("hall"))).map((p) => p.name)).toEqual(["Sam Staff", "Wendy Web"]);
    expect((await walkPeople("staff", loc("hall"))).map((p) => p.name)).toEqual(["Sam Staff", "Wendy Web"]);
    expect((await walkPeople("web", loc("hall"))).map((p) => p.name)).toEqual(["Blake Blocked", "Sam Staff", "Wendy Web"]);
    await setSwitches({ locations: false, users: true });
    expect((await location("ext", String(loc("hall")))).status).toBe(404);
  });

  it("D2: the cursor walks everyone at a location once, as the page's pages do", async () => {
    await setSwitches({ locations: false, users: false });
    const first = await (await location("staff", String(loc("depot")))).json();
    expect(first.people.items).toHaveLength(LOCATION_PEOPLE_PAGE_SIZE);
    const everyone = await walkPeople("staff", loc("depot"));
    expect(everyone.map((p) => p.name)).toEqual([...CREW, "Xena Ext"]);
    expect(new Set(everyone.map((p) => p.id)).size).toBe(everyone.length);
    // A cursor that is not one reads as the first page.
    const forged = await (await location("staff", String(loc("depot")), "?cursor=forged")).json();
    expect(forged.people.items).toEqual(first.people.items);
  });

  it("D2: an id that cannot name a location is 404, a bad cursor 400, no token 401", async () => {
    for (const id of ["abc", "1.5", "-1", "99999999999", "2147483648", "%00"]) {
      expect((await location("staff", id)).status, id).toBe(404);
    }
    expect((await location("staff", String(loc("hall")), `?cursor=${"c".repeat(2001)}`)).status).toBe(400);
    expect((await getDirectory(apiRequest("/locations", null))).status).toBe(401);
    expect((await getLocationRoute(apiRequest("/locations/1", null), { params: Promise.resolve({ id: "1" }) })).status).toBe(401);
  });
});
