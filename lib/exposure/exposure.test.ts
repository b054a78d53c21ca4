/**
 * B4: the exposure report. A person's sections and items are the pages' own (visibleSections,
 * visiblePublishedContent decided for them); a team's are what its membership reaches (S2 S3);
 * a partner organisation's are its external people's together, with how many each way serves;
 * for webmasters only (anyone else: not found, and the actions refuse); the filters, the pages
 * and the CSV export (webmasters only, audited, injection-safe).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { sections as sectionsTable } from "@/db/schema";
import { visiblePublishedContent, visibleSections } from "@/lib/access/filters";
import { content } from "@/db/schema";
import { type Harness, createHarness, signInAs, viewerOf } from "@/lib/testing/harness";

const { getExposure, filterExposure, searchExposureSubjects, mayReportExposure } = await import("./queries");
const { searchExposureSubjectsAction, chooseExposureSubjectAction } = await import("./actions");
const { filtersFromParams, subjectFromParams } = await import("./schemas");
const { reasonWords, summaryWords } = await import("@/components/access/exposure-words");
const { exposureCsv } = await import("@/components/access/exposure-csv");
const { GET: exportRoute } = await import("@/app/(portal)/access/exposure/export/route");

const D = "exposure.test";
const e = (name: string) => `${name}@${D}`;

const org: Record<string, unknown> = {
  locations: [],
  teams: [
    { key: "highways", name: "Highways", parent: null },
    { key: "roads-north", name: "Roads North", parent: "highways" },
    { key: "partner-staff", name: "Partner staff", parent: null },
  ],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("mgr"), name: "Mo Manager", audience: "organisational" },
    { email: e("rn"), name: "Rhi North", audience: "organisational", teams: ["roads-north"] },
    { email: e("staff"), name: "Sid Staff", audience: "organisational" },
    { email: e("ext1"), name: "Xena One", audience: "external", organisation: "Riverside Care", teams: ["partner-staff"] },
    { email: e("ext2"), name: "Xavi Two", audience: "external", organisation: " riverside care ", teams: ["partner-staff"] },
    { email: e("ext3"), name: "Xu Three", audience: "external", organisation: "Other Trust" },
  ],
  sections: [
    { slug: "partners", title: "Partners", parent: null, restricted: true, teams: [{ team: "highways", includeChildren: true }], roles: [{ person: e("mgr"), role: "manager" }] },
    { slug: "bids", title: "Bids", parent: "partners", restricted: false },
    { slug: "board", title: "Board papers", parent: null, restricted: true, members: [e("ext1")] },
    { slug: "shared", title: "Shared with partners", parent: null, restricted: true, teams: [{ team: "partner-staff", includeChildren: false }] },
    { slug: "news", title: "News", parent: null, restricted: false },
  ],
  content: [
    { key: "bid", type: "news", title: "Bid for 2027", body: "<p>Bid.</p>", section: "bids", author: e("mgr"), status: "published", publishedAt: "2026-10-01T09:00:00Z", sharedInto: ["board"] },
    { key: "story", type: "news", title: "Library reopens", body: "<p>Open.</p>", section: "news", author: e("mgr"), status: "published", publishedAt: "2026-10-02T09:00:00Z", sharedInto: ["shared"] },
    { key: "draft", type: "news", title: "Draft plan", body: "<p>Soon.</p>", section: "news", author: e("mgr"), status: "draft" },
    { key: "plan", type: "page", title: "Board plan", body: "<p>Plan.</p>", section: "board", author: e("mgr"), status: "published", publishedAt: "2026-10-03T09:00:00Z" },
    { key: "club-news", type: "news", title: "Club news", body: "<p>Club.</p>", group: "club", author: e("ext1"), status: "published", publishedAt: "2026-10-04T09:00:00Z" },
    { key: "open-news", type: "news", title: "Open news", body: "<p>Hi.</p>", group: "open", author: e("staff"), status: "published", publishedAt: "2026-10-05T09:00:00Z" },
  ],
  groups: [
    { slug: "club", name: "Partner club", description: "", visibility: "private", members: [{ person: e("ext1"), admin: true }, { person: e("ext2"), admin: false }] },
    { slug: "open", name: "Open forum", description: "", visibility: "public", members: [{ person: e("staff"), admin: true }] },
  ],
};

let h: Harness;
const viewer = (name: string) => viewerOf(e(name));
const titles = (rows: { section: { trail: (string | null)[] } }[]) => rows.map((r) => r.section.trail.join(" › "));

beforeAll(async () => {
  h = await createHarness(org);
});
afterAll(async () => h?.close());

async function report(asker: string, subject: Parameters<typeof getExposure>[1]) {
  const answer = await getExposure(await viewer(asker), subject);
  if (answer.status !== "ok") throw new Error(`no report for ${JSON.stringify(subject)}`);
  return answer.value;
}

describe("a person's exposure (B4)", () => {
  it("B4 C2 S4–S6: every section and item the pages' own predicates give them, for every person", async () => {
    for (const name of ["web", "mgr", "rn", "staff", "ext1", "ext2", "ext3"]) {
      const person = await viewer(name);
      const r = await report("web", { kind: "person", id: person.id });
      const subject = { id: person.id, audience: person.audience, isWebmaster: person.isWebmaster };
      const pageSections = await h.db.select({ id: sectionsTable.id }).from(sectionsTable).where(visibleSections(subject));
      expect(r.sections.map((s) => s.section.id).sort(), name).toEqual(pageSections.map((s) => s.id).sort());
      const [items] = await h.db.select({ n: sql<number>`count(*)::int` }).from(content).where(visiblePublishedContent(subject));
      expect(r.items, name).toBe(Number(items!.n));
      for (const s of r.sections) expect(s.reasons.length, `${name}: ${s.section.name}`).toBeGreaterThan(0);
    }
  });

  it("B4 S2 S3: a team chain to a restricted section and its cascade, in the table's words; openness for staff", async () => {
    const r = await report("web", { kind: "person", id: h.person(e("rn")) });
    expect(titles(r.sections)).toEqual(["News", "Partners", "Partners › Bids"]);
    const bids = r.sections.find((s) => s.section.name === "Bids")!;
    expect(bids.items).toBe(1);
    // Below a restricted section, so not open: the team chain is the one way in.
    expect(bids.restricted).toBe(true);
    expect(bids.reasons.map((x) => reasonWords(x, "person"))).toEqual(["In team Roads North, a child team of team Highways, added with its child teams to Partners (cascades down)"]);
    expect(r.sections.find((s) => s.section.name === "News")!.reasons.map((x) => reasonWords(x, "person"))).toEqual(["Open: neither it nor a section above it is restricted"]);
    expect(r.groups.map((g) => [g.group.name, g.reasons.map((x) => reasonWords(x, "person"))])).toEqual([["Open forum", ["Public group: every organisational person reads it"]]]);
    expect(summaryWords(r)).toBe("Rhi North can view 3 sections, 1 group and 3 published items.");
  });

  it("B4 S6 G1: an external person: their memberships only, and their own groups", async () => {
    const r = await report("web", { kind: "person", id: h.person(e("ext1")) });
    expect(titles(r.sections)).toEqual(["Board papers", "Shared with partners"]);
    expect(r.sections.map((s) => s.items)).toEqual([2, 1]); // Board: its own page and the shared bid
    expect(r.groups.map((g) => [g.group.name, g.items, g.reasons.map((x) => reasonWords(x, "person"))])).toEqual([["Partner club", 1, ["Group admin"]]]);
    expect(summaryWords(r)).toBe("Xena One (external) can view 2 sections, 1 group and 4 published items.");
  });
});

describe("a team's and a partner organisation's exposure (B4 B3)", () => {
  it("B4 S2 S3: a team reaches what it and the teams above it added with child teams were given, with its members", async () => {
    const r = await report("web", { kind: "team", id: h.team("roads-north") });
    expect(titles(r.sections)).toEqual(["Partners", "Partners › Bids"]);
    expect(r.subject.teamsAbove.map((t) => t.name)).toEqual(["Highways"]);
    expect(r.sections.every((s) => s.people === 1)).toBe(true);
    expect(r.groups).toEqual([]);
    expect(summaryWords(r)).toBe("Membership of team Roads North (1 member, 0 external) gives access to 2 sections and 1 published item. Teams are not members of groups.");
    const partner = await report("web", { kind: "team", id: h.team("partner-staff") });
    expect(titles(partner.sections)).toEqual(["Shared with partners"]);
    expect(partner.subject.externalPeople).toBe(2);
  });

  it("B4 B3: an organisation is its external people, however its name is typed; each way in says how many of them it serves", async () => {
    const r = await report("web", { kind: "organisation", name: "RIVERSIDE care" });
    expect(r.subject.people).toBe(2);
    expect(titles(r.sections)).toEqual(["Board papers", "Shared with partners"]);
    const board = r.sections.find((s) => s.section.name === "Board papers")!;
    expect(board.people).toBe(1);
    expect(board.reasons.map((x) => reasonWords(x, "organisation"))).toEqual(["1 person: Member of Board papers"]);
    const shared = r.sections.find((s) => s.section.name === "Shared with partners")!;
    expect(shared.reasons.map((x) => reasonWords(x, "organisation"))).toEqual(["2 people: In team Partner staff added to Shared with partners"]);
    expect(r.groups.map((g) => [g.group.name, g.people, g.reasons.map((x) => reasonWords(x, "organisation"))])).toEqual([["Partner club", 2, ["1 person: Group admin", "1 person: Group member"]]]);
    // Every item any of them can view, counted once (the bid is in Board papers only for them).
    expect(r.items).toBe(4);
    expect((await getExposure(await viewer("web"), { kind: "organisation", name: "Nobody Ltd" })).status).toBe("not-found");
  });
});

describe("who may see it (B4 S4)", () => {
  it("B4: webmasters only; anyone else is answered not found, finds nobody, and the actions refuse", async () => {
    const mgr = await viewer("mgr");
    expect(await mayReportExposure(mgr)).toBe(false);
    expect((await getExposure(mgr, { kind: "person", id: h.person(e("rn")) })).status).toBe("not-found");
    expect(await searchExposureSubjects(mgr, "Rhi")).toEqual([]);
    await signInAs(e("mgr"));
    expect((await searchExposureSubjectsAction({ query: "Rhi" })).ok).toBe(false);
    expect((await chooseExposureSubjectAction({ subject: { kind: "team", id: h.team("highways") } })).ok).toBe(false);
    await signInAs(e("web"));
    const found = await searchExposureSubjectsAction({ query: "river" });
    expect(found.ok && found.data.map((c) => [c.kind, c.label, c.detail])).toEqual([["organisation", "Riverside Care", "2 external people"]]);
    const teams = await searchExposureSubjectsAction({ query: "North" });
    expect(teams.ok && teams.data.map((c) => [c.kind, c.label])).toEqual([
      ["person", "Rhi North"],
      ["team", "Roads North"],
    ]);
    expect(await chooseExposureSubjectAction({ subject: { kind: "team", id: 999_999 } })).toEqual({ ok: true, data: false });
    expect((await chooseExposureSubjectAction({ subject: null })).ok).toBe(false);
  });
});

describe("the page's filters and pages, and the CSV export (B4)", () => {
  it("B4: filters by name (accents and case aside) and by the way in; a page past the end shows the last; values not understood are said and dropped", async () => {
    const r = await report("web", { kind: "person", id: h.person(e("rn")) });
    const base = filtersFromParams({}).filters;
    expect(titles(filterExposure(r, { ...base, q: "BÍDS" }).sections.rows)).toEqual(["Partners › Bids"]);
    expect(titles(filterExposure(r, { ...base, through: "open" }).sections.rows)).toEqual(["News"]);
    expect(titles(filterExposure(r, { ...base, through: "team" }).sections.rows)).toEqual(["Partners", "Partners › Bids"]);
    expect(filterExposure(r, { ...base, show: "sections" }).groups.rows).toEqual([]);
    const paged = filterExposure(r, { ...base, sectionsPage: 9 }, 2);
    expect([paged.sections.page, paged.sections.pages, titles(paged.sections.rows)]).toEqual([2, 2, ["Partners › Bids"]]);
    const bad = filtersFromParams({ through: "magic", show: "x", spage: "-1", q: "a\u0000b" });
    expect(bad.filters).toEqual({ q: "", through: "", show: "all", sectionsPage: 1, groupsPage: 1 });
    expect(bad.problems).toHaveLength(4);
    expect(subjectFromParams({ person: "not-a-uuid" })).toBeNull();
    expect(subjectFromParams({ organisation: "  Riverside Care " })).toEqual({ kind: "organisation", name: "Riverside Care" });
  });

  it("B4 M8: the CSV is every filtered row with its ways in, cells safe from formulas; webmasters only, and the export is audited", async () => {
    const r = await report("web", { kind: "organisation", name: "Riverside Care" });
    const all = filterExposure(r, filtersFromParams({}).filters, Number.MAX_SAFE_INTEGER);
    const csv = exposureCsv(r, all.sections.rows, all.groups.rows);
    expect(csv.split("\r\n")[0]).toBe('"kind","id","name","restricted_or_visibility","published_items","people","how"');
    expect(csv).toContain('"section","' + h.section("shared") + '","Shared with partners","restricted","1","2","2 people: In team Partner staff added to Shared with partners"');
    expect(csv).toContain('"group"');

    const url = (q: string) => new Request(`http://localhost/access/exposure/export?${q}`);
    await signInAs(e("mgr"));
    expect((await exportRoute(url("organisation=Riverside+Care"))).status).toBe(403);
    await signInAs(e("web"));
    expect((await exportRoute(url("through=magic&organisation=Riverside+Care"))).status).toBe(400);
    expect((await exportRoute(url("organisation=Nobody"))).status).toBe(404);
    const response = await exportRoute(url("organisation=Riverside+Care&show=sections"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const body = await response.text();
    expect(body).toContain("Board papers");
    expect(body).not.toContain('"group"');
    const audit = rowsOf<{ target_type: string; target_id: string }>(
      await h.db.execute(sql`select target_type, target_id from audit_events where action = 'access.exposure.export' order by id desc limit 1`),
    );
    expect(audit).toEqual([{ target_type: "organisation", target_id: "Riverside Care" }]);
  });
});
