/**
 * The read side of groups (G1, G3, G6, E5, C5): who sees which group in the directory and
 * on its page, what the page holds for each of them (members, content, drafts), search,
 * filters and keyset pages, and the group named beside an item only to whoever may see it.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import type { Viewer } from "@/lib/access/types";

const { getGroupPage, listGroups, GROUP_MEMBER_LIMIT, GROUP_PAGE_SIZE } = await import("./queries");
const { membershipState } = await import("./membership-state");
const { groupDirectoryParams } = await import("./directory-params");
const { getContent } = await import("@/lib/content/item");
const { listFeed, PAGE_SIZE } = await import("@/lib/content/listings");
const { listGroupFiles, GROUP_FILES_PAGE_SIZE } = await import("@/lib/group-docs/queries");

const D = "groups-read.test";
const e = (name: string) => `${name}@${D}`;

/** Many public groups, for paging: "Club 01" … "Club 40", and a crowd for a big member list. */
const CLUBS = Array.from({ length: 40 }, (_, i) => `club-${String(i + 1).padStart(2, "0")}`);
const PUBLISHED = Array.from({ length: PAGE_SIZE + 5 }, (_, i) => `pub-${i + 1}`);
const CROWD = Array.from({ length: GROUP_MEMBER_LIMIT + 7 }, (_, i) => e(`crowd-${String(i).padStart(3, "0")}`));

const members = [
  { person: e("org-admin"), admin: true },
  { person: e("org-member") },
  { person: e("ext-member") },
];
const item = (key: string, home: { group: string } | { section: string }, extra: Partial<OrgFile["content"][number]> = {}): OrgFile["content"][number] => ({
  key,
  type: "news",
  title: `Item ${key}`,
  body: "<p>text</p>",
  ...home,
  author: e("org-admin"),
  status: "published",
  publishedAt: "2026-10-01T09:00:00Z",
  ...extra,
});

const org: OrgFile = {
  teams: [],
  locations: [],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("org-admin"), name: "Ada Admin", audience: "organisational" },
    { email: e("org-member"), name: "Mo Member", audience: "organisational" },
    { email: e("org-outsider"), name: "Olga Outside", audience: "organisational" },
    { email: e("ext-member"), name: "Xavi Partner", audience: "external" },
    { email: e("ext-outsider"), name: "Yara Newcomer", audience: "external" },
    ...CROWD.map((email, i) => ({ email, name: `Crowd ${String(i).padStart(3, "0")}`, audience: "organisational" as const })),
  ],
  sections: [{ slug: "open", title: "Open", parent: null, restricted: false }],
  content: [
    // More than a page of them, some published at the same moment (the id breaks the tie).
    ...PUBLISHED.map((key, i) => item(key, { group: "g-public" }, { publishedAt: `2026-10-${String(1 + Math.floor(i / 2)).padStart(2, "0")}T09:00:00Z` })),
    item("pub-draft-admin", { group: "g-public" }, { status: "draft", publishedAt: undefined }),
    item("pub-draft-member", { group: "g-public" }, { status: "draft", publishedAt: undefined, author: e("org-member") }),
    item("priv-1", { group: "g-private" }),
    item("sec-1", { group: "g-secret" }),
    // G6: homed in the secret group, shared into an open section: visible to all staff, its group to none but members.
    item("sec-shared", { group: "g-secret" }, { sharedInto: ["open"], title: "Item sec-shared" }),
    item("section-item", { section: "open" }),
  ],
  groups: [
    { slug: "g-public", name: "Public pals", description: "Anyone may read.", visibility: "public", members: [...members, ...CROWD.map((person) => ({ person }))] },
    { slug: "g-private", name: "Private planners", description: "By request.", visibility: "private", members, requests: [{ person: e("org-outsider"), message: "May I?" }] },
    { slug: "g-secret", name: "Secret squirrels", description: "Invitation only.", visibility: "secret", members },
    ...CLUBS.map((slug, i) => ({ slug, name: `Club ${String(i + 1).padStart(2, "0")}`, description: "", visibility: "public" as const, members: [] })),
  ],
  settings: { externalAccess: { groups: false } },
};

let harness: Harness;
const as = (name: string) => viewerOf(e(name));

async function setGroupsSwitch(on: boolean) {
  await harness.db
    .update(schema.settings)
    .set({ value: sql`${schema.settings.value} || jsonb_build_object('groups', ${on}::boolean)` })
    .where(eq(schema.settings.key, "externalAccess"));
}

