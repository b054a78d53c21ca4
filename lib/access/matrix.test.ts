/**
 * Access matrix (S2–S7, C2–C5): audience × membership path × section state × surface, with
 * expected results written from the rules (docs/RULES.md §2–3), never read from the code.
 * One organisation (lib/access/testing/matrix-org.ts) holds a target section with one
 * published item for every (path × state) pair, so one load serves every case.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { rebuildTeamClosure } from "@/db/trees";
import { getGroupCreateContext, listShareTargets } from "@/lib/content/authoring-queries";
import { getContent } from "@/lib/content/item";
import { getConversation } from "@/lib/comments/queries";
import { type ContentSummary, type Page, listFeed, listLatest, listMyContent, listSectionContent } from "@/lib/content/listings";
import { getGroupPage, listGroups } from "@/lib/groups/queries";
import { getSection, listReachableSections } from "@/lib/sections/queries";
import { visibleContent, visibleSections } from "./filters";
import { mayPostInGroupAs } from "./group-roles";
import { can } from "./policies";
import {
  AUDIENCES,
  type MatrixAudience,
  type MatrixPath,
  type MatrixState,
  NEUTRAL_AUTHOR,
  NOBODY,
  P,
  PATHS,
  STATES,
  buildMatrixOrg,
  childSlug,
  expectedAncestorVisible,
  expectedVisible,
  grandparentSlug,
  itemKey,
  mineDraftKey,
  minePublishedKey,
  parentSlug,
  personEmail,
  targetSlug,
} from "./testing/matrix-org";

const ALL_TYPES = ["news", "policy", "page", "blog", "event", "poll"] as const;
const EVERYTHING = 10_000; // a page size larger than the organisation: "is it listed at all?"

let h: Harness;
const sectionsBySlug = new Map<string, { id: number; title: string }>();
const contentByKey = new Map<string, { id: string; status: "draft" | "published" }>();

/**
 * `email` as a page would see them: read by the real loadViewer (grant roots and all) each
 * time, as every request reads its viewer, so a change a test makes applies at once (S2).
 */
const viewer = (email: string): Promise<Viewer> => viewerOf(email);
const section = (slug: string) => {
  const s = sectionsBySlug.get(slug);
  if (!s) throw new Error(`no section ${slug}`);
  return s;
};
const item = (key: string) => {
  const c = contentByKey.get(key);
  if (!c) throw new Error(`no item ${key}`);
  return c.id;
};
/** E5: the webmaster's Groups switch for external people. */
const setGroupsSwitch = (on: boolean) =>
  h.db
    .update(schema.settings)
    .set({ value: sql`${schema.settings.value} || jsonb_build_object('groups', ${on}::boolean)` })
    .where(eq(schema.settings.key, "externalAccess"));
const ids = (page: Page<ContentSummary> | ContentSummary[]) => ("items" in page ? page.items : page).map((i) => i.id);
const slugs = (list: { slug: string }[]) => list.map((s) => s.slug);

beforeAll(async () => {
  h = await createHarness(buildMatrixOrg());
  for (const s of await h.db.select({ id: schema.sections.id, slug: schema.sections.slug, title: schema.sections.title }).from(schema.sections)) {
    sectionsBySlug.set(s.slug, { id: s.id, title: s.title });
  }
  for (const c of await h.db.select({ id: schema.content.id, key: schema.content.importKey, status: schema.content.status }).from(schema.content)) {
    contentByKey.set(c.key!, { id: c.id, status: c.status });
  }
});

afterAll(async () => {
  await h?.close();
});

// ─────────────────────────────────────────────────────────────────────────────────────
// The matrix
// ─────────────────────────────────────────────────────────────────────────────────────

const SURFACES = ["section page", "item page", "home", "extranet home", "feed", "my content (own published)", "my content (own draft)"] as const;
type Surface = (typeof SURFACES)[number];

/** Organisational people and webmasters land on the intranet home, external people on the extranet home (E1). */
const surfacesFor = (audience: MatrixAudience): Surface[] =>
  SURFACES.filter((s) => (audience === "external" ? s !== "home" : s !== "extranet home"));

const AUDIENCE_RULE: Record<MatrixAudience, string> = { webmaster: "S4", organisational: "S5", external: "S6" };
const SURFACE_RULES: Record<Surface, string> = {
  "section page": "C5",
  "item page": "C2 C5",
  home: "C3",
  "extranet home": "E1 C3",
  feed: "C4",
  "my content (own published)": "C4",
  "my content (own draft)": "C2",
};

interface MatrixCase {
  name: string;
  audience: MatrixAudience;
  path: MatrixPath;
  state: MatrixState;
  surface: Surface;
  visible: boolean;
}

const MATRIX: MatrixCase[] = AUDIENCES.flatMap((audience) =>
  PATHS.flatMap((path) =>
    STATES.flatMap((state) =>
      surfacesFor(audience).map((surface) => {
        // The viewer's own drafts are always theirs to see (C2), whatever the section.
        const visible = surface === "my content (own draft)" ? true : expectedVisible(audience, path, state);
        const rules = surface === "my content (own draft)" ? "C2 C4" : `${AUDIENCE_RULE[audience]} ${SURFACE_RULES[surface]}`;
        return {
          name: `${rules} ${audience} × ${path} × ${state} × ${surface} → ${visible ? "visible" : "hidden"}`,
          audience,
          path,
          state,
          surface,
          visible,
        };
      }),
    ),
  ),
);

