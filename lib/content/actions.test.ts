/**
 * Authoring actions, called directly as a browser's POST would: each allowed
 * case succeeds, and each refused case answers "no permission" AND leaves the database
 * exactly as it was (content, versions, shares, poll options and votes, uploads).
 * Rules: C1 (sharing, one item one history), C2 (drafts), C5, C6 (sanitised on save),
 * E3 (votes), S7 (roles cascade; externals with a role), M8 (audit).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import { content, contentShares, pollOptions, pollVotes, sectionRoles } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";
import { AUTHORING_TABLES, created, expectProblem, expectRefused, itemRow as itemRowIn, versionsOf as versionsIn } from "./testing/authoring";
import { expandDueEvents } from "@/lib/notifications/fan-out";

const actions = await import("./actions");
const { getContent } = await import("./item");
const { getContentForEdit, getContentHistory, getCreateContext, getItemPermissions, listShareTargets } = await import("./authoring-queries");
const { listSectionContent } = await import("./listings");

const ORG = {
  people: [
    { email: "web@x.example", name: "Wendy Web", audience: "organisational", roles: ["webmaster"] },
    { email: "man@x.example", name: "Manny Manager", audience: "organisational" },
    { email: "ed@x.example", name: "Eddie Editor", audience: "organisational" },
    { email: "au@x.example", name: "Audrey Author", audience: "organisational" },
    { email: "au2@x.example", name: "Arthur Author", audience: "organisational" },
    { email: "hred@x.example", name: "Hana HR-Editor", audience: "organisational" },
    { email: "plain@x.example", name: "Pat Plain", audience: "organisational" },
    { email: "ext@x.example", name: "Ezra External", audience: "external" },
    { email: "extplain@x.example", name: "Ella External", audience: "external" },
  ],
  sections: [
    {
      slug: "news",
      title: "News",
      parent: null,
      restricted: false,
      roles: [
        { person: "man@x.example", role: "manager" },
        { person: "ed@x.example", role: "editor" },
        { person: "au@x.example", role: "author" },
        { person: "au2@x.example", role: "author" },
      ],
    },
    { slug: "news-sub", title: "News sub", parent: "news", restricted: false },
    {
      slug: "hr",
      title: "HR",
      parent: null,
      restricted: false,
      roles: [
        { person: "hred@x.example", role: "editor" },
        { person: "ed@x.example", role: "editor" },
      ],
    },
    {
      slug: "partners",
      title: "Partners",
      parent: null,
      restricted: true,
      members: ["extplain@x.example"],
      roles: [
        { person: "ext@x.example", role: "author" },
        { person: "man@x.example", role: "manager" },
      ],
    },
    { slug: "closed", title: "Closed", parent: null, restricted: true },
  ],
  content: [
    { key: "pub", type: "news", title: "Published news", body: "<p>Hello world</p>", section: "news", author: "au@x.example", status: "published" },
    { key: "draft", type: "news", title: "Audrey's draft", body: "<p>Draft text</p>", section: "news", author: "au@x.example", status: "draft" },
    { key: "hrpage", type: "page", title: "HR page", body: "<p>HR</p>", section: "hr", author: "hred@x.example", status: "published" },
    { key: "poll", type: "poll", title: "Lunch?", body: "", section: "news", author: "ed@x.example", status: "published", options: ["Soup", "Salad"] },
    { key: "poll2", type: "poll", title: "Other poll", body: "", section: "hr", author: "hred@x.example", status: "published", options: ["A", "B"] },
    { key: "dpoll", type: "poll", title: "Draft poll", body: "", section: "news", author: "au@x.example", status: "draft", options: ["X", "Y"] },
    { key: "ppoll", type: "poll", title: "Partners poll", body: "", section: "partners", author: "man@x.example", status: "published", options: ["P", "Q"] },
  ],
};

let harness: Harness;
let conn: Connection;
let S: Map<string, number>;
let C: Map<string, string>;
const as = async (email: string) => (await signInAs(`${email}@x.example`))!;

const base = { type: "news" as const, title: "A title", body: "<p>Body</p>", intent: "save" as const };

const itemRow = (id: string) => itemRowIn(conn.db, id);
const versionsOf = (id: string) => versionsIn(conn.db, id);

beforeAll(async () => {
  harness = await createHarness(ORG);
  conn = harness.conn;
  S = harness.ids.sections;
  C = harness.ids.content;
});
afterAll(async () => harness?.close());

describe("create (C1, S7)", () => {
  it("an author saves a draft in their section and in a section below it; version 1 is recorded with their name", async () => {
    await as("au");
    const id = await created(await actions.createContentAction({ ...base, sectionId: S.get("news")! }));
    expect(await itemRow(id)).toMatchObject({ status: "draft", authorId: harness.person("au@x.example"), version: 1, publishedAt: null });
    expect(await versionsOf(id)).toMatchObject([{ version: 1, title: "A title", status: "draft", editorName: "Audrey Author", details: {} }]);
    await created(await actions.createContentAction({ ...base, sectionId: S.get("news-sub")! }));
  });

  it("an author may not publish, nor create where they hold no role; others may not create at all", async () => {
    await as("au");
    await expectRefused(() => actions.createContentAction({ ...base, intent: "publish", sectionId: S.get("news")! }));
    await expectRefused(() => actions.createContentAction({ ...base, sectionId: S.get("hr")! }));
    await as("plain");
    await expectRefused(() => actions.createContentAction({ ...base, sectionId: S.get("news")! }));
    await as("extplain");
    await expectRefused(() => actions.createContentAction({ ...base, sectionId: S.get("partners")! }));
    await as("hred");
    await expectRefused(() => actions.createContentAction({ ...base, sectionId: S.get("closed")! }));
  });

  it("editors and managers publish at once; webmasters anywhere; an external author writes drafts (S7)", async () => {
    await as("ed");
    const id = await created(await actions.createContentAction({ ...base, intent: "publish", sectionId: S.get("news-sub")! }));
    expect(await itemRow(id)).toMatchObject({ status: "published", version: 1 });
    expect((await itemRow(id))!.publishedAt).toBeInstanceOf(Date);
    await as("web");
    await created(await actions.createContentAction({ ...base, intent: "publish", sectionId: S.get("closed")! }));
    await as("ext");
    const draft = await created(await actions.createContentAction({ ...base, sectionId: S.get("partners")! }));
    expect((await itemRow(draft))!.status).toBe("draft");
  });

  it("sanitises the body on save (C6) and keeps only the allowed subset", async () => {
    await as("au");
    const id = await created(
      await actions.createContentAction({
        ...base,
        body: '<h2 onclick="x()">Head</h2><script>window.__xss=1</script><p style="color:red">T<a href="javascript:alert(1)">l</a><img src="https://evil.example/a.png"></p><iframe src="x"></iframe>',
        sectionId: S.get("news")!,
      }),
    );
    const { body } = (await itemRow(id))!;
    expect(body).toBe('<h2>Head</h2><p>T<a rel="noopener noreferrer nofollow">l</a></p>');
    expect((await versionsOf(id))[0]!.body).toBe(body);
  });

  it("events: start required, end not before start, times in the organisation's zone", async () => {
    await as("ed");
    const event = { startsDate: "2027-07-01", startsTime: "09:30", endsDate: "", endsTime: "12:00", place: "Room 1" };
    const id = await created(await actions.createContentAction({ ...base, type: "event", event, sectionId: S.get("news")! }));
    const row = (await itemRow(id))!;
    // Europe/London is UTC+1 in July.
    expect(row.eventStartsAt!.toISOString()).toBe("2027-07-01T08:30:00.000Z");
    expect(row.eventEndsAt!.toISOString()).toBe("2027-07-01T11:00:00.000Z");
    expect(row.eventPlace).toBe("Room 1");
    expect((await versionsOf(id))[0]!.details).toEqual({ event: { startsAt: "2027-07-01T08:30:00.000Z", endsAt: "2027-07-01T11:00:00.000Z", place: "Room 1" } });

    await expectProblem(
      () => actions.createContentAction({ ...base, type: "event", event: { ...event, startsDate: "", startsTime: "" }, sectionId: S.get("news")! }),
      { ok: false, fieldErrors: { "event.startsDate": "Enter the date the event starts.", "event.startsTime": "Enter the time the event starts." } },
    );
    await expectProblem(
      () => actions.createContentAction({ ...base, type: "event", event: { ...event, endsDate: "2027-06-30", endsTime: "10:00" }, sectionId: S.get("news")! }),
      { ok: false, fieldErrors: { "event.endsDate": "The event cannot end before it starts." } },
    );
    await expectProblem(
      () => actions.createContentAction({ ...base, type: "event", event: { ...event, startsDate: "2027-02-30" }, sectionId: S.get("news")! }),
      { ok: false, fieldErrors: { "event.startsDate": expect.stringMatching(/real date/) } },
    );
  });

  it("polls: 2 to 10 options, none empty, none repeated (Q3)", async () => {
    await as("ed");
    const poll = (labels: string[]) => ({ ...base, type: "poll" as const, poll: { options: labels.map((label) => ({ label })) }, sectionId: S.get("news")! });
    const id = await created(await actions.createContentAction(poll(["Tea", "Coffee", "Water"])));
    const options = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(pollOptions.position);
    expect(options.map((o) => o.label)).toEqual(["Tea", "Coffee", "Water"]);
    expect((await versionsOf(id))[0]!.details).toEqual({ poll: { options: ["Tea", "Coffee", "Water"] } });
    await expectProblem(() => actions.createContentAction(poll(["Only one"])), { ok: false, fieldErrors: { "poll.options": "Give at least 2 options to vote on." } });
    await expectProblem(() => actions.createContentAction(poll(Array.from({ length: 11 }, (_, i) => `O${i}`))), {
      ok: false,
      fieldErrors: { "poll.options": "Give at most 10 options." },
    });
    await expectProblem(() => actions.createContentAction(poll(["Tea", " "])), {
      ok: false,
      fieldErrors: { "poll.options.1.label": "Enter this option's text, or remove the option." },
    });
    await expectProblem(() => actions.createContentAction(poll(["Tea", "tea "])), {
      ok: false,
      fieldErrors: { "poll.options.1.label": "This is the same as option 1. Each option must be different." },
    });
  });

  it("bad input changes nothing and says what is wrong beside the field (Q3)", async () => {
    await as("ed");
    await expectProblem(() => actions.createContentAction({ ...base, title: "  ", sectionId: S.get("news")! }), { ok: false, fieldErrors: { title: "Enter a title." } });
    await expectProblem(() => actions.createContentAction({ ...base, title: "x".repeat(201), sectionId: S.get("news")! }), {
      ok: false,
      fieldErrors: { title: "Enter a title of at most 200 characters." },
    });
    await expectProblem(() => actions.createContentAction({ ...base, body: "x".repeat(200_001), sectionId: S.get("news")! }), {
      ok: false,
      fieldErrors: { body: expect.stringMatching(/too long/) },
    });
    await expectProblem(() => actions.createContentAction({ ...base, type: "memo", sectionId: S.get("news")! }), { ok: false });
    await expectProblem(() => actions.createContentAction("nonsense"), { ok: false });
  });

  it("the create page's context: 404 unknown, 403 not visible or no role, publishing only for editors (C5)", async () => {
    expect(await getCreateContext(await as("au"), "nope")).toEqual({ status: "not-found" });
    expect(await getCreateContext(await as("plain"), "news")).toEqual({ status: "forbidden" });
    expect(await getCreateContext(await as("plain"), "closed")).toEqual({ status: "forbidden" });
    expect(await getCreateContext(await as("au"), "news-sub")).toMatchObject({ status: "ok", value: { mayPublish: false } });
    expect(await getCreateContext(await as("man"), "news-sub")).toMatchObject({ status: "ok", value: { mayPublish: true } });
  });
});

describe("listing excerpts", () => {
  it("are the plain text of the body's start, entities decoded, never markup, even from a long body cut inside a tag", async () => {
    await as("ed");
    const long = `<h2>Plans &amp; budgets</h2><p>${"word ".repeat(790)}</p><p><a href="https://example.org/a-long-address">link</a></p>`;
    // The listing reads the first 4 000 characters of a body: this one is cut inside the <a> tag.
    expect(long.length).toBeGreaterThan(4000);
    expect(long.slice(0, 4000)).toMatch(/<a href="[^>]*$/);
    const id = await created(await actions.createContentAction({ ...base, intent: "publish", title: "Long body", body: long, sectionId: S.get("news")! }));
    const page = await listSectionContent(await viewerOf("ed@x.example"), S.get("news")!, null, 100);
    const item = page.items.find((i) => i.id === id)!;
    expect(item.excerpt.startsWith("Plans & budgets word word")).toBe(true);
    expect(item.excerpt).toHaveLength(200);
    expect(item.excerpt.endsWith("…")).toBe(true);
    expect(item.excerpt).not.toMatch(/[<>]/);

    // A body whose text is short but whose markup is long: the cut tag is dropped, not shown.
    const markup = `<p>Short text</p><table><tbody>${"<tr><td></td></tr>".repeat(230)}</tbody></table><p><a href="https://example.org/x">after</a></p>`;
    expect(markup.slice(0, 4000)).toMatch(/<[^>]*$/);
    const id2 = await created(await actions.createContentAction({ ...base, intent: "publish", title: "Markup", body: markup, sectionId: S.get("news")! }));
    const item2 = (await listSectionContent(await viewerOf("ed@x.example"), S.get("news")!, null, 100)).items.find((i) => i.id === id2)!;
    expect(item2.excerpt).toBe("Short text");
  });
});

describe("edit (C2, stale forms)", () => {
  it("the author edits their draft: version 2 is recorded; the first version of an imported item is kept", async () => {
    await as("au");
    const id = C.get("draft")!;
    const result = await actions.updateContentAction({ ...base, id, baseVersion: 1, title: "Audrey's draft, revised" });
    expect(result).toEqual({ ok: true, data: { id, version: 2, status: "draft" } });
    expect(await itemRow(id)).toMatchObject({ title: "Audrey's draft, revised", version: 2, status: "draft" });
    const versions = await versionsOf(id);
    expect(versions.map((v) => [v.version, v.title, v.editorName])).toEqual([
      [1, "Audrey's draft", "Audrey Author"],
      [2, "Audrey's draft, revised", "Audrey Author"],
    ]);
  });

  it("a stale form is refused with a clear message and nothing is overwritten", async () => {
    const id = C.get("draft")!;
    await as("ed");
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 2, title: "Editor's change" })).toMatchObject({ ok: true });
    await as("au");
    const result = await expectUnchanged(AUTHORING_TABLES, () => actions.updateContentAction({ ...base, id, baseVersion: 2, title: "Audrey's late change" }));
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/changed by Eddie Editor after you started .*version 3.*your text is still here/) });
    expect((await itemRow(id))!.title).toBe("Editor's change");
  });

  it("others may not edit: another author, people without a role, an author who lost their role", async () => {
    const id = C.get("pub")!;
    await as("au2");
    await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
    await as("plain");
    await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
    await as("hred");
    await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
    await as("au");
    await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1, intent: "publish" }));

    // The author loses their role: no more edits, though they still see their published item.
    const au = { id: harness.person("au@x.example") };
    await conn.db.delete(sectionRoles).where(eq(sectionRoles.personId, au.id));
    try {
      await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
      expect(await getContentForEdit(await viewerOf("au@x.example"), id)).toEqual({ status: "forbidden" });
    } finally {
      await conn.db.insert(sectionRoles).values({ personId: au.id, sectionId: S.get("news")!, role: "author" });
    }
  });

  it("an author's change to a published item goes back to draft until an editor publishes it", async () => {
    await as("au");
    const id = await (async () => {
      await as("ed");
      const made = await created(await actions.createContentAction({ ...base, title: "Live item", intent: "publish", sectionId: S.get("news")! }));
      // Make Audrey its author (an item an editor published for her).
      await conn.db.update(content).set({ authorId: harness.person("au@x.example") }).where(eq(content.id, made));
      return made;
    })();
    await as("au");
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 1, title: "Live item, edited" })).toEqual({ ok: true, data: { id, version: 2, status: "draft" } });
    await as("ed");
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 2, intent: "publish" })).toMatchObject({ ok: true, data: { status: "published" } });
    // An editor's plain save keeps it published.
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 3 })).toMatchObject({ ok: true, data: { status: "published" } });
  });

  it("the kind of an item cannot change; poll options keep their votes when renamed", async () => {
    const id = C.get("poll")!;
    await as("ed");
    await expectProblem(() => actions.updateContentAction({ ...base, id, baseVersion: 1, type: "news" }), {
      ok: false,
      fieldErrors: { type: expect.stringMatching(/cannot be changed/) },
    });
    const [soup, salad] = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(pollOptions.position);
    await as("plain");
    expect(await actions.voteAction({ id, optionId: salad!.id })).toMatchObject({ ok: true });
    await as("ed");
    // An option id from another poll is treated as a new option, never moved across.
    const [foreign] = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, C.get("poll2")!));
    const result = await actions.updateContentAction({
      ...base,
      type: "poll",
      id,
      baseVersion: 1,
      poll: { options: [{ id: salad!.id, label: "Green salad" }, { label: "Sandwich" }, { id: foreign!.id, label: "Stolen" }] },
    });
    expect(result).toMatchObject({ ok: true });
    const after = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(pollOptions.position);
    expect(after.map((o) => o.label)).toEqual(["Green salad", "Sandwich", "Stolen"]);
    expect(after[0]!.id).toBe(salad!.id);
    expect(after.some((o) => o.id === soup!.id || o.id === foreign!.id)).toBe(false);
    expect(await conn.db.select().from(pollVotes).where(eq(pollVotes.contentId, id))).toMatchObject([{ optionId: salad!.id }]);
    expect((await conn.db.select().from(pollOptions).where(eq(pollOptions.id, foreign!.id))).length).toBe(1);
  });
});

describe("publish and unpublish", () => {
  it("editors publish and unpublish (each a version); authors and others may not; stale buttons are refused", async () => {
    await as("au");
    const id = await created(await actions.createContentAction({ ...base, title: "To publish", sectionId: S.get("news")! }));
    await expectRefused(() => actions.setPublishedAction({ id, baseVersion: 1, publish: true }));
    await as("hred");
    await expectRefused(() => actions.setPublishedAction({ id, baseVersion: 1, publish: true }));
    await as("man");
    expect(await actions.setPublishedAction({ id, baseVersion: 1, publish: true })).toEqual({ ok: true, data: { id, version: 2 } });
    await expectProblem(() => actions.setPublishedAction({ id, baseVersion: 1, publish: false }), { ok: false, formError: expect.stringMatching(/changed by Manny Manager/) });
    await expectProblem(() => actions.setPublishedAction({ id, baseVersion: 2, publish: true }), { ok: false, formError: "This item is already published." });
    expect(await actions.setPublishedAction({ id, baseVersion: 2, publish: false })).toMatchObject({ ok: true });
    expect((await versionsOf(id)).map((v) => [v.status, v.editorName])).toEqual([
      ["draft", "Audrey Author"],
      ["published", "Manny Manager"],
      ["draft", "Manny Manager"],
    ]);
  });
});

describe("drafts are visible only to their author and the home section's editors and managers (C2)", () => {
  it("getContent and the edit form follow C2", async () => {
    await as("au");
    const id = await created(await actions.createContentAction({ ...base, title: "Secret draft", sectionId: S.get("news")! }));
    for (const who of ["au", "ed", "man", "web"]) expect((await getContent(await viewerOf(`${who}@x.example`), id)).status).toBe("ok");
    for (const who of ["au2", "plain", "hred", "extplain"]) expect((await getContent(await viewerOf(`${who}@x.example`), id)).status).toBe("forbidden");
    expect((await getContentForEdit(await viewerOf("au2@x.example"), id)).status).toBe("forbidden");
    // Another author of the section may not edit or delete it either.
    await as("au2");
    await expectRefused(() => actions.updateContentAction({ ...base, id, baseVersion: 1 }));
    await expectRefused(() => actions.deleteContentAction({ id, confirmed: true }));
  });
});

describe("delete (confirmed)", () => {
  it("authors delete their own drafts, not published items; editors delete anything in their sections; others nothing", async () => {
    await as("au");
    const draft = await created(await actions.createContentAction({ ...base, title: "Doomed draft", sectionId: S.get("news")! }));
    await expectProblem(() => actions.deleteContentAction({ id: draft, confirmed: false }), { ok: false, fieldErrors: { confirmed: expect.any(String) } });
    expect(await actions.deleteContentAction({ id: draft, confirmed: true })).toMatchObject({ ok: true, data: { id: draft, homeSlug: "news" } });
    expect(await itemRow(draft)).toBeUndefined();
    expect(await versionsOf(draft)).toEqual([]);

    await expectRefused(() => actions.deleteContentAction({ id: C.get("pub")!, confirmed: true }));
    await as("plain");
    await expectRefused(() => actions.deleteContentAction({ id: C.get("pub")!, confirmed: true }));
    await as("hred");
    await expectRefused(() => actions.deleteContentAction({ id: C.get("pub")!, confirmed: true }));
    await as("ed");
    const other = await created(await actions.createContentAction({ ...base, title: "Editor's doomed item", intent: "publish", sectionId: S.get("news")! }));
    await actions.shareContentAction({ id: other, sectionId: S.get("hr")! });
    await as("man");
    expect(await actions.deleteContentAction({ id: other, confirmed: true })).toMatchObject({ ok: true });
    expect(await conn.db.select().from(contentShares).where(eq(contentShares.contentId, other))).toEqual([]);
  });
});

describe("sharing (C1)", () => {
  it("someone who may edit the item shares it into a section where they are editor or manager, and stops", async () => {
    const id = C.get("pub")!;
    await as("ed");
    expect(await listShareTargets(await viewerOf("ed@x.example"), id)).toEqual([{ id: S.get("hr")!, title: "HR" }, { id: S.get("news-sub")!, title: "News sub" }]);
    expect(await actions.shareContentAction({ id, sectionId: S.get("hr")! })).toMatchObject({ ok: true });
    await expectProblem(() => actions.shareContentAction({ id, sectionId: S.get("hr")! }), { ok: false, fieldErrors: { sectionId: expect.stringMatching(/already shared/) } });
    await expectProblem(() => actions.shareContentAction({ id, sectionId: S.get("news")! }), { ok: false, fieldErrors: { sectionId: expect.stringMatching(/home section/) } });
    // One item, no copy: it now appears in HR for someone who sees HR, with one history.
    const seen = await getContent(await viewerOf("plain@x.example"), id);
    expect(seen.status === "ok" && seen.value.sharedInto.map((s) => s.title)).toEqual(["HR"]);
    expect(seen.status === "ok" && seen.value.sharedInto[0]!.mayStopSharing).toBe(false);
    expect(await actions.unshareContentAction({ id, sectionId: S.get("hr")! })).toMatchObject({ ok: true });
    expect(await conn.db.select().from(contentShares).where(eq(contentShares.contentId, id))).toEqual([]);
  });

  it("refuses sharing into a section where the person may not edit, or an item they may not edit", async () => {
    const id = C.get("pub")!;
    await as("au"); // may edit the item (its author), but holds no editor role anywhere
    await expectRefused(() => actions.shareContentAction({ id, sectionId: S.get("hr")! }));
    expect(await listShareTargets(await viewerOf("au@x.example"), id)).toEqual([]);
    await as("hred"); // editor in HR, but may not edit a News item
    await expectRefused(() => actions.shareContentAction({ id, sectionId: S.get("hr")! }));
    await as("ed"); // may edit the item, but not in Partners or Closed
    await expectRefused(() => actions.shareContentAction({ id, sectionId: S.get("partners")! }));
    await expectRefused(() => actions.shareContentAction({ id, sectionId: S.get("closed")! }));
    await as("plain");
    await expectRefused(() => actions.shareContentAction({ id, sectionId: S.get("news-sub")! }));
  });

  it("stopping a share: editors and managers of that section; not the item's author, not others", async () => {
    const id = C.get("pub")!;
    await as("ed");
    expect(await actions.shareContentAction({ id, sectionId: S.get("hr")! })).toMatchObject({ ok: true });
    await as("au");
    await expectRefused(() => actions.unshareContentAction({ id, sectionId: S.get("hr")! }));
    await as("plain");
    await expectRefused(() => actions.unshareContentAction({ id, sectionId: S.get("hr")! }));
    await as("hred");
    const seen = await getContent(await viewerOf("hred@x.example"), id);
    expect(seen.status === "ok" && seen.value.sharedInto[0]!.mayStopSharing).toBe(true);
    expect(await actions.unshareContentAction({ id, sectionId: S.get("hr")! })).toMatchObject({ ok: true });
    await expectProblem(() => actions.unshareContentAction({ id, sectionId: S.get("hr")! }), { ok: false, formError: expect.stringMatching(/not shared/) });
  });

  it("the share list on the item shows only sections the viewer can view (C3)", async () => {
    await as("web");
    const id = C.get("pub")!;
    expect(await actions.shareContentAction({ id, sectionId: S.get("closed")! })).toMatchObject({ ok: true });
    expect(await actions.shareContentAction({ id, sectionId: S.get("hr")! })).toMatchObject({ ok: true });
    const forPlain = await getContent(await viewerOf("plain@x.example"), id);
    expect(forPlain.status === "ok" && forPlain.value.sharedInto.map((s) => s.title)).toEqual(["HR"]);
    const forWeb = await getContent(await viewerOf("web@x.example"), id);
    expect(forWeb.status === "ok" && forWeb.value.sharedInto.map((s) => s.title)).toEqual(["Closed", "HR"]);
    await actions.unshareContentAction({ id, sectionId: S.get("closed")! });
    await actions.unshareContentAction({ id, sectionId: S.get("hr")! });
  });
});

describe("poll votes (E3)", () => {
  it("anyone who can view the poll votes once and may change their vote; results after voting", async () => {
    const id = C.get("poll2")!;
    const [a, b] = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(pollOptions.position);
    const owen = await viewerOf("plain@x.example");
    let seen = await getContent(owen, id);
    expect(seen.status === "ok" && seen.value.poll).toMatchObject({ resultsVisible: false, myVote: null, options: [{ votes: null }, { votes: null }] });
    await as("plain");
    expect(await actions.voteAction({ id, optionId: a!.id })).toMatchObject({ ok: true });
    expect(await actions.voteAction({ id, optionId: b!.id })).toMatchObject({ ok: true });
    const votes = await conn.db.select().from(pollVotes).where(eq(pollVotes.contentId, id));
    expect(votes).toMatchObject([{ personId: owen.id, optionId: b!.id }]);
    seen = await getContent(owen, id);
    expect(seen.status === "ok" && seen.value.poll).toMatchObject({ resultsVisible: true, myVote: b!.id, totalVotes: 1, options: [{ votes: 0 }, { votes: 1 }] });
    // Editors of the home section always see results.
    const forEditor = await getContent(await viewerOf("hred@x.example"), id);
    expect(forEditor.status === "ok" && forEditor.value.poll!.resultsVisible).toBe(true);
  });

  it("refuses options of another poll, draft polls, and people who cannot view the poll", async () => {
    const [foreign] = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, C.get("poll")!));
    await as("plain");
    await expectProblem(() => actions.voteAction({ id: C.get("poll2")!, optionId: foreign!.id }), { ok: false, fieldErrors: { optionId: expect.stringMatching(/this poll/) } });
    const [draftOption] = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, C.get("dpoll")!));
    await as("au");
    await expectProblem(() => actions.voteAction({ id: C.get("dpoll")!, optionId: draftOption!.id }), { ok: false, formError: expect.stringMatching(/not open/) });
    await as("plain");
    await expectRefused(() => actions.voteAction({ id: C.get("dpoll")!, optionId: draftOption!.id }));
    const [partnersOption] = await conn.db.select().from(pollOptions).where(eq(pollOptions.contentId, C.get("ppoll")!));
    await expectRefused(() => actions.voteAction({ id: C.get("ppoll")!, optionId: partnersOption!.id }));
    // An external member of Partners may vote there (E3).
    await as("extplain");
    expect(await actions.voteAction({ id: C.get("ppoll")!, optionId: partnersOption!.id })).toMatchObject({ ok: true });
  });
});

describe("item page permissions and history", () => {
  it("offers each control only to those allowed", async () => {
    const id = C.get("hrpage")!;
    // Hana edits only in HR, the item's home: nowhere to share it into.
    expect(await getItemPermissions(await viewerOf("hred@x.example"), id)).toEqual({ edit: true, publish: true, delete: true, history: true, share: false });
    expect(await getItemPermissions(await viewerOf("ed@x.example"), id)).toEqual({ edit: true, publish: true, delete: true, history: true, share: true });
    expect(await getItemPermissions(await viewerOf("plain@x.example"), id)).toEqual({ edit: false, publish: false, delete: false, history: false, share: false });
    expect(await getItemPermissions(await viewerOf("au@x.example"), C.get("pub")!)).toEqual({ edit: true, publish: false, delete: false, history: true, share: false });
  });

  it("history: versions with who and when, compared with the one before; 403 for viewers who may not edit", async () => {
    await as("ed");
    const id = await created(await actions.createContentAction({ ...base, title: "Old title", body: "<p>one two three</p>", sectionId: S.get("news")! }));
    expect(await actions.updateContentAction({ ...base, id, baseVersion: 1, title: "New title", body: "<p>one three four</p>" })).toMatchObject({ ok: true });
    const result = await getContentHistory(await viewerOf("ed@x.example"), id);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.value.versions.map((v) => [v.version, v.editorName])).toEqual([
      [2, "Eddie Editor"],
      [1, "Eddie Editor"],
    ]);
    expect(result.value.compared).toMatchObject({ current: { version: 2, title: "New title" }, previous: { version: 1, title: "Old title" } });
    const first = await getContentHistory(await viewerOf("ed@x.example"), id, 1);
    expect(first.status === "ok" && first.value.compared).toMatchObject({ current: { version: 1 }, previous: null });
    expect(await getContentHistory(await viewerOf("plain@x.example"), id)).toEqual({ status: "forbidden" });
    expect(await getContentHistory(await viewerOf("plain@x.example"), "00000000-0000-4000-8000-000000000000")).toEqual({ status: "not-found" });
  });

  it("refusals are recorded in the audit log (M8)", async () => {
    const [row] = rowsOf<{ n: number }>(await conn.db.execute(sql`select count(*)::int as n from audit_events where action = 'content.update.refused'`));
    expect(row!.n).toBeGreaterThan(0);
  });
});

describe("notifications (S7 K5), recorded in the transaction of the change", () => {
  /** Expands what the changes recorded (the worker does this after the commit), then who was told of the item. */
  async function toldOf(itemId: string, detail: string): Promise<string[]> {
    await expandDueEvents(conn.db);
    const rows = rowsOf<{ email: string }>(
      await conn.db.execute(sql`select p.email from notifications n join people p on p.id = n.recipient_id where n.content_id = ${itemId} and n.detail = ${detail} and n.kind = 'content_role' order by p.email`),
    );
    return rows.map((r) => r.email.split("@")[0]!).sort();
  }

  it("a draft reaches only those who can view it; publishing and updating reach every role holder who can", async () => {
    await as("au");
    const title = "Notified item";
    const id = await created(await actions.createContentAction({ ...base, title, sectionId: S.get("news")! }));
    // The other author cannot view Audrey's draft (C2), so is not told of it.
    expect(await toldOf(id, "created")).toEqual(["ed", "man"]);
    await as("ed");
    expect(await actions.setPublishedAction({ id, baseVersion: 1, publish: true })).toMatchObject({ ok: true });
    expect(await toldOf(id, "published")).toEqual(["au", "au2", "man"]);
    await as("man");
    expect(await actions.updateContentAction({ ...base, title, id, baseVersion: 2, body: "<p>Changed</p>" })).toMatchObject({ ok: true });
    expect(await toldOf(id, "updated")).toEqual(["au", "au2", "ed"]);
  });
});

describe("a signed-out caller", () => {
  it("gets nothing done", async () => {
    signOut();
    await expectUnchanged(AUTHORING_TABLES, async () => {
      expect(await actions.createContentAction({ ...base, sectionId: S.get("news")! })).toMatchObject({ ok: false, formError: expect.stringMatching(/session has ended/) });
      expect(await actions.voteAction({ id: C.get("poll")!, optionId: 1 })).toMatchObject({ ok: false });
    });
  });
});