/** Every card of the directory for `viewer`, following the pages. */
async function allCards(viewer: Viewer, params: { filter?: "all" | "mine" | "public" | "private" | "secret"; q?: string } = {}, limit = GROUP_PAGE_SIZE) {
  const slugs: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page: Awaited<ReturnType<typeof listGroups>> = await listGroups(viewer, { filter: params.filter ?? "all", q: params.q ?? "", after }, limit);
    slugs.push(...page.items.map((g) => g.slug));
    after = page.next;
    if (!after) return slugs;
  }
  throw new Error("the directory never ended");
}

const THREE = ["g-private", "g-public", "g-secret"];
const named = (slugs: string[]) => slugs.filter((s) => THREE.includes(s)).sort();

beforeAll(async () => {
  harness = await createHarness(org);
});
afterAll(() => harness.close());

describe("the directory (G1, G3, E5)", () => {
  // Who sees which of the three groups, with the Groups switch off and on (it changes externals only).
  const MATRIX: [string, string[], string[]][] = [
    ["web", THREE, THREE],
    ["org-admin", THREE, THREE],
    ["org-member", THREE, THREE],
    ["org-outsider", ["g-private", "g-public"], ["g-private", "g-public"]],
    ["ext-member", THREE, THREE],
    ["ext-outsider", [], ["g-private", "g-public"]],
  ];

  it.each(MATRIX)("G1 G3 E5 %s sees %j with the switch off, %j with it on", async (who, off, on) => {
    const viewer = await as(who);
    expect(named(await allCards(viewer))).toEqual(off);
    await setGroupsSwitch(true);
    try {
      expect(named(await allCards(viewer))).toEqual(on);
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("G3 an external person without the switch sees only their own groups: no clubs either", async () => {
    expect(await allCards(await as("ext-outsider"))).toEqual([]);
    expect((await allCards(await as("ext-member"))).sort()).toEqual(THREE);
  });

  it("lists name order, pages without gaps or duplicates, whatever the page size (keyset)", async () => {
    const viewer = await as("org-outsider");
    const whole = await allCards(viewer, {}, 1000);
    expect(whole).toHaveLength(CLUBS.length + 2);
    const names = (await listGroups(viewer, { filter: "all", q: "", after: null }, 1000)).items.map((g) => g.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const size of [1, 7, GROUP_PAGE_SIZE]) expect(await allCards(viewer, {}, size)).toEqual(whole);
    // A tampered cursor reads as the first page.
    const first = await listGroups(viewer, { filter: "all", q: "", after: "not-a-cursor" }, 5);
    expect(first.items.map((g) => g.slug)).toEqual(whole.slice(0, 5));
  });

  it("cards carry the member count (counted in SQL) and the viewer's own place", async () => {
    const cards = (await listGroups(await as("org-admin"), { filter: "mine", q: "", after: null })).items;
    const bySlug = Object.fromEntries(cards.map((c) => [c.slug, c]));
    expect(Object.keys(bySlug).sort()).toEqual(THREE);
    expect(bySlug["g-public"]).toMatchObject({ name: "Public pals", description: "Anyone may read.", visibility: "public", memberCount: 3 + CROWD.length, membership: "admin" });
    expect(bySlug["g-private"]).toMatchObject({ memberCount: 3, membership: "admin" });
    const other = (await listGroups(await as("org-member"), { filter: "all", q: "planners", after: null })).items;
    expect(other).toEqual([expect.objectContaining({ slug: "g-private", membership: "member" })]);
    const outsider = (await listGroups(await as("org-outsider"), { filter: "all", q: "Club 01", after: null })).items;
    expect(outsider).toEqual([expect.objectContaining({ slug: "club-01", membership: "none", memberCount: 0 })]);
  });

  it("filters: My groups, Public, Private; Secret only for webmasters (G1)", async () => {
    const member = await as("org-member");
    expect((await allCards(member, { filter: "mine" })).sort()).toEqual(THREE);
    expect(await allCards(member, { filter: "private" })).toEqual(["g-private"]);
    expect(await allCards(member, { filter: "public" })).toHaveLength(CLUBS.length + 1);
    // Secret is not offered to anyone but webmasters; asked for anyway it lists nothing.
    expect(await allCards(member, { filter: "secret" })).toEqual([]);
    expect(groupDirectoryParams({ filter: "secret" }, member).filter).toBe("all");
    const web = await as("web");
    expect(groupDirectoryParams({ filter: "secret" }, web).filter).toBe("secret");
    expect(await allCards(web, { filter: "secret" })).toEqual(["g-secret"]);
    expect(await allCards(web, { filter: "mine" })).toEqual([]);
  });

  it("searches names case-insensitively, wildcards literal, secret groups not found by outsiders (G1)", async () => {
    const outsider = await as("org-outsider");
    expect(await allCards(outsider, { q: "PUBLIC" })).toEqual(["g-public"]);
    expect(await allCards(outsider, { q: "squirrel" })).toEqual([]);
    expect(await allCards(await as("org-member"), { q: "squirrel" })).toEqual(["g-secret"]);
    expect(await allCards(outsider, { q: "%" })).toEqual([]);
    expect(await allCards(outsider, { q: "_" })).toEqual([]);
    expect(await allCards(outsider, { q: "Club 1" })).toEqual(CLUBS.slice(9, 19));
  });

  it("refuses a search with control characters with a message, and lists as if none was typed", () => {
    const params = groupDirectoryParams({ q: "club\u0000", filter: "nonsense" }, { isWebmaster: false });
    expect(params).toMatchObject({ q: "", filter: "all" });
    expect(params.searchError).toMatch(/control characters/);
    expect(groupDirectoryParams({ q: "x".repeat(101) }, { isWebmaster: false }).searchError).toMatch(/at most 100/);
    expect(groupDirectoryParams({ q: "  pals " }, { isWebmaster: false })).toMatchObject({ q: "pals", searchError: null });
  });
});

describe("the group page (G1, G3, G6, E5, C5)", () => {
  type Answer = "full" | "summary" | "not-found";
  // [person, public, private, secret] with the switch off; externals change with it on (below).
  const PAGES: [string, Answer, Answer, Answer][] = [
    ["web", "full", "full", "full"],
    ["org-admin", "full", "full", "full"],
    ["org-member", "full", "full", "full"],
    ["org-outsider", "full", "summary", "not-found"],
    ["ext-member", "full", "full", "full"],
    ["ext-outsider", "not-found", "not-found", "not-found"],
  ];
  const answer = async (viewer: Viewer, slug: string): Promise<Answer> => {
    const page = await getGroupPage(viewer, slug);
    return page.status === "ok" ? page.value.access : (page.status as Answer);
  };

  it.each(PAGES)("C5 G1 G3 %s: public %s, private %s, secret %s", async (who, pub, priv, sec) => {
    const viewer = await as(who);
    expect([await answer(viewer, "g-public"), await answer(viewer, "g-private"), await answer(viewer, "g-secret")]).toEqual([pub, priv, sec]);
  });

  it("E5 G3 with the Groups switch on, an external outsider reads public groups and sees private ones' summary; never secret ones", async () => {
    await setGroupsSwitch(true);
    try {
      const viewer = await as("ext-outsider");
      expect([await answer(viewer, "g-public"), await answer(viewer, "g-private"), await answer(viewer, "g-secret")]).toEqual(["full", "summary", "not-found"]);
    } finally {
      await setGroupsSwitch(false);
    }
  });

  it("C5 a group one may not see answers exactly as a slug that does not exist", async () => {
    for (const who of ["org-outsider", "ext-outsider"]) {
      const viewer = await as(who);
      expect(await getGroupPage(viewer, "g-secret")).toEqual(await getGroupPage(viewer, "no-such-group"));
    }
    expect(await getGroupPage(await as("web"), "")).toEqual({ status: "not-found" });
  });

  it("G1 G3 G5 E5 the page's membership controls, read by its own query, are what membershipState says, switch off and on", async () => {
    const states: string[] = [];
    for (const on of [false, true]) {
      await setGroupsSwitch(on);
      try {
        for (const who of ["web", "org-admin", "org-member", "org-outsider", "ext-member", "ext-outsider"]) {
          const viewer = await as(who);
          for (const slug of THREE) {
            const page = await getGroupPage(viewer, slug);
            if (page.status !== "ok") continue;
            const alone = await membershipState(viewer, page.value.id);
            expect(page.value.membershipState, `${who} on ${slug}, switch ${on}`).toEqual(alone);
            states.push(`${who} ${slug} ${page.value.membershipState.state}`);
          }
        }
      } finally {
        await setGroupsSwitch(false);
      }
    }
    // The comparison met every kind of standing the fixture has.
    expect(states).toEqual(expect.arrayContaining(["org-admin g-public admin", "org-member g-public member", "org-outsider g-private requested", "org-outsider g-public none", "ext-outsider g-public none"]));
    const only = await getGroupPage(await as("org-admin"), "g-private");
    expect(only.status === "ok" && only.value.membershipState).toEqual({ state: "admin", mayJoin: false, mayRequest: false, onlyAdmin: true });
    const outsider = await getGroupPage(await as("org-outsider"), "g-public");
    expect(outsider.status === "ok" && outsider.value.membershipState).toEqual({ state: "none", mayJoin: true, mayRequest: false, onlyAdmin: false });
  });

  it("G1 a private group's summary: name, description, visibility, member count and no members or content", async () => {
    const page = await getGroupPage(await as("org-outsider"), "g-private");
    expect(page).toEqual({
      status: "ok",
      value: { id: expect.any(Number), slug: "g-private", name: "Private planners", description: "By request.", visibility: "private", memberCount: 3, membership: "none", canManage: false, membershipState: { state: "requested", mayJoin: false, mayRequest: false, onlyAdmin: false }, access: "summary" },
    });
  });

  it("members: admins first, then by name, at most GROUP_MEMBER_LIMIT, all counted", async () => {
    const page = await getGroupPage(await as("org-outsider"), "g-public");
    if (page.status !== "ok" || page.value.access !== "full") throw new Error("expected the full page");
    expect(page.value.memberCount).toBe(3 + CROWD.length);
    expect(page.value.members).toHaveLength(GROUP_MEMBER_LIMIT);
    expect(page.value.members[0]).toMatchObject({ name: "Ada Admin", isAdmin: true });
    const rest = page.value.members.slice(1).map((m) => m.name);
    expect(rest).toEqual([...rest].sort());
    expect(page.value.members.slice(1).every((m) => !m.isAdmin)).toBe(true);
  });

  it("G6 content: published items newest first; drafts to their author and the group's admins; webmasters all", async () => {
    const keyOf = new Map([...harness.ids.content].map(([k, id]) => [id, k]));
    const read = async (who: string) => {
      const page = await getGroupPage(await as(who), "g-public");
      if (page.status !== "ok" || page.value.access !== "full") throw new Error("expected the full page");
      return { content: page.value.content.items.length, drafts: page.value.drafts.map((i) => keyOf.get(i.id)).sort() };
    };
    expect(await read("org-outsider")).toEqual({ content: PAGE_SIZE, drafts: [] });
    expect(await read("org-member")).toEqual({ content: PAGE_SIZE, drafts: ["pub-draft-member"] });
    expect(await read("org-admin")).toEqual({ content: PAGE_SIZE, drafts: ["pub-draft-admin", "pub-draft-member"] });
    expect(await read("web")).toEqual({ content: PAGE_SIZE, drafts: ["pub-draft-admin", "pub-draft-member"] });
    // A private group's content is its members' (G6); its summary carries none (above).
    const priv = await getGroupPage(await as("ext-member"), "g-private");
    if (priv.status !== "ok" || priv.value.access !== "full") throw new Error("expected the full page");
    expect(priv.value.content.items.map((i) => keyOf.get(i.id))).toEqual(["priv-1"]);
  });

  it("G6 content pages: newest first, and the pages joined are every published item once (keyset, ties by id)", async () => {
    const keyOf = new Map([...harness.ids.content].map(([k, id]) => [id, k]));
    const viewer = await as("org-outsider");
    const seen: { key: string; at: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await getGroupPage(viewer, "g-public", { cursor });
      if (page.status !== "ok" || page.value.access !== "full") throw new Error("expected the full page");
      // Drafts belong to the first page only.
      if (cursor) expect(page.value.drafts).toEqual([]);
      seen.push(...page.value.content.items.map((i) => ({ key: keyOf.get(i.id)!, at: i.publishedAt!.getTime() })));
      cursor = page.value.content.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.map((s) => s.key).sort()).toEqual([...PUBLISHED].sort());
    expect(seen.map((s) => s.at)).toEqual([...seen.map((s) => s.at)].sort((a, b) => b - a));
    // A tampered cursor reads as the first page.
    const tampered = await getGroupPage(viewer, "g-public", { cursor: "x" });
    if (tampered.status !== "ok" || tampered.value.access !== "full") throw new Error("expected the full page");
    expect(tampered.value.content.items.map((i) => keyOf.get(i.id))).toEqual(seen.slice(0, PAGE_SIZE).map((s) => s.key));
  });

  it("G7 the page's files, read in its own query, are exactly listGroupFiles' answer, page by page; none in a summary", async () => {
    const ids = Object.fromEntries(
      (await harness.db.select({ slug: schema.groups.slug, id: schema.groups.id }).from(schema.groups)).map((g) => [g.slug, g.id]),
    );
    const [uploader] = await harness.db.select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.email, e("org-member")));
    // More than a page of files in the public and private groups, two updated at the same moment (the id breaks the tie).
    for (const slug of ["g-public", "g-private"]) {
      for (let i = 0; i < GROUP_FILES_PAGE_SIZE + 3; i++) {
        const updatedAt = new Date(Date.UTC(2026, 9, 1 + Math.floor(i / 2)));
        const [file] = await harness.db
          .insert(schema.groupFiles)
          .values({ groupId: ids[slug]!, name: `${slug} file ${i}.pdf`, uploaderId: uploader!.id, updatedAt })
          .returning({ id: schema.groupFiles.id });
        await harness.db.insert(schema.groupFileVersions).values({ fileId: file!.id, number: 1, storageKey: crypto.randomUUID(), byteSize: 1000 + i, mimeType: "application/pdf", uploaderId: uploader!.id });
      }
    }
    try {
      for (const [who] of PAGES) {
        const viewer = await as(who);
        for (const slug of ["g-public", "g-private"]) {
          let filesCursor: string | null = null;
          for (let guard = 0; guard < 5; guard++) {
            const page = await getGroupPage(viewer, slug, { filesCursor });
            const listed = await listGroupFiles(viewer, ids[slug]!, { cursor: filesCursor });
            if (page.status !== "ok" || page.value.access !== "full") {
              expect(listed.status, `${who} ${slug}`).not.toBe("ok");
              break;
            }
            expect(listed.status).toBe("ok");
            if (listed.status !== "ok") break;
            expect(page.value.files, `${who} ${slug}`).toEqual(listed.value);
            filesCursor = page.value.files.next;
            if (!filesCursor) break;
          }
        }
      }
      const member = await getGroupPage(await as("org-member"), "g-public");
      expect(member.status === "ok" && member.value.access === "full" && member.value.files.files.length).toBe(GROUP_FILES_PAGE_SIZE);
      expect(member.status === "ok" && member.value.access === "full" && member.value.files.mayUpload).toBe(true);
      const outsider = await getGroupPage(await as("org-outsider"), "g-private");
      expect(outsider.status === "ok" && outsider.value.access).toBe("summary");
      expect(JSON.stringify(outsider)).not.toContain("file 0");
    } finally {
      await harness.db.delete(schema.groupFiles).where(sql`${schema.groupFiles.groupId} in (${ids["g-public"]!}, ${ids["g-private"]!})`);
    }
  });

  it("G5 membership and the Manage link: admins and webmasters", async () => {
    const get = async (who: string, slug: string) => {
      const page = await getGroupPage(await as(who), slug);
      return page.status === "ok" ? [page.value.membership, page.value.canManage] : page.status;
    };
    expect(await get("org-admin", "g-secret")).toEqual(["admin", true]);
    expect(await get("org-member", "g-secret")).toEqual(["member", false]);
    expect(await get("ext-member", "g-private")).toEqual(["member", false]);
    expect(await get("org-outsider", "g-public")).toEqual(["none", false]);
    expect(await get("web", "g-secret")).toEqual(["none", true]);
  });
});

describe("an item's group (G6, G1)", () => {
  it("G6 names the group beside a group item only to whoever may see the group", async () => {
    const id = harness.content("sec-shared");
    const outsider = await getContent(await as("org-outsider"), id);
    expect(outsider.status).toBe("ok");
    if (outsider.status === "ok") expect(outsider.value.group).toBeNull();
    const member = await getContent(await as("org-member"), id);
    if (member.status !== "ok") throw new Error("the member views the item");
    expect(member.value.group).toEqual({ slug: "g-secret", name: "Secret squirrels" });
    const pub = await getContent(await as("org-outsider"), harness.content("pub-1"));
    if (pub.status !== "ok") throw new Error("a public group's item is readable");
    expect(pub.value.group).toEqual({ slug: "g-public", name: "Public pals" });
  });

  it("G6 the feed links a group item to its group, and names no group the viewer may not see", async () => {
    const byKey = async (who: string) => {
      const feed = await listFeed(await as(who), null, 100);
      const keyOf = new Map([...harness.ids.content].map(([k, id]) => [id, k]));
      return Object.fromEntries(feed.items.map((i) => [keyOf.get(i.id)!, i.group?.slug ?? null]));
    };
    const outsider = await byKey("org-outsider");
    expect(outsider).toMatchObject({ "pub-1": "g-public", "sec-shared": null, "section-item": null });
    expect(outsider).not.toHaveProperty("sec-1");
    expect(outsider).not.toHaveProperty("priv-1");
    const member = await byKey("org-member");
    expect(member).toMatchObject({ "sec-shared": "g-secret", "sec-1": "g-secret", "priv-1": "g-private" });
  });
});
