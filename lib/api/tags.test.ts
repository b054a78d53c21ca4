/**
 * D2 D7: GET /api/v1/tags and /tags/{tag} answer as /admin/tags (lib/tags/queries.ts
 * listTagUses) and a tag's page (lib/content/listings.ts listTagged, lib/tags/queries.ts
 * taggedOthers) do, for the token's person: webmasters only for the first; for a tag's page
 * only what the person may view, page by page, a tag on nothing they may view answering as a
 * tag nobody uses (G1: a secret group's tag does not leave it), and answers that agree with
 * the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET: listTagsRoute } = await import("@/app/api/v1/tags/route");
const { GET: getTagRoute } = await import("@/app/api/v1/tags/[tag]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { listTagged } = await import("@/lib/content/listings");
const { listTagUses, taggedOthers } = await import("@/lib/tags/queries");
const { tagListParams } = await import("@/lib/tags/admin-schemas");

const E = (local: string) => `${local}@api-tags.test`;
/** A webmaster, a section editor, staff, an external member of Partners, a secret group's member. */
const PEOPLE = ["web", "ed", "staff", "ext", "gm"] as const;
const at = (minutesAgo: number) => new Date(Date.UTC(2026, 2, 1, 12, 0) - minutesAgo * 60_000).toISOString();
const news = (i: number) => ({ key: `n${i}`, type: "news" as const, title: `Road works ${i}`, body: "<p>Works.</p>", section: "news", author: E("ed"), status: "published" as const, publishedAt: at(i), tags: ["Roads"] });
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("ed"), name: "Eddie Editor", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("gm"), name: "Gil Member", audience: "organisational" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: E("ed"), role: "editor" }] },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [E("ext")] },
  ],
  groups: [
    { slug: "cellar", name: "Cellar club", description: "", visibility: "secret", members: [{ person: E("gm"), admin: true }] },
    { slug: "choir", name: "Choir", description: "", visibility: "public", members: [{ person: E("gm"), admin: true }] },
  ],
  content: [
    ...Array.from({ length: 23 }, (_, i) => news(i)),
    { key: "partner", type: "news", title: "Partner roads", body: "<p>P.</p>", section: "partners", author: E("web"), status: "published", publishedAt: at(30), tags: ["roads"] },
    { key: "draft", type: "news", title: "Draft roads", body: "<p>D.</p>", section: "news", author: E("ed"), status: "draft", tags: ["roads"] },
    { key: "secret", type: "news", title: "Operation Falcon", body: "<p>Hush.</p>", group: "cellar", author: E("gm"), status: "published", publishedAt: at(40), tags: ["falcon", "roads"] },
  ],
  ideas: [{ title: "Salt bins on every road", description: "", author: E("staff"), status: "new", tags: ["roads"] }],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
const check = documentValidator(openApiDocument());

beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
  // G7: group files with tags (their bytes do not matter to a tag's page): one in the secret group, one in the public choir.
  await h.db.insert(schema.groupFiles).values([
    { groupId: h.ids.groups.get("cellar")!, name: "falcon-plan.pdf", tags: ["falcon"], uploaderId: h.person(E("gm")) },
    { groupId: h.ids.groups.get("choir")!, name: "road-songs.pdf", tags: ["roads"], uploaderId: h.person(E("gm")) },
  ]);
  // Enough tags in the vocabulary for more than one page of /admin/tags (50 a page).
  await h.db.insert(schema.tags).values(Array.from({ length: 60 }, (_, i) => ({ name: `bulk ${String(i).padStart(2, "0")}` }))).onConflictDoNothing();
});
afterAll(async () => h?.close());

const tagCall = (raw: string, who: string, query = "") => getTagRoute(apiRequest(`/tags/${raw}${query}`, tokens.get(who)!), { params: Promise.resolve({ tag: raw }) });
const listCall = (who: string, query = "") => listTagsRoute(apiRequest(`/tags${query}`, tokens.get(who)!));
const withCursor = (cursor: string | null) => (cursor ? `?cursor=${encodeURIComponent(cursor)}` : "");

