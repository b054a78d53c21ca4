/**
 * D2: GET /api/v1/sections/{slug} answers as the section page does, for the token's person:
 * the same verdict (200, 403 or 404) for every person and section, the same items page by
 * page, a moved section's new address only to those who may view it (C5), and answers that
 * agree with the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, authoriseEveryone, documentValidator } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { GET } = await import("@/app/api/v1/sections/[slug]/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { getSection } = await import("@/lib/sections/queries");

const E = (local: string) => `${local}@api-sections.test`;
const PEOPLE = ["web", "staff", "hr", "ext", "partner"] as const;
const item = (key: string, section: string, minutesAgo: number, sharedInto: string[] = []) => ({
  key, type: "news" as const, title: `Item ${key}`, body: "<p>Body</p>", section, sharedInto, author: E("web"), status: "published" as const,
  publishedAt: new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000).toISOString(),
});
const ORG = {
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("hr"), name: "Hana Hr", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
    { email: E("partner"), name: "Pat Partner", audience: "external" },
  ],
  sections: [
    { slug: "news", title: "News", parent: null, restricted: false },
    { slug: "hr", title: "HR", parent: null, restricted: true, members: [E("hr")], roles: [{ person: E("hr"), role: "editor" }] },
    { slug: "hr-cases", title: "HR cases", parent: "hr", restricted: false },
    { slug: "partners", title: "Partners", parent: null, restricted: true, members: [E("partner"), E("staff")] },
  ],
  content: [
    ...Array.from({ length: 23 }, (_, i) => item(`n${i}`, "news", i)),
    item("h0", "hr", 1, ["partners"]),
    item("c0", "hr-cases", 2),
  ],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const p of PEOPLE) tokens.set(p, (await makeToken(h.db, h.person(E(p)), { name: "Test", days: 7, scope: "read" })).token);
});
afterAll(async () => h?.close());

const call = (slug: string, who: string, query = "") => GET(apiRequest(`/sections/${slug}${query}`, tokens.get(who)!), { params: Promise.resolve({ slug }) });

describe("D2: a section through the API is the section page's answer", () => {
  it("D2 S4–S7 C5: every person × every section gets the page's verdict, and on 200 the page's own section and items", async () => {
    const check = documentValidator(openApiDocument());
    for (const who of PEOPLE) {
      const viewer = await viewerOf(E(who));
      for (const slug of ["news", "hr", "hr-cases", "partners", "no-such-section"]) {
        const page = await getSection(viewer, slug, { content: { cursor: null } });
        const response = await call(slug, who);
        const expected = page.status === "ok" ? 200 : page.status === "forbidden" ? 403 : 404;
        expect(response.status, `${who} on ${slug}`).toBe(expected);
        const body = await response.json();
        if (page.status !== "ok") {
          expect(response.headers.get("content-type")).toBe("application/problem+json");
          expect(check("Problem", body)).toEqual([]);
          // Nothing of a section the person may not view, not even its title (C5).
          expect(JSON.stringify(body)).not.toMatch(/HR|Partners/);
          continue;
        }
        expect(check("Section", body), `${who} on ${slug}`).toEqual([]);
        expect(body).toMatchObject({ slug, title: page.value.title, roles: page.value.rolesHeld });
        expect(body.children.map((c: { slug: string }) => c.slug)).toEqual(page.value.children.map((c) => c.slug));
        expect(body.breadcrumbs.map((c: { slug: string }) => c.slug)).toEqual(page.value.breadcrumbs.map((c) => c.slug));
        expect(body.content.items.map((i: { id: string }) => i.id)).toEqual(page.value.content!.items.map((i) => i.id));
      }
    }
  });

  it("D2 C3: the verdicts are the rules' — HR's editor sees it and its items, staff and external people do not; a partner reads the shared item", async () => {
    expect((await call("hr", "hr")).status).toBe(200);
    expect((await (await call("hr", "hr")).json()).roles).toEqual(["editor"]);
    expect((await call("hr", "staff")).status).toBe(403);
    expect((await call("hr", "ext")).status).toBe(403);
    // hr-cases is open below a restricted section: still restricted (S5), so staff cannot view it.
    expect((await call("hr-cases", "staff")).status).toBe(403);
    const partners = await (await call("partners", "partner")).json();
    expect(partners.content.items.map((i: { title: string }) => i.title)).toEqual(["Item h0"]);
    // The shared item names no section the partner may not view: its home (HR) is hidden, Partners shown.
    expect(partners.content.items[0].section).toEqual({ slug: "partners", title: "Partners" });
  });

  it("D2: the items come a page at a time by the cursor, as on the page; a cursor that is not one reads as the first page", async () => {
    const first = await (await call("news", "staff")).json();
    expect(first.content.items).toHaveLength(20);
    expect(first.content.next).toEqual(expect.any(String));
    const second = await (await call("news", "staff", `?cursor=${encodeURIComponent(first.content.next)}`)).json();
    expect(second.content.items.map((i: { title: string }) => i.title)).toEqual(["Item n20", "Item n21", "Item n22"]);
    expect(second.content.next).toBeNull();
    const tampered = await (await call("news", "staff", "?cursor=forged")).json();
    expect(tampered.content.items.map((i: { id: string }) => i.id)).toEqual(first.content.items.map((i: { id: string }) => i.id));
  });

  it("D2 C5: an old address sends those who may view the section to its new one, and tells others nothing", async () => {
    await h.db.insert(schema.sectionSlugRedirects).values({ oldSlug: "personnel", sectionId: h.section("hr") });
    const moved = await call("personnel", "hr", "?cursor=abc");
    expect(moved.status).toBe(308);
    expect(moved.headers.get("location")).toBe("/api/v1/sections/hr?cursor=abc");
    const refused = await call("personnel", "staff");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
  });

  it("D2: a malformed address and no token are clear refusals", async () => {
    const malformed = await GET(apiRequest("/sections/%E0%A4%A", tokens.get("staff")!), { params: Promise.resolve({ slug: "%E0%A4%A" }) });
    expect(malformed.status).toBe(404);
    const anonymous = await GET(apiRequest("/sections/news", null), { params: Promise.resolve({ slug: "news" }) });
    expect(anonymous.status).toBe(401);
  });
});