/** Which of the target's chain (grandparent, parent, target) the home pages list as tops of what the viewer sees. */
function expectedReachable(c: MatrixCase): Record<string, boolean> {
  const g = expectedAncestorVisible(c.audience, c.path, c.state, "grandparent");
  const p = expectedAncestorVisible(c.audience, c.path, c.state, "parent");
  const t = c.visible;
  return {
    [grandparentSlug(c.path, c.state)]: g,
    [parentSlug(c.path, c.state)]: p && !g,
    [targetSlug(c.path, c.state)]: t && !p,
  };
}

/**
 * The matrix only reads, so a viewer's whole-listing answers are fetched once and shared
 * by the cases that look at them (each viewer meets four states per surface).
 */
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, load());
  return memo.get(key) as Promise<T>;
}
const feedOf = (v: Viewer) => once(`feed ${v.id}`, () => listFeed(v, null, EVERYTHING));
const myContentOf = (v: Viewer) => once(`mine ${v.id}`, () => listMyContent(v, null, EVERYTHING));
const reachableOf = (v: Viewer) => once(`reachable ${v.id}`, () => listReachableSections(v));
const latestOf = (v: Viewer, types: (typeof ALL_TYPES)[number][]) => once(`latest ${v.id} ${types.join()}`, () => listLatest(v, types, EVERYTHING));

async function checkHome(c: MatrixCase, v: Viewer, types: (typeof ALL_TYPES)[number][]) {
  const target = targetSlug(c.path, c.state);
  const latest = await latestOf(v, types);
  const entry = latest.find((i) => i.id === item(itemKey(c.path, c.state)));
  expect(Boolean(entry)).toBe(c.visible);
  if (entry) expect(entry.section).toEqual({ slug: target, title: section(target).title });
  // The section (or a visible ancestor) is reachable from the home page exactly when it is visible.
  const reachable = new Set(slugs(await reachableOf(v)));
  const expected = expectedReachable(c);
  const got = Object.fromEntries(Object.keys(expected).map((s) => [s, reachable.has(s)]));
  expect(got).toEqual(expected);
  // So a visible section is always reachable (itself or through an ancestor), a hidden one never itself.
  if (c.visible) expect(Object.values(got)).toContain(true);
  else expect(reachable.has(target)).toBe(false);
}

