/**
 * D2: GET /api/v1/groups and /api/v1/groups/{slug} answer as the groups directory and the
 * group page do, for the token's person (G1, G3, G5, G6, E5, C5): the same verdict (200 or
 * 404) for every person and group, with the Groups switch off and on, the same groups, members,
 * content, drafts and files page by page; a secret group's 404 to a non-member is the very
 * answer an unknown address gets; bad query parameters are 400s naming the field; and every
 * answer agrees with the OpenAPI document.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getDirectory } = await import("@/app/api/v1/groups/route");
const { GET: getGroupRoute } = await import("@/app/api/v1/groups/[slug]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { getGroupPage, listGroups } = await import("@/lib/groups/queries");
const { groupDirectoryParams } = await import("@/lib/groups/directory-params");
const { mayPostInGroupAs } = await import("@/lib/access/group-roles");

const E = (local: string) => `${local}@api-groups.test`;
/** webmaster, the groups' admin, a member of all three, staff outside them, an external outsider, an external member of the private group, and someone invited to the secret one. */
const PEOPLE = ["web", "admin", "member", "staff", "ext", "extmember", "invitee"] as const;
type Who = (typeof PEOPLE)[number];
const GROUPS = ["g-public", "g-private", "g-secret", "no-such-group"] as const;
/** Words that name the private and secret groups: none may be in a refusal, or in anything shown to who may not see them. */
const SECRET_WORDS = /Secret squirrels|Invitation only|Private planners|By request/;
/** More than a directory page of public clubs (GROUP_PAGE_SIZE is 24), so the directory has several. */
const CLUBS = Array.from({ length: 30 }, (_, i) => `club-${String(i + 1).padStart(2, "0")}`);

const item = (key: string, group: string, extra: Partial<OrgFile["content"][number]> = {}): OrgFile["content"][number] => ({
  key, type: "news", title: `Item ${key}`, body: "<p>text</p>", group, author: E("admin"), status: "published",
  publishedAt: "2026-10-01T09:00:00Z", ...extra,
});
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("admin"), name: "Ada Admin", audience: "organisational" },
    { email: E("member"), name: "Mo Member", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("extmember"), name: "Xavi Partner", audience: "external" },
    { email: E("invitee"), name: "Ivy Invitee", audience: "organisational" },
  ],
  sections: [],
  content: [
    // More than a page (20) of published items in the public group, some at the same moment (the id breaks the tie).
    ...Array.from({ length: 23 }, (_, i) => item(`pub-${i}`, "g-public", { publishedAt: `2026-10-${String(1 + Math.floor(i / 2)).padStart(2, "0")}T09:00:00Z` })),
    item("pub-draft", "g-public", { status: "draft", publishedAt: undefined, author: E("member"), title: "Draft by Mo" }),
    item("priv-1", "g-private", { title: "Private plan" }),
    item("sec-1", "g-secret", { title: "Secret plan" }),
  ],
  groups: [
    {
      slug: "g-public", name: "Public pals", description: "Anyone may read.", visibility: "public",
      members: [{ person: E("admin"), admin: true }, { person: E("member") }],
    },
    {
      slug: "g-private", name: "Private planners", description: "By request.", visibility: "private",
      members: [{ person: E("admin"), admin: true }, { person: E("member") }, { person: E("extmember") }],
    },
    {
      slug: "g-secret", name: "Secret squirrels", description: "Invitation only.", visibility: "secret",
      members: [{ person: E("admin"), admin: true }, { person: E("member") }], invitations: [{ person: E("invitee"), invitedBy: E("admin") }],
    },
    ...CLUBS.map((slug, i) => ({ slug, name: `Club ${String(i + 1).padStart(2, "0")}`, description: "", visibility: "public" as const, members: [] })),
  ],
  settings: { externalAccess: { groups: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
const check = documentValidator(openApiDocument());

async function setGroupsSwitch(on: boolean) {
  await h.db
    .update(schema.settings)
    .set({ value: sql`${schema.settings.value} || jsonb_build_object('groups', ${on}::boolean)` })
    .where(eq(schema.settings.key, "externalAccess"));
}

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  // K4: the member follows the public and the secret group, so "following" is true for them there and false elsewhere.
  for (const slug of ["g-public", "g-secret"]) await h.db.insert(schema.follows).values({ personId: h.person(E("member")), groupId: h.ids.groups.get(slug)! });
});
afterAll(async () => h?.close());

