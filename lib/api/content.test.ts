/**
 * D2: GET /api/v1/content/{id}, /content/{id}/versions and /content/{id}/versions/{number}
 * answer as the item page (lib/content/item.ts getContent) and the history page
 * (lib/content/authoring-queries.ts getContentHistory) do, for the token's person: the same
 * verdict (200, 403 or 404) for every person and item, the page's own values on 200, nothing
 * of a refused item in any byte, secret-group content told apart from nothing (C5), and
 * answers that agree with the OpenAPI document.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Lookup } from "@/lib/lookup";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: getItem } = await import("@/app/api/v1/content/[id]/route");
const { GET: getVersions } = await import("@/app/api/v1/content/[id]/versions/route");
const { GET: getVersion } = await import("@/app/api/v1/content/[id]/versions/[number]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { getContent } = await import("@/lib/content/item");
const { getContentHistory } = await import("@/lib/content/authoring-queries");

const E = (local: string) => `${local}@api-content.test`;
/** A webmaster, a section editor, staff, an external member of Partners, a member of restricted HR, a secret group's member. */
const PEOPLE = ["web", "ed", "staff", "ext", "hr", "gm"] as const;
const at = (day: number) => `2026-03-${String(day).padStart(2, "0")}T09:00:00Z`;
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("ed"), name: "Eddie Editor", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("hr"), name: "Hana Hr", audience: "organisational" },
    { email: E("gm"), name: "Gil Member", audience: "organisational" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: E("ed"), role: "editor" }] },
    { slug: "hr", title: "Personnel", parent: null, restricted: true, members: [E("hr")] },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [E("ext"), E("staff")] },
  ],
  groups: [{ slug: "cellar", name: "Cellar club", description: "", visibility: "secret", members: [{ person: E("gm"), admin: true }] }],
  content: [
    { key: "news", type: "news", title: "Gritters tonight", body: "<p>Roads are <strong>gritted</strong>.</p>", section: "news", author: E("ed"), status: "published", publishedAt: at(1), tags: ["Roads", "winter"] },
    { key: "draft", type: "news", title: "Unfinished memo", body: "<p>Not yet.</p>", section: "news", author: E("ed"), status: "draft" },
    { key: "event", type: "event", title: "Depot open day", body: "<p>Come along.</p>", section: "news", author: E("ed"), status: "published", publishedAt: at(2), startsAt: "2026-04-01T10:00:00Z", endsAt: "2026-04-01T12:00:00Z", place: "Depot" },
    { key: "hr", type: "policy", title: "Confidential pay scales", body: "<p>Scales.</p>", section: "hr", author: E("web"), status: "published", publishedAt: at(3) },
    { key: "shared", type: "page", title: "Claims for partners", body: "<p>How to claim.</p>", section: "hr", sharedInto: ["partners"], author: E("web"), status: "published", publishedAt: at(4) },
    { key: "poll", type: "poll", title: "Tea or coffee", body: "<p>Choose.</p>", section: "partners", author: E("web"), status: "published", publishedAt: at(5), options: ["Tea", "Coffee"] },
    { key: "secret", type: "news", title: "Cellar whispers", body: "<p>Hush.</p>", group: "cellar", author: E("gm"), status: "published", publishedAt: at(6) },
    { key: "secret-shared", type: "news", title: "Cellar notice", body: "<p>For all.</p>", group: "cellar", sharedInto: ["news"], author: E("gm"), status: "published", publishedAt: at(7) },
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

const ITEMS = ["news", "draft", "event", "hr", "shared", "poll", "secret", "secret-shared"] as const;
const UNKNOWN = "7d3f7a52-2c1e-4c1a-9a55-0b6f8e3c1d20";
/** Words of the refused items that must never appear in a refusal (C5). */
const SECRET_WORDS = /Gritters|Unfinished|Depot|Confidential|Scales|Claims|Tea or coffee|Cellar|Hush|Roads/;

let h: Harness;
const tokens = new Map<string, string>();
const check = documentValidator(openApiDocument());

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  // E3: staff voted for Tea; nobody else has voted.
  const [tea] = await h.db.select().from(schema.pollOptions).where(and(eq(schema.pollOptions.contentId, h.content("poll")), eq(schema.pollOptions.label, "Tea")));
  await h.db.insert(schema.pollVotes).values({ contentId: h.content("poll"), personId: h.person(E("staff")), optionId: tea!.id });
  // C1: three saved versions of the news item, one of the event (imports have none until changed).
  const news = h.content("news");
  await h.db.insert(schema.contentVersions).values([
    { contentId: news, version: 1, title: "Gritters tomorrow", body: "<p>Roads will be gritted.</p><script>alert(1)</script>", status: "draft", editorId: h.person(E("ed")), editorName: "Eddie Editor", savedAt: new Date(at(1)) },
    { contentId: news, version: 2, title: "Gritters tonight", body: "<p>Roads are gritted.</p>", status: "published", editorId: h.person(E("ed")), editorName: "Eddie Editor", savedAt: new Date(at(2)) },
    { contentId: news, version: 3, title: "Gritters tonight", body: "<p>Roads are <strong>gritted</strong>.</p>", status: "published", details: { tags: ["roads", "winter"] }, editorId: h.person(E("web")), editorName: "Wendy Web", savedAt: new Date(at(3)) },
    {
      contentId: h.content("event"),
      version: 1,
      title: "Depot open day",
      body: "<p>Come along.</p>",
      status: "published",
      details: { event: { startsAt: "2026-04-01T10:00:00.000Z", endsAt: "2026-04-01T12:00:00.000Z", place: "Depot" } },
      editorName: "Eddie Editor",
      savedAt: new Date(at(2)),
    },
  ]);
});
afterAll(async () => h?.close());