describe("D2 D7: a tag's page through the API is the tag page's", () => {
  it("D2 D7 C4 G6: every person × every tag gets, page by page, the tag page's own items, ideas and files — and every item exactly once", async () => {
    for (const who of PEOPLE) {
      const viewer = await viewerOf(E(who));
      for (const [raw, tag] of [["roads", "roads"], ["Roads%20", "roads"], ["falcon", "falcon"], ["unused", "unused"]] as const) {
        const label = `${who} on ${raw}`;
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const response = await tagCall(raw, who, withCursor(cursor));
          expect(response.status, label).toBe(200);
          const body = await response.json();
          expect(check("TagPage", body), label).toEqual([]);
          const content = await listTagged(viewer, tag, cursor);
          const others = cursor ? null : await taggedOthers(viewer, tag);
          expect(body.tag).toBe(tag);
          expect(body.content.items.map((i: { id: string }) => i.id), label).toEqual(content.items.map((i) => i.id));
          expect(body.content.next).toBe(content.next);
          // Ideas and files come with the first page only, as on the tag page.
          expect(body.ideas, label).toEqual(others ? others.ideas.map((i) => ({ id: i.id, title: i.title, status: i.status, createdAt: i.createdAt.toISOString() })) : null);
          expect(body.files, label).toEqual(others ? others.files.map((f) => ({ id: f.id, name: f.name, updatedAt: f.updatedAt.toISOString(), group: f.group })) : null);
          seen.push(...body.content.items.map((i: { id: string }) => i.id));
          cursor = body.content.next;
          pages++;
        } while (cursor && pages < 10);
        // No duplicates or gaps: the pages together are the whole listing.
        expect(new Set(seen).size, label).toBe(seen.length);
        expect(seen, label).toEqual((await listTagged(viewer, tag, null, 1000)).items.map((i) => i.id));
      }
    }
  });

  it("D2 D7 C2 C3: the lists are the rules' — drafts never listed, Partners only to its member, the secret group's item and file only to its member, the public choir's file to all staff", async () => {
    const roads = async (who: string) => {
      const titles: string[] = [];
      let cursor: string | null = null;
      let first: { ideas: { title: string }[]; files: { name: string }[] } | null = null;
      do {
        const body = await (await tagCall("roads", who, withCursor(cursor))).json();
        first ??= body;
        titles.push(...body.content.items.map((i: { title: string }) => i.title));
        cursor = body.content.next;
      } while (cursor);
      return { titles, ideas: first!.ideas.map((i) => i.title), files: first!.files.map((f) => f.name) };
    };
    const staff = await roads("staff");
    expect(staff.titles).toHaveLength(23);
    expect(staff.titles).not.toContain("Draft roads");
    expect(staff.ideas).toEqual(["Salt bins on every road"]);
    expect(staff.files).toEqual(["road-songs.pdf"]);
    const ext = await roads("ext");
    // E4 E5: an external person sees neither ideas nor other groups' files by default.
    expect(ext).toEqual({ titles: ["Partner roads"], ideas: [], files: [] });
    const gm = await roads("gm");
    expect(gm.titles).toContain("Operation Falcon");
    expect(gm.titles).not.toContain("Partner roads");
  });

  it("D2 D7 G1: a tag used only in a secret group answers non-members exactly as a tag nobody uses", async () => {
    for (const who of ["staff", "ed", "ext"]) {
      const falcon = await (await tagCall("falcon", who)).text();
      const unused = await (await tagCall("unused", who)).text();
      expect(falcon.replace('"tag":"falcon"', '"tag":"unused"'), who).toBe(unused);
      expect(falcon).not.toMatch(/Operation|falcon-plan|Cellar/);
    }
    const forMember = await (await tagCall("falcon", "gm")).json();
    expect(forMember.content.items.map((i: { title: string }) => i.title)).toEqual(["Operation Falcon"]);
    expect(forMember.files.map((f: { name: string; group: unknown }) => [f.name, f.group])).toEqual([["falcon-plan.pdf", { slug: "cellar", name: "Cellar club" }]]);
  });

  it("D2 D7: an address that cannot name a tag is 404; a cursor that is not one reads as the first page", async () => {
    for (const raw of ["a%2Cb", "x".repeat(41), "%20%20", "%E0%A4%A"]) {
      const response = await tagCall(raw, "staff");
      expect(response.status, raw).toBe(404);
      expect(check("Problem", await response.json())).toEqual([]);
    }
    const first = await (await tagCall("roads", "staff")).json();
    const forged = await (await tagCall("roads", "staff", "?cursor=forged")).json();
    expect(forged.content.items).toEqual(first.content.items);
  });
});

describe("D2 D7: the tags in use through the API are /admin/tags', for webmasters only", () => {
  it("D2 D7: a webmaster walks every tag, page by page, as listTagUses gives them, once each; q narrows as on the page", async () => {
    const viewer = await viewerOf(E("web"));
    for (const q of ["", "bulk 1", "ROADS"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query = new URLSearchParams({ ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) }).toString();
        const response = await listCall("web", query ? `?${query}` : "");
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(check("TagUsePage", body)).toEqual([]);
        const page = await listTagUses(viewer, tagListParams.parse({ q, after: cursor ?? undefined }));
        expect(body).toEqual({ items: page!.tags, next: page!.next });
        seen.push(...body.items.map((t: { name: string }) => t.name));
        cursor = body.next;
        pages++;
      } while (cursor && pages < 10);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort());
      if (q === "") expect(seen).toHaveLength(62);
      if (q === "bulk 1") expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `bulk 1${i}`));
      if (q === "ROADS") expect(seen).toEqual(["roads"]);
    }
    // The counts are everything's, for the webmaster: drafts and the secret group included.
    const roads = (await (await listCall("web", "?q=roads")).json()).items[0];
    expect(roads).toEqual({ name: "roads", content: 26, ideas: 1, files: 1 });
  });

  it("D2 D7: everyone but webmasters is refused (403), as the page refuses them; a q longer than any tag is a 400 naming it", async () => {
    for (const who of ["ed", "staff", "ext", "gm"]) {
      const response = await listCall(who);
      expect(response.status, who).toBe(403);
      const text = await response.text();
      expect(check("Problem", JSON.parse(text))).toEqual([]);
      expect(text).not.toMatch(/roads|falcon|bulk/);
    }
    const bad = await listCall("web", `?q=${"x".repeat(161)}`);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors)).toEqual(["q"]);
  });
});