const directory = (who: Who, query = "") => getDirectory(apiRequest(`/groups${query}`, tokens.get(who)!));
const group = (who: Who, slug: string, query = "") => getGroupRoute(apiRequest(`/groups/${encodeURIComponent(slug)}${query}`, tokens.get(who)!), { params: Promise.resolve({ slug }) });

/**
 * A whole response, for comparing refusals byte for byte: status, every header and the body.
 * Less the RateLimit-* headers, which count the token's own requests whatever they ask for
 * (lib/api/rate-limit.ts), so differ between any two requests of one token.
 */
const whole = async (r: Response) => ({ status: r.status, headers: [...r.headers.entries()].filter(([k]) => !k.startsWith("ratelimit-")).sort(), body: await r.text() });

/** Every card the API lists, following its cursors; each page checked against the document. */
async function walkDirectory(who: Who, params: string) {
  const cards: { id: number; slug: string }[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= 20; pages++) {
    const query: string = `?${params}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await directory(who, query);
    expect(response.status, `${who} ${query}`).toBe(200);
    const body = await response.json();
    expect(check("GroupPage", body)).toEqual([]);
    cards.push(...body.items);
    cursor = body.next;
    if (!cursor) return { cards, pages };
  }
  throw new Error("the directory never ended");
}

/** Every card listGroups gives the page, following its own cursors. */
async function walkPage(viewer: Viewer, raw: Record<string, string>) {
  const cards: unknown[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listGroups>> = await listGroups(viewer, groupDirectoryParams({ ...raw, ...(after ? { after } : {}) }, viewer));
    cards.push(...page.items);
    after = page.next;
  } while (after);
  return cards;
}

describe("D2: the groups directory through the API is the directory page's answer", () => {
  it("D2 G1 G3 E5: every person, with the Groups switch off and on, gets listGroups' own cards for every filter and search, page by page with no duplicates or gaps", async () => {
    try {
      for (const on of [false, true]) {
        await setGroupsSwitch(on);
        for (const who of PEOPLE) {
          const viewer = await viewerOf(E(who));
          const filters = viewer.isWebmaster ? ["all", "mine", "public", "private", "secret"] : ["all", "mine", "public", "private"];
          for (const raw of [...filters.map((filter) => ({ filter })), { filter: "all", q: "squirrel" }, { filter: "all", q: "club 1" }]) {
            const { cards } = await walkDirectory(who, new URLSearchParams(raw).toString());
            const expected = await walkPage(viewer, raw);
            // The very cards of the page's query, in its order: nothing added, nothing lost between pages.
            expect(cards, `${who} ${JSON.stringify(raw)}, switch ${on}`).toEqual(expected);
            expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
          }
        }
      }
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("D2 G1 G3 E5: the verdicts are the rules' — no secret group to staff, only their own groups to externals without the switch, all of them to the webmaster", async () => {
    const slugs = async (who: Who) => (await walkDirectory(who, "filter=all")).cards.map((c) => c.slug).filter((s) => s.startsWith("g-"));
    // The directory really is more than one page for staff, so the cursor was walked.
    expect((await walkDirectory("staff", "filter=all")).pages).toBeGreaterThan(1);
    expect(await slugs("staff")).toEqual(["g-private", "g-public"]);
    expect(await slugs("member")).toEqual(["g-private", "g-public", "g-secret"]);
    expect(await slugs("web")).toEqual(["g-private", "g-public", "g-secret"]);
    // An invitee sees the secret group's card, to answer the invitation (G1, G5).
    expect(await slugs("invitee")).toEqual(["g-private", "g-public", "g-secret"]);
    expect(await slugs("ext")).toEqual([]);
    expect(await slugs("extmember")).toEqual(["g-private"]);
    expect((await walkDirectory("ext", "filter=all")).cards).toEqual([]);
    // A search never finds a secret group for someone outside it (G1).
    const search = await (await directory("staff", "?q=squirrel")).json();
    expect(search.items).toEqual([]);
    expect(JSON.stringify(await (await directory("staff")).json())).not.toMatch(/Secret squirrels/);
    await setGroupsSwitch(true);
    try {
      expect(await slugs("ext")).toEqual(["g-private", "g-public"]);
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("D2 G1: Secret is a filter for webmasters only: anyone else is told so (400, errors.filter), not handed a different list", async () => {
    const refused = await directory("member", "?filter=secret");
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(check("Problem", body)).toEqual([]);
    expect(body.errors.filter).toMatch(/webmasters only.*mine/);
    const web = await (await directory("web", "?filter=secret")).json();
    expect(web.items.map((c: { slug: string }) => c.slug)).toEqual(["g-secret"]);
  });

  it("D2 Q3: a bad query parameter is a 400 naming the field, and nothing is listed", async () => {
    const cases: [string, string, RegExp][] = [
      ["?filter=everything", "filter", /Choose one of: all, mine, public, private, secret/],
      ["?filter=all&filter=mine", "filter", /Choose one of/],
      [`?q=${"a".repeat(101)}`, "q", /at most 100 characters/],
      ["?q=a%00b", "q", /control characters/],
      [`?cursor=${"c".repeat(2001)}`, "cursor", /./],
    ];
    for (const [query, field, message] of cases) {
      const response = await directory("staff", query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const body = await response.json();
      expect(check("Problem", body)).toEqual([]);
      expect(Object.keys(body.errors), query).toEqual([field]);
      expect(body.errors[field], query).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/Club|Public pals/);
    }
    // A cursor that is not one reads as the first page, as on the page.
    const first = await (await directory("staff")).json();
    expect(await (await directory("staff", "?cursor=forged")).json()).toEqual(first);
  });
});

describe("D2: a group through the API is the group page's answer", () => {
  it("D2 G1 G3 G5 G6 E5 C5: every person × every group, with the Groups switch off and on, gets getGroupPage's verdict, and on 200 its own values", async () => {
    try {
      for (const on of [false, true]) {
        await setGroupsSwitch(on);
        for (const who of PEOPLE) {
          const viewer = await viewerOf(E(who));
          for (const slug of GROUPS) {
            const page = await getGroupPage(viewer, slug);
            const response = await group(who, slug);
            const at = `${who} on ${slug}, switch ${on}`;
            expect(response.status, at).toBe(page.status === "ok" ? 200 : 404);
            const body = await response.json();
            if (page.status !== "ok") {
              expect(response.headers.get("content-type")).toBe("application/problem+json");
              expect(check("Problem", body)).toEqual([]);
              // Nothing of a group the person may not see, not even its name (C5).
              expect(JSON.stringify(body), at).not.toMatch(SECRET_WORDS);
              continue;
            }
            expect(check("Group", body), at).toEqual([]);
            const g = page.value;
            expect(body, at).toMatchObject({
              id: g.id, slug: g.slug, name: g.name, description: g.description, visibility: g.visibility, memberCount: g.memberCount,
              membership: g.membership, membershipState: g.membershipState, canManage: g.canManage, access: g.access,
              mayPost: mayPostInGroupAs(viewer, g.membership),
            });
            if (g.access === "summary") {
              // A summary: nothing the summary page does not show (G1, G6).
              expect(body, at).toMatchObject({ following: null, members: null, content: null, drafts: null, files: null });
              expect(JSON.stringify(body)).not.toMatch(/Item |Private plan\b|Secret plan\b|Mo Member|Ada Admin/);
              continue;
            }
            expect(body.following, at).toBe(who === "member" && (slug === "g-public" || slug === "g-secret"));
            // P6: a member's id only where the page links their name.
            expect(body.members, at).toEqual(g.members.map((m) => ({ id: m.linked ? m.id : null, name: m.name, isAdmin: m.isAdmin })));
            expect(body.content.items.map((i: { id: string }) => i.id), at).toEqual(g.content.items.map((i) => i.id));
            expect(body.content.next).toBe(g.content.next);
            expect(body.drafts.map((i: { id: string }) => i.id), at).toEqual(g.drafts.map((i) => i.id));
            expect(body.files.items.map((f: { id: string }) => f.id)).toEqual(g.files.files.map((f) => f.id));
            expect(body.files.mayUpload).toBe(g.files.mayUpload);
          }
        }
      }
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("D2 G1 G3 G6 E5: the verdicts are the rules' — a private group's summary to staff, 404 for the secret one; an external outsider sees nothing without the switch", async () => {
    const summary = await (await group("staff", "g-private")).json();
    expect(summary).toMatchObject({ name: "Private planners", description: "By request.", access: "summary", members: null, content: null });
    expect(summary.membershipState).toMatchObject({ state: "none", mayRequest: true, mayJoin: false });
    expect((await group("staff", "g-secret")).status).toBe(404);
    // The invitee sees the secret group's summary, to answer (G5), never its content (G6).
    expect(await (await group("invitee", "g-secret")).json()).toMatchObject({ access: "summary", membershipState: { state: "invited" }, content: null });
    expect((await group("ext", "g-public")).status).toBe(404);
    expect((await group("extmember", "g-private")).status).toBe(200);
    expect((await (await group("extmember", "g-private")).json()).content.items.map((i: { title: string }) => i.title)).toEqual(["Private plan"]);
    const secret = await (await group("member", "g-secret")).json();
    expect(secret.content.items.map((i: { title: string }) => i.title)).toEqual(["Secret plan"]);
    // Admins marked, admins first (G5).
    expect(secret.members.map((m: { name: string; isAdmin: boolean }) => [m.name, m.isAdmin])).toEqual([["Ada Admin", true], ["Mo Member", false]]);
    expect((await (await group("web", "g-secret")).json()).canManage).toBe(true);
    expect((await (await group("staff", "g-public")).json()).members[0]).toEqual({ id: h.person(E("admin")), name: "Ada Admin", isAdmin: true });
    await setGroupsSwitch(true);
    try {
      // With the switch, an external outsider reads the public group: its members' names, never a profile to open (E4, P6).
      const pub = await (await group("ext", "g-public")).json();
      expect(pub.access).toBe("full");
      expect(pub.members).toEqual([{ id: null, name: "Ada Admin", isAdmin: true }, { id: null, name: "Mo Member", isAdmin: false }]);
      expect((await (await group("ext", "g-private")).json()).access).toBe("summary");
      expect((await group("ext", "g-secret")).status).toBe(404);
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("D2 G6: drafts to their author and the group's admins only, on the first page", async () => {
    const drafts = async (who: Who) => (await (await group(who, "g-public")).json()).drafts.map((d: { title: string; status: string }) => `${d.title} ${d.status}`);
    expect(await drafts("member")).toEqual(["Draft by Mo draft"]);
    expect(await drafts("admin")).toEqual(["Draft by Mo draft"]);
    expect(await drafts("web")).toEqual(["Draft by Mo draft"]);
    expect(await drafts("staff")).toEqual([]);
  });

  it("D2 G6: the content comes a page at a time by the cursor, with no duplicates or gaps; a cursor that is not one reads as the first page", async () => {
    const first = await (await group("staff", "g-public")).json();
    expect(first.content.items).toHaveLength(20);
    const second = await (await group("staff", "g-public", `?cursor=${encodeURIComponent(first.content.next)}`)).json();
    expect(check("Group", second)).toEqual([]);
    expect(second.content.next).toBeNull();
    // With a cursor, as on the page, no drafts (they belong to the first page).
    expect((await (await group("member", "g-public", `?cursor=${encodeURIComponent(first.content.next)}`)).json()).drafts).toEqual([]);
    const ids = [...first.content.items, ...second.content.items].map((i: { id: string }) => i.id);
    const published = Array.from({ length: 23 }, (_, i) => h.content(`pub-${i}`));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...published].sort());
    const times = [...first.content.items, ...second.content.items].map((i: { publishedAt: string }) => Date.parse(i.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const forged = await (await group("staff", "g-public", "?cursor=forged")).json();
    expect(forged.content.items.map((i: { id: string }) => i.id)).toEqual(first.content.items.map((i: { id: string }) => i.id));
  });

  it("D2 C5 G1: a secret group's 404 to a non-member is byte for byte the 404 of an address no group has", async () => {
    const responses = await Promise.all([group("staff", "g-secret"), group("staff", "no-such-group"), group("ext", "g-secret"), group("ext", "g-private"), group("ext", "no-such-group")]);
    const [reference, ...others] = await Promise.all(responses.map(whole));
    expect(reference!.status).toBe(404);
    for (const other of others) expect(other).toEqual(reference);
    expect(reference!.body).not.toMatch(SECRET_WORDS);
    // And an address that cannot name a group (too long, a malformed escape) gets the same answer.
    for (const slug of ["x".repeat(201), "%E0%A4%A"]) {
      const r = await getGroupRoute(apiRequest(`/groups/${slug}`, tokens.get("staff")!), { params: Promise.resolve({ slug }) });
      expect(await whole(r)).toEqual(reference);
    }
  });

  it("D2: no token is a 401, and an unchanged answer asked again with its ETag is a 304", async () => {
    expect((await getGroupRoute(apiRequest("/groups/g-public", null), { params: Promise.resolve({ slug: "g-public" }) })).status).toBe(401);
    expect((await getDirectory(apiRequest("/groups", null))).status).toBe(401);
    const first = await group("member", "g-public");
    const again = await getGroupRoute(
      new Request("http://portico.test/api/v1/groups/g-public", { headers: { authorization: `Bearer ${tokens.get("member")}`, "if-none-match": first.headers.get("etag")! } }),
      { params: Promise.resolve({ slug: "g-public" }) },
    );
    expect(again.status).toBe(304);
  });
});
