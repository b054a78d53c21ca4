/**
 * Writing in a group, called as a browser's POST would (G2, G5, G6, C1, M8): the same
 * authoring actions as for sections, with a group for a home. Members write and publish
 * their own items; the group's admins and webmasters change any item in it; someone who
 * leaves keeps nothing. Every refusal answers "no permission" and changes nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { contentVersions, groupMembers, groups } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";
import { AUTHORING_TABLES, created, expectProblem, expectRefused, itemRow as itemRowIn } from "./testing/authoring";

const actions = await import("./actions");
const { getContent } = await import("./item");
const { getContentForEdit, getContentHistory, getGroupCreateContext } = await import("./authoring-queries");
const { NO_HOME_MESSAGE, TWO_HOMES_MESSAGE } = await import("./schemas");

const X = (local: string) => `${local}@g.example`;
const ORG = {
  people: [
    { email: X("web"), name: "Wendy Web", audience: "organisational", roles: ["webmaster"] },
    { email: X("admin"), name: "Ada Admin", audience: "organisational" },
    { email: X("writer"), name: "Wren Writer", audience: "organisational" },
    { email: X("member"), name: "Milo Member", audience: "organisational" },
    { email: X("ext"), name: "Ezra External", audience: "external" },
    { email: X("out"), name: "Otis Outsider", audience: "organisational" },
    { email: X("extout"), name: "Ella Outsider", audience: "external" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: X("writer"), role: "editor" }] }],
  // The Groups switch is off (E5): the external member still writes in their own group (G3).
  groups: [
    {
      slug: "club",
      name: "Club",
      description: "",
      visibility: "private",
      members: [{ person: X("admin"), admin: true }, { person: X("writer") }, { person: X("member") }, { person: X("ext") }],
    },
    { slug: "open", name: "Open", description: "", visibility: "public", members: [{ person: X("admin"), admin: true }] },
    { slug: "hush", name: "Hush", description: "", visibility: "secret", members: [{ person: X("admin"), admin: true }] },
  ],
  content: [
    { key: "post", type: "news", title: "Club post", body: "<p>Post</p>", group: "club", author: X("writer"), status: "published" },
    { key: "draft", type: "news", title: "Club draft", body: "<p>Draft</p>", group: "club", author: X("writer"), status: "draft" },
  ],
};

let h: Harness;
const as = async (local: string) => (await signInAs(X(local)))!;
const group = (slug: string) => h.ids.groups.get(slug)!;
const itemRow = (id: string) => itemRowIn(h.db, id);
const base = { type: "news" as const, title: "In the club", body: "<p>Hello club</p>", intent: "save" as const };
const inClub = () => ({ ...base, groupId: group("club") });

async function setMember(local: string, slug: string, member: boolean) {
  const personId = h.person(X(local));
  if (member) await h.db.insert(groupMembers).values({ groupId: group(slug), personId }).onConflictDoNothing();
  else await h.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group(slug)), eq(groupMembers.personId, personId)));
}

beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

describe("creating in a group (C1, G2, G6)", () => {
  it("G2 G6 a member saves a draft in the group, then publishes it; version 1 and 2 name them; audited with the group (M8)", async () => {
    await as("writer");
    const id = await created(await actions.createContentAction(inClub()));
    expect(await itemRow(id)).toMatchObject({ status: "draft", homeGroupId: group("club"), homeSectionId: null, authorId: h.person(X("writer")), version: 1 });
    // G6: the draft is seen by its author and the group's admins, not by another member.
    expect((await getContent(await viewerOf(X("admin")), id)).status).toBe("ok");
    expect((await getContent(await viewerOf(X("member")), id)).status).toBe("forbidden");
    expect(await actions.setPublishedAction({ id, baseVersion: 1, publish: true })).toEqual({ ok: true, data: { id, version: 2 } });
    expect(await itemRow(id)).toMatchObject({ status: "published", version: 2 });
    expect((await getContent(await viewerOf(X("member")), id)).status).toBe("ok");
    const versions = await h.db.select().from(contentVersions).where(eq(contentVersions.contentId, id)).orderBy(contentVersions.version);
    expect(versions.map((v) => [v.version, v.status, v.editorName])).toEqual([
      [1, "draft", "Wren Writer"],
      [2, "published", "Wren Writer"],
    ]);
    const [audit] = rowsOf<{ details: { groupId?: number; sectionId?: number } | string }>(
      await h.db.execute(sql`select details from audit_events where action = 'content.create' and target_id = ${id}`),
    );
    const details = typeof audit!.details === "string" ? JSON.parse(audit!.details) : audit!.details;
    expect(details).toMatchObject({ groupId: group("club"), intent: "save" });
    expect(details.sectionId).toBeUndefined();
  });

  it("G6 a member publishes at once: groups have no editor role", async () => {
    await as("member");
    const id = await created(await actions.createContentAction({ ...inClub(), intent: "publish" }));
    expect(await itemRow(id)).toMatchObject({ status: "published", homeGroupId: group("club") });
  });

  it("G3 E5 an external member writes in their group with the Groups switch off", async () => {
    await as("ext");
    const id = await created(await actions.createContentAction({ ...inClub(), intent: "publish" }));
    expect(await itemRow(id)).toMatchObject({ status: "published", authorId: h.person(X("ext")) });
  });

  it("G5 a webmaster writes in any group, a secret one they are not in included", async () => {
    await as("web");
    await created(await actions.createContentAction({ ...base, intent: "publish", groupId: group("hush") }));
  });

  it("G2 non-members may not write: a public group's reader, a private group's outsider, an external outsider", async () => {
    await as("out");
    await expectRefused(() => actions.createContentAction({ ...base, groupId: group("open") }));
    await expectRefused(() => actions.createContentAction(inClub()));
    await as("extout");
    await expectRefused(() => actions.createContentAction(inClub()));
    await as("member");
    await expectRefused(() => actions.createContentAction({ ...base, groupId: group("hush") }));
  });

  it("C5 a group that became secret to a non-member: refused exactly as a group that does not exist", async () => {
    await h.db.update(groups).set({ visibility: "secret" }).where(eq(groups.id, group("open")));
    try {
      await as("out");
      const secret = await expectUnchanged(AUTHORING_TABLES, () => actions.createContentAction({ ...base, groupId: group("open") }));
      const missing = await expectUnchanged(AUTHORING_TABLES, () => actions.createContentAction({ ...base, groupId: 987_654 }));
      expect(secret).toEqual(missing);
      expect(JSON.stringify(secret)).not.toContain("Open");
    } finally {
      await h.db.update(groups).set({ visibility: "public" }).where(eq(groups.id, group("open")));
    }
  });

  it("C1 Q3 bad input: no home, or both homes, is refused with a clear message and changes nothing", async () => {
    await as("writer");
    await expectProblem(() => actions.createContentAction(base), { ok: false, fieldErrors: { sectionId: NO_HOME_MESSAGE } });
    await expectProblem(() => actions.createContentAction({ ...inClub(), sectionId: h.section("news") }), { ok: false, fieldErrors: { groupId: TWO_HOMES_MESSAGE } });
    await expectProblem(() => actions.createContentAction({ ...base, groupId: "club" }), { ok: false, fieldErrors: { groupId: expect.any(String) } });
    await expectProblem(() => actions.createContentAction({ ...inClub(), title: " " }), { ok: false, fieldErrors: { title: "Enter a title." } });
  });

  it("G2 the new-item page: 404 for who may not see the group (as for none), 403 for who sees it but may not post", async () => {
    expect(await getGroupCreateContext(await viewerOf(X("writer")), "club")).toMatchObject({ status: "ok", value: { home: { kind: "group", slug: "club", title: "Club" }, mayPublish: true } });
    expect(await getGroupCreateContext(await viewerOf(X("ext")), "club")).toMatchObject({ status: "ok" });
    expect(await getGroupCreateContext(await viewerOf(X("web")), "hush")).toMatchObject({ status: "ok" });
    expect(await getGroupCreateContext(await viewerOf(X("out")), "club")).toEqual({ status: "forbidden" });
    expect(await getGroupCreateContext(await viewerOf(X("out")), "open")).toEqual({ status: "forbidden" });
    expect(await getGroupCreateContext(await viewerOf(X("out")), "hush")).toEqual({ status: "not-found" });
    expect(await getGroupCreateContext(await viewerOf(X("extout")), "club")).toEqual({ status: "not-found" });
    expect(await getGroupCreateContext(await viewerOf(X("out")), "no-such-group")).toEqual({ status: "not-found" });
    expect(await getGroupCreateContext(await viewerOf(X("out")), "club\u0000")).toEqual({ status: "not-found" });
  });
});

describe("changing a group item (G5, G6)", () => {
  it("G6 its author edits and unpublishes it while a member; another member may not touch it", async () => {
    const id = h.content("post");
    await as("member");
    await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
    await expectRefused(() => actions.setPublishedAction({ id, baseVersion: 1, publish: false }));
    await expectRefused(() => actions.deleteContentAction({ id, confirmed: true }));
    expect(await getContentForEdit(await viewerOf(X("member")), id)).toEqual({ status: "forbidden" });
    expect(await getContentHistory(await viewerOf(X("member")), id)).toEqual({ status: "forbidden" });

    await as("writer");
    // A plain save keeps it published: the author may publish (no editor's approval in a group).
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 1, title: "Club post, edited" })).toEqual({ ok: true, data: { id, version: 2, status: "published" } });
    expect(await actions.setPublishedAction({ id, baseVersion: 2, publish: false })).toMatchObject({ ok: true });
    expect(await actions.setPublishedAction({ id, baseVersion: 3, publish: true })).toMatchObject({ ok: true });
    const history = await getContentHistory(await viewerOf(X("writer")), id);
    expect(history.status === "ok" && history.value.versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(history.status === "ok" && history.value.group).toEqual({ slug: "club", name: "Club" });
  });

  it("G5 the group's admin edits, unpublishes and deletes another member's item; so does a webmaster", async () => {
    await as("member");
    const id = await created(await actions.createContentAction({ ...inClub(), title: "Milo's post", intent: "publish" }));
    await as("admin");
    expect(await getContentForEdit(await viewerOf(X("admin")), id)).toMatchObject({ status: "ok", value: { group: { slug: "club", name: "Club" }, home: null, mayPublish: true } });
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 1, title: "Milo's post, moderated" })).toMatchObject({ ok: true, data: { status: "published" } });
    expect(await actions.setPublishedAction({ id, baseVersion: 2, publish: false })).toMatchObject({ ok: true });
    await as("web");
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 3, intent: "publish" })).toMatchObject({ ok: true, data: { status: "published" } });
    await as("admin");
    expect(await actions.deleteContentAction({ id, confirmed: true })).toMatchObject({ ok: true });
    expect(await itemRow(id)).toBeUndefined();
  });

  it("G5 G6 a former member keeps nothing of their own item: no edit, publish, delete or history", async () => {
    await as("writer");
    const id = await created(await actions.createContentAction({ ...inClub(), title: "Wren's last post", intent: "publish" }));
    const draft = await created(await actions.createContentAction({ ...inClub(), title: "Wren's last draft" }));
    await setMember("writer", "club", false);
    try {
      await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
      await expectRefused(() => actions.setPublishedAction({ id, baseVersion: 1, publish: false }));
      await expectRefused(() => actions.deleteContentAction({ id, confirmed: true }));
      await expectRefused(() => actions.updateContentAction({ ...base, id: draft, baseVersion: 1 }));
      await expectRefused(() => actions.deleteContentAction({ id: draft, confirmed: true }));
      // A private group's item is no longer theirs to read; their own draft is (G6), without controls.
      expect(await getContent(await viewerOf(X("writer")), id)).toEqual({ status: "forbidden" });
      const ownDraft = await getContent(await viewerOf(X("writer")), draft);
      expect(ownDraft.status === "ok" && ownDraft.value.permissions).toEqual({ edit: false, publish: false, delete: false, history: false, share: false });
      expect(await getContentForEdit(await viewerOf(X("writer")), draft)).toEqual({ status: "forbidden" });
      // The admin still moderates both.
      await as("admin");
      expect(await actions.deleteContentAction({ id: draft, confirmed: true })).toMatchObject({ ok: true });
    } finally {
      await setMember("writer", "club", true);
    }
  });

  it("C1 a stale form is refused with a clear message; nothing is overwritten", async () => {
    await as("writer");
    const id = await created(await actions.createContentAction({ ...inClub(), title: "Contested" }));
    await as("admin");
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 1, title: "Admin's change" })).toMatchObject({ ok: true });
    await as("writer");
    await expectProblem(() => actions.updateContentAction({ ...base, id, baseVersion: 1, title: "Wren's late change" }), {
      ok: false,
      formError: expect.stringMatching(/changed by Ada Admin after you started .*your text is still here/),
    });
    expect((await itemRow(id))!.title).toBe("Admin's change");
  });

  it("G5 G6 the item page offers the controls can() allows: the author and the admin all, another member none", async () => {
    const id = h.content("draft");
    const all = { edit: true, publish: true, delete: true, history: true };
    const offered = async (local: string) => {
      const r = await getContent(await viewerOf(X(local)), id);
      if (r.status !== "ok") return r.status;
      const { share: _share, ...rest } = r.value.permissions;
      return rest;
    };
    expect(await offered("writer")).toEqual(all);
    expect(await offered("admin")).toEqual(all);
    expect(await offered("web")).toEqual(all);
    expect(await offered("member")).toBe("forbidden");
  });
});