const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const item = (id: string, who: string, headers: Record<string, string> = {}) => {
  const request = apiRequest(`/content/${id}`, tokens.get(who)!);
  for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
  return getItem(request, context({ id }));
};
const versions = (id: string, who: string) => getVersions(apiRequest(`/content/${id}/versions`, tokens.get(who)!), context({ id }));
const version = (id: string, number: string, who: string) => getVersion(apiRequest(`/content/${id}/versions/${number}`, tokens.get(who)!), context({ id, number }));
const idOf = (key: string) => (key === "unknown" ? UNKNOWN : h.content(key));
const statusOf = (lookup: Lookup<unknown>) => (lookup.status === "ok" ? 200 : lookup.status === "forbidden" ? 403 : 404);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A refusal: the problem document of the document's schema, and not one byte of any item in it (C5). */
async function expectRefusal(response: Response, status: number, label: string) {
  expect(response.status, label).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const text = await response.text();
  expect(check("Problem", JSON.parse(text))).toEqual([]);
  expect(text, label).not.toMatch(SECRET_WORDS);
}

describe("D2: an item through the API is the item page's answer", () => {
  it("D2 C2 C5 G6: every person × every item gets getContent's verdict, and on 200 the page's own values", async () => {
    for (const who of PEOPLE) {
      const viewer = await viewerOf(E(who));
      for (const key of [...ITEMS, "unknown"]) {
        const label = `${who} on ${key}`;
        const page = await getContent(viewer, idOf(key));
        const response = await item(idOf(key), who);
        if (page.status !== "ok") {
          await expectRefusal(response, statusOf(page), label);
          continue;
        }
        expect(response.status, label).toBe(200);
        const body = await response.json();
        expect(check("ContentItem", body), label).toEqual([]);
        const v = page.value;
        // Field by field from the page's value: what the page shows, and only that.
        expect(body, label).toEqual({
          id: v.id,
          type: v.type,
          title: v.title,
          status: v.status,
          bodyHtml: v.bodyHtml,
          tags: v.tags,
          author: { id: v.authorRef.linked ? v.authorRef.id : null, name: v.authorRef.name },
          publishedAt: iso(v.publishedAt),
          updatedAt: v.updatedAt.toISOString(),
          event: v.event ? { startsAt: iso(v.event.startsAt), endsAt: iso(v.event.endsAt), place: v.event.place } : null,
          poll: v.poll ? { ...v.poll, closesAt: iso(v.poll.closesAt) } : null,
          homeSection: v.home,
          homeGroup: v.group,
          sharedInto: v.sharedInto.map((s) => ({ slug: s.slug, title: s.title, mayStopSharing: s.mayStopSharing })),
          version: v.version,
          permissions: {
            mayEdit: v.permissions.edit,
            mayPublish: v.permissions.publish,
            mayDelete: v.permissions.delete,
            mayViewHistory: v.permissions.history,
            mayShare: v.permissions.share,
            mayExplainAccess: v.mayExplainAccess,
          },
        });
      }
    }
  });

  it("D2 C2 C5 S4–S6 G1: the verdicts are the rules' — drafts for their editors, restricted items for members, secret-group content 404 to non-members", async () => {
    const statuses = async (key: string) => Object.fromEntries(await Promise.all(PEOPLE.map(async (who) => [who, (await item(idOf(key), who)).status])));
    expect(await statuses("news")).toEqual({ web: 200, ed: 200, staff: 200, ext: 403, hr: 200, gm: 200 });
    expect(await statuses("draft")).toEqual({ web: 200, ed: 200, staff: 403, ext: 403, hr: 403, gm: 403 });
    expect(await statuses("hr")).toEqual({ web: 200, ed: 403, staff: 403, ext: 403, hr: 200, gm: 403 });
    expect(await statuses("shared")).toEqual({ web: 200, ed: 403, staff: 200, ext: 200, hr: 200, gm: 403 });
    expect(await statuses("secret")).toEqual({ web: 200, ed: 404, staff: 404, ext: 404, hr: 404, gm: 200 });
    // Shared into News, a secret group's item is visible there (C2) without naming its group (G6); to
    // someone who may view neither, it is still secret-group content: 404, not 403 (C5).
    expect(await statuses("secret-shared")).toEqual({ web: 200, ed: 200, staff: 200, ext: 404, hr: 200, gm: 200 });
  });

  it("D2 C5 G1: secret-group content answers 404 byte for byte as an unknown id and an id that cannot be one", async () => {
    const answers = await Promise.all([item(h.content("secret"), "staff"), item(UNKNOWN, "staff"), item("not-an-id", "staff")]);
    // Every header but the rate limit's count of this caller's requests, which each request changes.
    const headersOf = (r: Response) => [...r.headers.entries()].filter(([name]) => !name.startsWith("ratelimit"));
    const seen = await Promise.all(answers.map(async (r) => ({ status: r.status, headers: headersOf(r), body: await r.text() })));
    expect(seen[0]!.status).toBe(404);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it("D2 C3 G6 P6: an item seen through a share names only what the caller may view, and links its author only where the caller may open profiles", async () => {
    const forExt = await (await item(h.content("shared"), "ext")).json();
    // Its home (restricted Personnel) is not named to a partner who sees it in Partners.
    expect(forExt.homeSection).toBeNull();
    expect(forExt.sharedInto).toEqual([{ slug: "partners", title: "Partners", mayStopSharing: false }]);
    expect(JSON.stringify(forExt)).not.toContain("Personnel");
    // E4: external people do not open profiles, so the byline carries no id.
    expect(forExt.author).toEqual({ id: null, name: "Wendy Web" });
    const forStaff = await (await item(h.content("shared"), "staff")).json();
    expect(forStaff.author).toEqual({ id: h.person(E("web")), name: "Wendy Web" });
    // The secret group's item, seen through News: no group named to a non-member, the group to its member.
    expect((await (await item(h.content("secret-shared"), "staff")).json()).homeGroup).toBeNull();
    expect((await (await item(h.content("secret-shared"), "gm")).json()).homeGroup).toEqual({ slug: "cellar", name: "Cellar club" });
  });

  it("D2 E3: a poll's votes go only to those who may see its results: the voter, webmasters; not an external member who has not voted", async () => {
    const forExt = (await (await item(h.content("poll"), "ext")).json()).poll;
    expect(forExt).toMatchObject({ totalVotes: 1, myVote: null, resultsVisible: false, resultsShown: "after_voting", closed: false });
    expect(forExt.options.map((o: { votes: unknown }) => o.votes)).toEqual([null, null]);
    const forStaff = (await (await item(h.content("poll"), "staff")).json()).poll;
    expect(forStaff.resultsVisible).toBe(true);
    expect(forStaff.options.map((o: { label: string; votes: number }) => [o.label, o.votes])).toEqual([["Tea", 1], ["Coffee", 0]]);
    expect(forStaff.myVote).toBe(forStaff.options[0].id);
    expect((await (await item(h.content("poll"), "web")).json()).poll.resultsVisible).toBe(true);
  });

  it("D2 C6: the body is sanitised on the way out, whatever is stored", async () => {
    await h.db.update(schema.content).set({ body: '<p onclick="steal()">Hello</p><script>alert(1)</script><img src="x" onerror="alert(2)">' }).where(eq(schema.content.id, h.content("event")));
    const body = (await (await item(h.content("event"), "staff")).json()).bodyHtml as string;
    expect(body).toContain("Hello");
    expect(body).not.toMatch(/script|onclick|onerror/i);
    // And it is the page's own sanitised text, not a second sanitiser's.
    const page = await getContent(await viewerOf(E("staff")), h.content("event"));
    expect(page.status === "ok" && page.value.bodyHtml).toBe(body);
  });

  it("D2 S7: the permissions are the page's controls — the section's editor may edit, staff may not", async () => {
    expect((await (await item(h.content("news"), "ed")).json()).permissions).toMatchObject({ mayEdit: true, mayPublish: true, mayViewHistory: true });
    expect((await (await item(h.content("news"), "staff")).json()).permissions).toEqual({
      mayEdit: false,
      mayPublish: false,
      mayDelete: false,
      mayViewHistory: false,
      mayShare: false,
      mayExplainAccess: false,
    });
  });

  it("D2: an unchanged item sent again with its ETag is 304 without a body; no token is 401", async () => {
    const first = await item(h.content("news"), "staff");
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const again = await item(h.content("news"), "staff", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const anonymous = await getItem(apiRequest(`/content/${h.content("news")}`, null), context({ id: h.content("news") }));
    expect(anonymous.status).toBe(401);
  });
});

describe("D2 C1: an item's versions through the API are the history page's", () => {
  it("D2 C1 C5: every person × every item gets getContentHistory's verdict for the list, and on 200 its versions", async () => {
    for (const who of PEOPLE) {
      const viewer = await viewerOf(E(who));
      for (const key of [...ITEMS, "unknown"]) {
        const label = `${who} on ${key}`;
        const page = await getContentHistory(viewer, idOf(key));
        const response = await versions(idOf(key), who);
        if (page.status !== "ok") {
          await expectRefusal(response, statusOf(page), label);
          continue;
        }
        expect(response.status, label).toBe(200);
        const body = await response.json();
        expect(check("ContentHistory", body), label).toEqual([]);
        expect(body, label).toEqual({
          id: page.value.id,
          title: page.value.title,
          homeSection: page.value.home,
          homeGroup: page.value.group,
          versions: page.value.versions.map((v) => ({ version: v.version, status: v.status, editorName: v.editorName, savedAt: v.savedAt.toISOString() })),
        });
      }
    }
  });

  it("D2 C1 S7: the history is for the item's editors: its section's editor and webmasters see it; staff who read the item are refused (403), as on the page", async () => {
    const list = await (await versions(h.content("news"), "ed")).json();
    expect(list.versions.map((v: { version: number; editorName: string }) => [v.version, v.editorName])).toEqual([
      [3, "Wendy Web"],
      [2, "Eddie Editor"],
      [1, "Eddie Editor"],
    ]);
    expect((await versions(h.content("news"), "web")).status).toBe(200);
    await expectRefusal(await versions(h.content("news"), "staff"), 403, "staff on news' history");
    // An item not changed since it was imported has no versions yet: an empty history, not an error.
    expect((await (await versions(h.content("draft"), "ed")).json()).versions).toEqual([]);
    // Secret-group content stays 404 to a non-member here too (C5).
    await expectRefusal(await versions(h.content("secret"), "ed"), 404, "ed on the secret item's history");
  });

  it("D2 C1 C5: every person × item × version number gets the history page's comparison of that version, 404 for a number it has no version of", async () => {
    for (const who of PEOPLE) {
      const viewer = await viewerOf(E(who));
      for (const key of [...ITEMS, "unknown"]) {
        for (const number of [1, 2, 3, 4]) {
          const label = `${who} on ${key} v${number}`;
          const page = await getContentHistory(viewer, idOf(key), number);
          const response = await version(idOf(key), String(number), who);
          if (page.status !== "ok") {
            await expectRefusal(response, statusOf(page), label);
            continue;
          }
          const compared = page.value.compared;
          if (!page.value.versions.some((v) => v.version === number)) {
            // The page would show its newest version instead; the API's address names nothing.
            await expectRefusal(response, 404, label);
            continue;
          }
          expect(response.status, label).toBe(200);
          const body = await response.json();
          expect(check("ContentVersion", body), label).toEqual([]);
          const snap = (s: NonNullable<typeof compared>["current"]) => ({
            version: s.version,
            status: s.status,
            editorName: s.editorName,
            savedAt: s.savedAt.toISOString(),
            title: s.title,
            bodyHtml: s.body,
            event: s.details.event ?? null,
            pollOptions: s.details.poll?.options ?? null,
          });
          expect(body, label).toEqual({ id: page.value.id, current: snap(compared!.current), previous: compared!.previous ? snap(compared!.previous) : null });
        }
      }
    }
  });

  it("D2 C1 C6: a version is the one asked for beside the one before it, its text sanitised; the first has none before it", async () => {
    const second = await (await version(h.content("news"), "2", "ed")).json();
    expect(second.current).toMatchObject({ version: 2, title: "Gritters tonight", status: "published" });
    expect(second.previous).toMatchObject({ version: 1, title: "Gritters tomorrow", status: "draft" });
    // Stored with a script: sanitised again on the way out (C6).
    expect(second.previous.bodyHtml).not.toContain("script");
    const first = await (await version(h.content("news"), "1", "ed")).json();
    expect(first.previous).toBeNull();
    const event = await (await version(h.content("event"), "1", "ed")).json();
    expect(event.current.event).toEqual({ startsAt: "2026-04-01T10:00:00.000Z", endsAt: "2026-04-01T12:00:00.000Z", place: "Depot" });
    expect(event.current.pollOptions).toBeNull();
  });

  it("D2 C5: a version number that cannot be one is 404, and a refused caller learns nothing of which numbers exist", async () => {
    for (const number of ["0", "01", "-1", "1.5", "abc", "9999999999"]) {
      await expectRefusal(await version(h.content("news"), number, "ed"), 404, `v${number}`);
    }
    // Staff may not see the history: 403 whether or not the version exists.
    const existing = await version(h.content("news"), "2", "staff");
    const missing = await version(h.content("news"), "40", "staff");
    expect(existing.status).toBe(403);
    expect(await existing.text()).toBe(await missing.text());
  });
});