describe("access matrix: audience × path × state × surface", () => {
  it("has every combination", () => {
    // 3 audiences × 12 paths × 4 states × 6 surfaces each.
    expect(MATRIX.length).toBe(AUDIENCES.length * PATHS.length * STATES.length * 6);
  });

  // A plain loop, not it.each: its "$name" interpolation truncates long titles.
  for (const c of MATRIX) it(c.name, async () => {
    const v = await viewer(personEmail(c.audience, c.path));
    const target = targetSlug(c.path, c.state);
    const itemId = item(itemKey(c.path, c.state));

    switch (c.surface) {
      case "section page": {
        const r = await getSection(v, target);
        if (!c.visible) {
          expect(r).toEqual({ status: "forbidden" }); // nothing of it, not even its title (C5)
          expect(await can(v, "section.view", { kind: "section", id: section(target).id })).toBe(false);
          return;
        }
        expect(r.status).toBe("ok");
        if (r.status !== "ok") return;
        expect(r.value.slug).toBe(target);
        // Breadcrumbs name only ancestors the viewer can view, top first.
        const crumbs = [
          ...(expectedAncestorVisible(c.audience, c.path, c.state, "grandparent") ? [grandparentSlug(c.path, c.state)] : []),
          ...(expectedAncestorVisible(c.audience, c.path, c.state, "parent") ? [parentSlug(c.path, c.state)] : []),
        ];
        expect(slugs(r.value.breadcrumbs)).toEqual(crumbs);
        // The only child section in the matrix is the child-section path's, whose viewers are its members.
        expect(slugs(r.value.children)).toEqual(c.path === "child-section" ? [childSlug(c.path, c.state)] : []);
        // The section's own listing shows its item.
        expect(ids(await listSectionContent(v, section(target).id, null, EVERYTHING))).toContain(itemId);
        return;
      }
      case "item page": {
        const r = await getContent(v, itemId);
        // K1 E3: the comments under it, and who may write one, follow the item's visibility.
        const [conversation, mayComment] = await Promise.all([
          getConversation(v, { kind: "content", id: itemId }, { order: "newest" }),
          can(v, "comment.create", { kind: "commentTarget", id: { kind: "content", id: itemId } }),
        ]);
        expect(conversation === null, "K1 no comments of an item one cannot view").toBe(!c.visible);
        expect(mayComment, "K1 E3 comment.create").toBe(c.visible);
        if (conversation) expect(conversation.mayComment, "K1 the comment box agrees with can()").toBe(mayComment);
        if (!c.visible) {
          expect(r).toEqual({ status: "forbidden" });
          return;
        }
        expect(r.status).toBe("ok");
        if (r.status !== "ok") return;
        expect(r.value.home).toEqual({ slug: target, title: section(target).title });
        expect(r.value.sharedInto).toEqual([]);
        return;
      }
      case "home":
        return checkHome(c, v, ["news"]);
      case "extranet home":
        return checkHome(c, v, [...ALL_TYPES]);
      case "feed": {
        const feed = await feedOf(v);
        const entry = feed.items.find((i) => i.id === itemId);
        expect(Boolean(entry)).toBe(c.visible);
        if (entry) expect(entry.section).toEqual({ slug: target, title: section(target).title });
        expect(feed.next).toBeNull();
        return;
      }
      case "my content (own published)": {
        const mine = ids(await myContentOf(v));
        expect(mine.includes(item(minePublishedKey(c.audience, c.path, c.state)))).toBe(c.visible);
        return;
      }
      case "my content (own draft)": {
        const draftId = item(mineDraftKey(c.audience, c.path, c.state));
        expect(ids(await myContentOf(v))).toContain(draftId);
        expect((await getContent(v, draftId)).status).toBe("ok");
        // A draft is never in the feed, not even its author's (the feed lists published items).
        expect(ids(await feedOf(v))).not.toContain(draftId);
        return;
      }
    }
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// C2 sharing and C3 leaks
// ─────────────────────────────────────────────────────────────────────────────────────

describe("C2 sharing: an item homed in a hidden section, shared into others", () => {
  it("C2 C3 organisational non-member: visible through the open share; home null, sharedInto only the visible section", async () => {
    const v = await viewer(NOBODY.organisational);
    const r = await getContent(v, item("shared-item"));
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.value.home).toBeNull();
    expect(r.value.sharedInto.map(({ slug, title }) => ({ slug, title }))).toEqual([{ slug: "share-open", title: "Share open" }]);
    const text = JSON.stringify(r);
    expect(text).not.toContain("Share hidden");
    expect(text).not.toContain("Share for externals");
  });

  it("C2 C3 external member of the share target: visible; home null, sharedInto only their section", async () => {
    const r = await getContent(await viewer(P.shareExt), item("shared-item"));
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.value.home).toBeNull();
    expect(r.value.sharedInto.map(({ slug, title }) => ({ slug, title }))).toEqual([{ slug: "share-ext", title: "Share for externals" }]);
  });

  it("C2 S6 external non-member: the shared item stays forbidden and out of the feed", async () => {
    const v = await viewer(NOBODY.external);
    expect(await getContent(v, item("shared-item"))).toEqual({ status: "forbidden" });
    expect(ids(await listFeed(v, null, EVERYTHING))).not.toContain(item("shared-item"));
  });

  it("C2 S4 webmaster: home and every share", async () => {
    const r = await getContent(await viewer(NOBODY.webmaster), item("shared-item"));
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.value.home).toEqual({ slug: "share-hidden", title: "Share hidden home" });
    expect(slugs(r.value.sharedInto)).toEqual(["share-ext", "share-hidden-2", "share-open"]);
  });

  it.each([
    ["organisational non-member", NOBODY.organisational, { slug: "share-open", title: "Share open" }],
    ["external member of the share", P.shareExt, { slug: "share-ext", title: "Share for externals" }],
  ])("C3 %s: feed, home and section listings show the shared item naming no hidden section", async (_label, email, visibleShare) => {
    const v = await viewer(email);
    const id = item("shared-item");
    const entries = [
      (await listFeed(v, null, EVERYTHING)).items.find((i) => i.id === id),
      (await listLatest(v, [...ALL_TYPES], EVERYTHING)).find((i) => i.id === id),
      (await listSectionContent(v, section(visibleShare.slug).id, null, EVERYTHING)).items.find((i) => i.id === id),
    ];
    for (const entry of entries) {
      expect(entry).toBeDefined();
      // SPEC C3 only forbids naming what the viewer cannot view: either no section, or the visible one it is shared into.
      expect([null, visibleShare]).toContainEqual(entry!.section);
      expect(JSON.stringify(entry)).not.toContain("Share hidden");
    }
  });

  it("C2 an item shared only into another hidden section stays hidden", async () => {
    for (const email of [NOBODY.organisational, NOBODY.external, P.shareExt]) {
      const v = await viewer(email);
      expect(await getContent(v, item("unshared-hidden-item"))).toEqual({ status: "forbidden" });
      expect(ids(await listFeed(v, null, EVERYTHING))).not.toContain(item("unshared-hidden-item"));
    }
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// C2 drafts
// ─────────────────────────────────────────────────────────────────────────────────────

describe("C2 C7 drafts: the author, editors and managers of the home section (S7 cascade), webmasters", () => {
  const DRAFT_CASES: [string, string, boolean][] = [
    ["the item's author (author role)", P.draftAuthor, true],
    ["another author of the home section", P.draftOtherAuthor, false],
    ["an editor of the home section", P.draftEditor, true],
    ["a manager of the home section", P.draftManager, true],
    ["an editor of the parent section (cascade)", P.draftParentEditor, true],
    ["a manager of the parent section (cascade)", P.draftParentManager, true],
    ["an author of the parent section", P.draftParentAuthor, false],
    ["an editor of a sibling section", P.draftSiblingEditor, false],
    ["an editor of a child section (no upward cascade)", P.draftChildEditor, false],
    ["a plain member of the home section", P.draftMember, false],
    ["an external editor of the home section (S7)", P.draftExtEditor, true],
    ["an external author of the home section", P.draftExtAuthor, false],
    ["an external plain member", P.draftExtMember, false],
    ["an organisational non-member (section open)", NOBODY.organisational, false],
    ["an external non-member", NOBODY.external, false],
    ["a webmaster (S4)", NOBODY.webmaster, true],
  ];

  it.each(DRAFT_CASES)("C2 S7 draft × %s (%s) → visible: %s", async (_label, email, visible) => {
    const v = await viewer(email);
    const id = item("draft-item");
    const r = await getContent(v, id);
    if (visible) expect(r.status).toBe("ok");
    else expect(r).toEqual({ status: "forbidden" });
    expect(await can(v, "content.view", { kind: "content", id })).toBe(visible);
    // Drafts never reach shared listings, whoever asks (C4).
    expect(ids(await listFeed(v, null, EVERYTHING))).not.toContain(id);
    expect(ids(await listSectionContent(v, section("drafts-home").id, null, EVERYTHING))).not.toContain(id);
    expect(ids(await listLatest(v, [...ALL_TYPES], EVERYTHING))).not.toContain(id);
  });

  it("C2 C4 the author's own listing holds the draft and the published item", async () => {
    const mine = ids(await listMyContent(await viewer(P.draftAuthor), null, EVERYTHING));
    expect(mine).toEqual(expect.arrayContaining([item("draft-item"), item("draft-item-published")]));
    expect(mine).toHaveLength(2);
  });

  it("C4 my content lists only what the viewer wrote", async () => {
    for (const email of [P.draftEditor, NOBODY.webmaster, P.draftManager]) {
      const mine = ids(await listMyContent(await viewer(email), null, EVERYTHING));
      expect(mine).not.toContain(item("draft-item"));
      expect(mine).not.toContain(item("draft-item-published"));
    }
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// C5 answers: forbidden vs not found; groups (G1, G3, E5)
// ─────────────────────────────────────────────────────────────────────────────────────

describe("C5 forbidden and not found", () => {
  it.each(AUDIENCES)("C5 %s: an unknown section slug → not-found", async (audience) => {
    expect(await getSection(await viewer(NOBODY[audience]), "no-such-section")).toEqual({ status: "not-found" });
  });

  it.each(AUDIENCES)("C5 %s: a malformed or unknown item id → not-found", async (audience) => {
    const v = await viewer(NOBODY[audience]);
    for (const id of ["not-a-uuid", "", "' or 1=1 --", "00000000-0000-0000-0000-000000000000"]) {
      expect(await getContent(v, id)).toEqual({ status: "not-found" });
      expect(await can(v, "content.view", { kind: "content", id })).toBe(false);
    }
  });

  it("C5 an unknown section id is not viewable", async () => {
    expect(await can(await viewer(NOBODY.webmaster), "section.view", { kind: "section", id: 987_654 })).toBe(false);
  });

  type GroupStatus = "ok" | "forbidden" | "not-found";
  const GROUP_CASES: [string, string, "public" | "private" | "secret", GroupStatus][] = [
    ["organisational non-member", NOBODY.organisational, "public", "ok"],
    ["organisational non-member", NOBODY.organisational, "private", "forbidden"],
    ["organisational non-member", NOBODY.organisational, "secret", "not-found"],
    ["external non-member, Groups switch off", NOBODY.external, "public", "forbidden"],
    ["external non-member, Groups switch off", NOBODY.external, "private", "forbidden"],
    ["external non-member, Groups switch off", NOBODY.external, "secret", "not-found"],
    ["organisational member", P.groupOrgMember, "public", "ok"],
    ["organisational member", P.groupOrgMember, "private", "ok"],
    ["organisational member", P.groupOrgMember, "secret", "ok"],
    ["external member", P.groupExtMember, "public", "ok"],
    ["external member", P.groupExtMember, "private", "ok"],
    ["external member", P.groupExtMember, "secret", "ok"],
  ];

  it.each(GROUP_CASES)("C5 G1 G3 G6 %s (%s) × %s group item → %s", async (_label, email, visibility, status) => {
    const v = await viewer(email);
    const id = item(`group-${visibility}-item`);
    const r = await getContent(v, id);
    if (status === "ok") expect(r.status).toBe("ok");
    else expect(r).toEqual({ status });
    expect(await can(v, "content.view", { kind: "content", id })).toBe(status === "ok");
    expect(ids(await listFeed(v, null, EVERYTHING)).includes(id)).toBe(status === "ok");
  });

  // The group itself (G1, G3, E5, C5): listed in the directory, and what its page shows —
  // "full" (members and content), a private group's "summary", or 404 exactly as for no group.
  type PageAnswer = "full" | "summary" | "not-found";
  const GROUP_PAGE_CASES: [string, string, "public" | "private" | "secret", boolean, PageAnswer][] = [
    ["organisational non-member", NOBODY.organisational, "public", true, "full"],
    ["organisational non-member", NOBODY.organisational, "private", true, "summary"],
    ["organisational non-member", NOBODY.organisational, "secret", false, "not-found"],
    ["external non-member, Groups switch off", NOBODY.external, "public", false, "not-found"],
    ["external non-member, Groups switch off", NOBODY.external, "private", false, "not-found"],
    ["external non-member, Groups switch off", NOBODY.external, "secret", false, "not-found"],
    ["organisational member", P.groupOrgMember, "secret", true, "full"],
    ["external member", P.groupExtMember, "private", true, "full"],
    ["external member", P.groupExtMember, "secret", true, "full"],
    ["webmaster", NOBODY.webmaster, "secret", true, "full"],
  ];
  const pageAnswer = async (v: Viewer, slug: string): Promise<PageAnswer> => {
    const r = await getGroupPage(v, slug);
    return r.status === "ok" ? r.value.access : (r.status as PageAnswer);
  };
  const listed = async (v: Viewer, slug: string) => (await listGroups(v, { filter: "all", q: "", after: null }, 1000)).items.some((g) => g.slug === slug);

  it.each(GROUP_PAGE_CASES)("C5 G1 G3 %s (%s) × %s group: listed %s, page %s", async (_label, email, visibility, isListed, page) => {
    const v = await viewer(email);
    expect(await listed(v, `g-${visibility}`)).toBe(isListed);
    expect(await pageAnswer(v, `g-${visibility}`)).toBe(page);
    if (page === "not-found") expect(await getGroupPage(v, `g-${visibility}`)).toEqual(await getGroupPage(v, "no-such-group"));
  });

  describe("E5 G3 with the Groups switch on", () => {
    beforeAll(() => setGroupsSwitch(true));
    afterAll(() => setGroupsSwitch(false));

    it.each([
      ["public", "ok"],
      ["private", "forbidden"],
      ["secret", "not-found"],
    ] as const)("E5 G3 external non-member × %s group item → %s", async (visibility, status) => {
      const v = await viewer(NOBODY.external);
      const id = item(`group-${visibility}-item`);
      const r = await getContent(v, id);
      if (status === "ok") expect(r.status).toBe("ok");
      else expect(r).toEqual({ status });
      expect(ids(await listFeed(v, null, EVERYTHING)).includes(id)).toBe(status === "ok");
    });

    it.each([
      ["public", true, "full"],
      ["private", true, "summary"],
      ["secret", false, "not-found"],
    ] as const)("E5 G3 external non-member × %s group: listed %s, page %s", async (visibility, isListed, page) => {
      const v = await viewer(NOBODY.external);
      expect(await listed(v, `g-${visibility}`)).toBe(isListed);
      expect(await pageAnswer(v, `g-${visibility}`)).toBe(page);
    });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// Writing in a group (G2, G5, G6)
// ─────────────────────────────────────────────────────────────────────────────────────

describe("G2 G5 G6 writing in a group: who posts, who changes an item, can() and the pages agree", () => {
  /** "change": views it and may edit, publish, delete and read its history; "view": views it only; "forbidden": 403. */
  type Answer = "change" | "view" | "forbidden";
  // Written from the rules: an item homed in a group is changed by its author while a member,
  // the group's admins and webmasters (G5 G6); a private group's items are for its members (G1);
  // drafts for their author and the group's admins (G6). External members write whatever the
  // Groups switch says (G3: their own groups stay theirs).
  const ITEM_CASES: [string, string, string, Answer][] = [
    ["the author, a member", P.gwWriter, "gw-item", "change"],
    ["the author, a member (draft)", P.gwWriter, "gw-draft", "change"],
    ["the author, an external member", P.gwExtWriter, "gw-ext-item", "change"],
    ["the group's admin", P.gwAdmin, "gw-item", "change"],
    ["the group's admin (another's draft)", P.gwAdmin, "gw-draft", "change"],
    ["the group's admin (a former member's item)", P.gwAdmin, "gw-left-item", "change"],
    ["the group's admin (a former member's draft)", P.gwAdmin, "gw-left-draft", "change"],
    ["another member", P.gwMember, "gw-item", "view"],
    ["another member (a draft)", P.gwMember, "gw-draft", "forbidden"],
    ["another member (an external member's item)", P.gwMember, "gw-ext-item", "view"],
    ["an external member (another's item)", P.gwExtWriter, "gw-item", "view"],
    ["the author who left (published)", P.gwLeaver, "gw-left-item", "forbidden"],
    ["the author who left (their draft: still theirs to read, G6)", P.gwLeaver, "gw-left-draft", "view"],
    ["an organisational non-member", NOBODY.organisational, "gw-item", "forbidden"],
    ["an external non-member", NOBODY.external, "gw-item", "forbidden"],
    ["a webmaster", NOBODY.webmaster, "gw-item", "change"],
    ["a webmaster (a draft)", NOBODY.webmaster, "gw-left-draft", "change"],
    ["an admin of other groups", P.groupOrgMember, "gw-item", "forbidden"],
  ];

  type PostAnswer = "ok" | "forbidden" | "not-found";
  /**
   * Where each person may write, with the Groups switch off, and what the switch on changes
   * (E5 G3: external people then see public and private groups as staff do, and still write
   * only where they are members). "not-found": the group page itself is 404 to them (C5).
   */
  const POST_CASES: [string, string, Record<string, PostAnswer>, Record<string, PostAnswer>][] = [
    ["the author, a member", P.gwWriter, { "g-writers": "ok", "g-public": "forbidden", "g-private": "forbidden", "g-secret": "not-found" }, {}],
    ["an external member", P.gwExtWriter, { "g-writers": "ok", "g-public": "not-found", "g-private": "not-found", "g-secret": "not-found" }, { "g-public": "forbidden", "g-private": "forbidden" }],
    ["the group's admin", P.gwAdmin, { "g-writers": "ok" }, {}],
    ["another member", P.gwMember, { "g-writers": "ok" }, {}],
    ["the author who left", P.gwLeaver, { "g-writers": "forbidden" }, {}],
    ["an organisational non-member", NOBODY.organisational, { "g-writers": "forbidden", "g-public": "forbidden", "g-secret": "not-found" }, {}],
    ["an external non-member", NOBODY.external, { "g-writers": "not-found", "g-public": "not-found", "g-secret": "not-found" }, { "g-writers": "forbidden", "g-public": "forbidden" }],
    ["an external member of the other groups", P.groupExtMember, { "g-public": "ok", "g-private": "ok", "g-secret": "ok", "g-writers": "not-found" }, { "g-writers": "forbidden" }],
    ["a webmaster", NOBODY.webmaster, { "g-writers": "ok", "g-public": "ok", "g-secret": "ok" }, {}],
  ];

  async function checkItem(email: string, key: string, answer: Answer) {
    const v = await viewer(email);
    const id = item(key);
    const resource = { kind: "content" as const, id };
    const page = await getContent(v, id);
    expect(page.status).toBe(answer === "forbidden" ? "forbidden" : "ok");
    const change = answer === "change";
    const asked = {
      view: await can(v, "content.view", resource),
      edit: await can(v, "content.edit", resource),
      publish: await can(v, "content.publish", resource),
      delete: await can(v, "content.delete", resource),
      history: await can(v, "content.history", resource),
    };
    expect(asked).toEqual({ view: answer !== "forbidden", edit: change, publish: change, delete: change, history: change });
    if (page.status === "ok") {
      const { share: _share, ...offered } = page.value.permissions;
      expect(offered, "the item page's controls (contentActionsFor)").toEqual({ edit: change, publish: change, delete: change, history: change });
    }
  }

  async function checkPosting(email: string, expected: Record<string, PostAnswer>) {
    const v = await viewer(email);
    for (const [slug, status] of Object.entries(expected)) {
      const allowed = await can(v, "content.createInGroup", { kind: "group", id: h.ids.groups.get(slug)! });
      expect(allowed, `can(content.createInGroup, ${slug})`).toBe(status === "ok");
      expect((await getGroupCreateContext(v, slug)).status, `/groups/${slug}/new`).toBe(status);
      // The group page's "New item" link, from what the page read (mayPostInGroupAs).
      const page = await getGroupPage(v, slug);
      expect(page.status === "ok" && mayPostInGroupAs(v, page.value.membership), `${slug}: the page's link`).toBe(allowed);
    }
  }

  for (const on of [false, true]) {
    describe(`with the Groups switch ${on ? "on" : "off"} (E5)`, () => {
      beforeAll(() => setGroupsSwitch(on));
      afterAll(() => setGroupsSwitch(false));

      it.each(ITEM_CASES)(`G5 G6 %s (%s) × %s → %s (switch ${on ? "on" : "off"})`, async (_label, email, key, answer) => {
        await checkItem(email, key, answer);
      });

      it.each(POST_CASES)(`G2 G3 %s (%s) may write in: %j, the switch on changing %j (switch ${on ? "on" : "off"})`, async (_label, email, off, changedByOn) => {
        await checkPosting(email, on ? { ...off, ...changedByOn } : off);
      });
    });
  }
});

// ─────────────────────────────────────────────────────────────────────────────────────
// Breadcrumbs and children lists
// ─────────────────────────────────────────────────────────────────────────────────────

describe("C3 C5 breadcrumbs and children show only visible sections", () => {
  it.each([
    ["S5 organisational member of the leaf only", P.crumbsLeafOrg, "crumbs-leaf", []],
    ["S6 external member of the leaf only", P.crumbsLeafExt, "crumbs-leaf", []],
    ["S6 external member of the middle section", P.crumbsMidExt, "crumbs-leaf", ["crumbs-mid"]],
    ["S4 webmaster", NOBODY.webmaster, "crumbs-leaf", ["crumbs-top", "crumbs-mid"]],
    ["S5 organisational member of the leaf, on the leaf's child", P.crumbsLeafOrg, "crumbs-leaf-kid", ["crumbs-leaf"]],
  ] as const)("C3 C5 %s (%s): breadcrumbs of %s → %j", async (_label, email, slug, crumbs: readonly string[]) => {
    const r = await getSection(await viewer(email), slug);
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(slugs(r.value.breadcrumbs)).toEqual(crumbs);
    // No hidden ancestor's title anywhere in the answer.
    if (!crumbs.includes("crumbs-top")) expect(JSON.stringify(r)).not.toContain("Crumbs top");
    if (!crumbs.includes("crumbs-mid")) expect(JSON.stringify(r)).not.toContain("Crumbs mid");
  });

  it("S5 S6 the hidden ancestors themselves stay forbidden, and the leaf is the top of what the viewer reaches", async () => {
    for (const email of [P.crumbsLeafOrg, P.crumbsLeafExt]) {
      const v = await viewer(email);
      expect(await getSection(v, "crumbs-top")).toEqual({ status: "forbidden" });
      expect(await getSection(v, "crumbs-mid")).toEqual({ status: "forbidden" });
      const reachable = slugs(await listReachableSections(v));
      expect(reachable).toContain("crumbs-leaf");
      expect(reachable).not.toContain("crumbs-leaf-kid");
      expect(reachable).not.toContain("crumbs-top");
      expect(reachable).not.toContain("crumbs-mid");
    }
    expect(await getSection(await viewer(NOBODY.organisational), "crumbs-leaf")).toEqual({ status: "forbidden" });
  });

  it.each([
    ["S5 organisational non-member", NOBODY.organisational, ["kids-a-open"]],
    ["S5 organisational member of one restricted child", P.kidsOrg, ["kids-a-open", "kids-c-member"]],
    ["S3 S6 external member of the parent (cascade)", P.kidsExt, ["kids-a-open", "kids-b-restricted", "kids-c-member"]],
    ["S4 webmaster", NOBODY.webmaster, ["kids-a-open", "kids-b-restricted", "kids-c-member"]],
  ] as const)("C3 %s (%s): children of an open section → %j", async (_label, email, children) => {
    const r = await getSection(await viewer(email), "kids");
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(slugs(r.value.children)).toEqual(children);
  });

  it("S6 external non-member: the open parent is forbidden", async () => {
    expect(await getSection(await viewer(NOBODY.external), "kids")).toEqual({ status: "forbidden" });
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// S2: team membership is read live
// ─────────────────────────────────────────────────────────────────────────────────────

describe("S2 team membership is read live, nothing is copied", () => {
  // The viewer is read again for every look, as by the next request after the change.
  const sees = async (email: string, slug: string, key: string) => {
    const v = await viewer(email);
    const [page, feed, allowed] = await Promise.all([
      getSection(v, slug),
      listFeed(v, null, EVERYTHING),
      can(v, "section.view", { kind: "section", id: section(slug).id }),
    ]);
    const inFeed = ids(feed).includes(item(key));
    expect({ page: page.status === "ok", allowed, inFeed }, "page, policy and feed agree").toEqual({ page: allowed, allowed, inFeed: allowed });
    return allowed;
  };
  const teamId = async (key: string) => (await h.db.select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.key, key)))[0]!.id;

  it.each([
    ["external", P.liveExt],
    ["organisational", P.liveOrg],
  ])("S2 %s: joining a team added to a restricted section grants it at once; leaving takes it away", async (_label, email) => {
    const personId = h.person(email);
    const team = await teamId("live-team");
    expect(await sees(email, "live-target", "live-item")).toBe(false);
    await h.db.insert(schema.teamMembers).values({ teamId: team, personId });
    try {
      expect(await sees(email, "live-target", "live-item")).toBe(true);
    } finally {
      await h.db.delete(schema.teamMembers).where(and(eq(schema.teamMembers.teamId, team), eq(schema.teamMembers.personId, personId)));
    }
    expect(await sees(email, "live-target", "live-item")).toBe(false);
  });

  it("S2 moving a team under a team added with children grants its members; the flag and moving back take it away", async () => {
    const v = P.liveMover;
    const [orphan, parent] = [await teamId("live-orphan"), await teamId("live-parent")];
    const sectionId = section("live-target-2").id;
    expect(await sees(v, "live-target-2", "live-item-2")).toBe(false);
    try {
      await h.db.update(schema.teams).set({ parentId: parent }).where(eq(schema.teams.id, orphan));
      await rebuildTeamClosure(h.db);
      expect(await sees(v, "live-target-2", "live-item-2")).toBe(true);

      await h.db.update(schema.sectionMemberTeams).set({ includeChildren: false }).where(eq(schema.sectionMemberTeams.sectionId, sectionId));
      expect(await sees(v, "live-target-2", "live-item-2")).toBe(false);
      await h.db.update(schema.sectionMemberTeams).set({ includeChildren: true }).where(eq(schema.sectionMemberTeams.sectionId, sectionId));
      expect(await sees(v, "live-target-2", "live-item-2")).toBe(true);
    } finally {
      await h.db.update(schema.teams).set({ parentId: null }).where(eq(schema.teams.id, orphan));
      await rebuildTeamClosure(h.db);
      await h.db.update(schema.sectionMemberTeams).set({ includeChildren: true }).where(eq(schema.sectionMemberTeams.sectionId, sectionId));
    }
    expect(await sees(v, "live-target-2", "live-item-2")).toBe(false);
  });
});


// ─────────────────────────────────────────────────────────────────────────────────────
// Consistency: the policy, the pages and the listings agree
// ─────────────────────────────────────────────────────────────────────────────────────

/** Every matrix person's path; people of the extra fixtures have none. */
const PATH_OF = new Map<string, MatrixPath>(AUDIENCES.flatMap((a) => PATHS.map((p) => [personEmail(a, p), p] as const)));
const chainOf = (path: MatrixPath) =>
  STATES.flatMap((s) => [grandparentSlug(path, s), parentSlug(path, s), targetSlug(path, s), ...(path === "child-section" ? [childSlug(path, s)] : [])]);
const MATRIX_SLUGS = new Set(PATHS.flatMap(chainOf));

/**
 * Where can() and the pages are asked one by one (a query each; every pair would take
 * minutes): a matrix person's own path — its sections, their news items and the items the
 * person wrote — and, for fixture people and the path-less people, every fixture section
 * and item. Every (person, item) and (person, section) pair is still compared through
 * the listings against the access predicates.
 */
function scopeOf(email: string): { sections: string[]; items: string[] } {
  const path = PATH_OF.get(email);
  const fixtures = path === undefined || path === "none";
  const sectionSlugs = [...(path ? chainOf(path) : []), ...(fixtures ? [...sectionsBySlug.keys()].filter((s) => !MATRIX_SLUGS.has(s)) : [])];
  const itemKeys = [...contentByKey.keys()].filter((key) => {
    if (path && STATES.some((s) => key === itemKey(path, s))) return true;
    if (path && AUDIENCES.some((a) => personEmail(a, path) === email && STATES.some((s) => key === minePublishedKey(a, path, s) || key === mineDraftKey(a, path, s)))) return true;
    return fixtures && !key.startsWith("item-") && !key.startsWith("mine-");
  });
  return { sections: sectionSlugs, items: itemKeys };
}

describe("consistency: can() agrees with the pages and listings", () => {
  it("C2 C4 every person × every item: the feed and my content hold exactly what visibleContent allows; can(content.view) and the item page agree", async () => {
    const rows = await h.db.select({ id: schema.content.id, status: schema.content.status, authorId: schema.content.authorId }).from(schema.content);
    const mismatches: string[] = [];
    let pairs = 0;
    for (const email of h.ids.people.keys()) {
      const v = await viewer(email);
      const allowed = new Set(
        (await h.db.select({ id: schema.content.id }).from(schema.content).where(visibleContent(v))).map((r) => r.id),
      );
      const feed = new Set(ids(await listFeed(v, null, EVERYTHING)));
      const mine = new Set(ids(await listMyContent(v, null, EVERYTHING)));
      for (const r of rows) {
        pairs++;
        const inFeed = r.status === "published" && allowed.has(r.id);
        if (feed.has(r.id) !== inFeed) mismatches.push(`${email} × ${r.id}: allowed=${allowed.has(r.id)}, in feed=${feed.has(r.id)}`);
        const inMine = r.authorId === v.id && allowed.has(r.id);
        if (mine.has(r.id) !== inMine) mismatches.push(`${email} × ${r.id}: allowed=${allowed.has(r.id)}, in my content=${mine.has(r.id)}`);
        // C2: the author always views their own drafts.
        if (r.authorId === v.id && r.status === "draft" && !allowed.has(r.id)) mismatches.push(`${email} × ${r.id}: own draft not allowed`);
      }
      for (const key of scopeOf(email).items) {
        const id = item(key);
        const may = await can(v, "content.view", { kind: "content", id });
        if (may !== allowed.has(id)) mismatches.push(`${email} × ${key}: can=${may}, listed=${allowed.has(id)}`);
        if (key.startsWith("mine-")) continue; // their pages are the matrix's "my content" cases
        const page = await getContent(v, id);
        if (may !== (page.status === "ok")) mismatches.push(`${email} × ${key}: can=${may}, page=${page.status}`);
        if (page.status === "ok") {
          // S7 C1: the controls the page offers (read with the item) are what can() allows.
          const resource = { kind: "content" as const, id };
          const expected = {
            edit: await can(v, "content.edit", resource),
            publish: await can(v, "content.publish", resource),
            delete: await can(v, "content.delete", resource),
            history: await can(v, "content.history", resource),
            share: (await listShareTargets(v, id)).length > 0,
          };
          if (JSON.stringify(expected) !== JSON.stringify(page.value.permissions))
            mismatches.push(`${email} × ${key}: can()=${JSON.stringify(expected)}, page offers ${JSON.stringify(page.value.permissions)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(pairs).toBe(h.ids.people.size * contentByKey.size);
  });

  it("S4–S6 every person × every section: home lists exactly the tops of what visibleSections allows; can(section.view) ⇔ section page ok", async () => {
    const all = await h.db.select({ id: schema.sections.id, slug: schema.sections.slug, parentId: schema.sections.parentId }).from(schema.sections);
    const mismatches: string[] = [];
    for (const email of h.ids.people.keys()) {
      const v = await viewer(email);
      const visible = new Set((await h.db.select({ id: schema.sections.id }).from(schema.sections).where(visibleSections(v))).map((r) => r.id));
      const reachable = new Set(slugs(await listReachableSections(v)));
      for (const s of all) {
        const top = visible.has(s.id) && (s.parentId === null || !visible.has(s.parentId));
        if (top !== reachable.has(s.slug)) mismatches.push(`${email} × ${s.slug}: top of the visible tree=${top}, on the home page=${reachable.has(s.slug)}`);
      }
      for (const slug of scopeOf(email).sections) {
        const id = section(slug).id;
        const [may, page] = await Promise.all([can(v, "section.view", { kind: "section", id }), getSection(v, slug)]);
        if (may !== visible.has(id)) mismatches.push(`${email} × ${slug}: can=${may}, visibleSections=${visible.has(id)}`);
        if (may !== (page.status === "ok")) mismatches.push(`${email} × ${slug}: can=${may}, page=${page.status}`);
        if (page.status === "forbidden" && Object.keys(page).length !== 1) mismatches.push(`${email} × ${slug}: the forbidden answer carries data`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// Pagination
// ─────────────────────────────────────────────────────────────────────────────────────

async function walk(fetchPage: (cursor: string | null) => Promise<Page<ContentSummary>>): Promise<ContentSummary[]> {
  const out: ContentSummary[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: Page<ContentSummary> = await fetchPage(cursor);
    out.push(...page.items);
    if (!page.next) return out;
    cursor = page.next;
  }
  throw new Error("pagination does not end");
}

describe("C4 pagination walks every visible item exactly once, newest first", () => {
  const VIEWERS = [NOBODY.organisational, NOBODY.external, NOBODY.webmaster, personEmail("external", "team-with-children"), P.shareExt, P.groupExtMember];

  it.each(VIEWERS)("feed, 7 at a time (three items share each minute): %s", async (email) => {
    const v = await viewer(email);
    const walked = await walk((cursor) => listFeed(v, cursor, 7));
    expect(new Set(ids(walked)).size).toBe(walked.length);
    for (let i = 1; i < walked.length; i++) expect(walked[i - 1]!.publishedAt!.getTime()).toBeGreaterThanOrEqual(walked[i]!.publishedAt!.getTime());
    // Exactly the published items the viewer may view.
    const allowed = await h.db
      .select({ id: schema.content.id })
      .from(schema.content)
      .where(and(visibleContent(v), eq(schema.content.status, "published")));
    expect(new Set(ids(walked))).toEqual(new Set(allowed.map((r) => r.id)));
    expect(ids(walked)).toEqual(ids(await listFeed(v, null, EVERYTHING)));
  });

  it.each([personEmail("external", "direct"), NOBODY.organisational, P.draftAuthor])("my content, 3 at a time: %s", async (email) => {
    const v = await viewer(email);
    const all = await listMyContent(v, null, EVERYTHING);
    const walked = await walk((cursor) => listMyContent(v, cursor, 3));
    expect(ids(walked)).toEqual(ids(all));
    expect(new Set(ids(walked)).size).toBe(walked.length);
    for (let i = 1; i < walked.length; i++) expect(walked[i - 1]!.updatedAt.getTime()).toBeGreaterThanOrEqual(walked[i]!.updatedAt.getTime());
  });

  it("a malformed cursor reads as the first page", async () => {
    const v = await viewer(NOBODY.organisational);
    expect(ids(await listFeed(v, "garbage", 5))).toEqual(ids(await listFeed(v, null, 5)));
  });

  /**
   * Regression: cursors once carried milliseconds (a JS Date) while PostgreSQL keeps
   * microseconds, so a page boundary between two rows of the same millisecond skipped
   * rows. Cursors now carry the database's own text of the timestamp.
   */
  it("C4 timestamps with microseconds: the feed still walks every item exactly once", async () => {
    const v = await viewer(NOBODY.organisational);
    const author = h.person(NEUTRAL_AUTHOR);
    const home = section("share-open").id;
    const inserted: string[] = [];
    try {
      for (const us of ["000100", "000200", "000300", "000400"]) {
        const [row] = await h.db
          .insert(schema.content)
          .values({ type: "news", title: `µs ${us}`, status: "published", authorId: author, homeSectionId: home, publishedAt: sql`${`2027-01-01T00:00:00.${us}Z`}::timestamptz` })
          .returning({ id: schema.content.id });
        inserted.push(row!.id);
      }
      const walked = ids(await walk((cursor) => listFeed(v, cursor, 1)));
      expect(walked.filter((id) => inserted.includes(id))).toEqual([...inserted].reverse());
    } finally {
      if (inserted.length) await h.db.delete(schema.content).where(inArray(schema.content.id, inserted));
    }
  });
});
