/**
 * E6 (with E4 E5, K5): mention suggestions through their read action, as the editor and the
 * mention textarea call it; the sanitiser keeping a mention's person id; and the
 * content_mention event recorded for people newly mentioned when an item is published.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationEvents, settings } from "@/db/schema";
import { REFUSED_MESSAGE } from "@/lib/actions";
import { sanitizeRichText } from "@/lib/content/sanitize";
import { type Harness, createHarness, signInAs } from "@/lib/testing/harness";
import { mentionedIdsInHtml } from "./rich-text";

const { suggestMentionsAction } = await import("./actions");
const content = await import("@/lib/content/actions");

const many = Array.from({ length: 10 }, (_, i) => ({ email: `crowd${i}@m.example`, name: `Crowd Member ${i}`, audience: "organisational" }));
const ORG = {
  people: [
    { email: "ed@m.example", name: "Eddie Editor", audience: "organisational" },
    { email: "ann@m.example", name: "Ann Insider", audience: "organisational" },
    { email: "anna@m.example", name: "Anna Outsider", audience: "organisational" },
    { email: "annex@m.example", name: "Annex External", audience: "external" },
    { email: "andy@m.example", name: "Andy Blocked", audience: "organisational", blocked: true },
    { email: "ext@m.example", name: "Ezra External", audience: "external" },
    ...many,
  ],
  sections: [
    {
      slug: "inner",
      title: "Inner",
      parent: null,
      restricted: true,
      members: ["ann@m.example", "annex@m.example", "ext@m.example", "andy@m.example", ...many.map((p) => p.email)],
      roles: [{ person: "ed@m.example", role: "editor" }],
    },
    { slug: "open", title: "Open", parent: null, restricted: false },
  ],
  groups: [{ slug: "club", name: "Club", description: "", visibility: "private", members: [{ person: "ed@m.example", admin: true }, { person: "ann@m.example" }] }],
  content: [
    { key: "inner-news", type: "news", title: "Inner news", body: "<p>x</p>", section: "inner", author: "ed@m.example", status: "published" },
    { key: "open-news", type: "news", title: "Open news", body: "<p>x</p>", section: "open", author: "ed@m.example", status: "published" },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

async function names(input: Record<string, unknown>): Promise<string[]> {
  const result = await suggestMentionsAction(input);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.map((p) => p.name);
}

describe("E6 mention suggestions", () => {
  it("offers people who can view the item and never those who cannot, nor blocked people, nor the writer", async () => {
    await signInAs("ed@m.example");
    // Anna is staff but no member of the restricted section; Andy is blocked.
    expect(await names({ id: h.content("inner-news"), query: "ann" })).toEqual(["Ann Insider", "Annex External"]);
    expect(await names({ id: h.content("inner-news"), query: "anna" })).toEqual([]);
    expect(await names({ id: h.content("inner-news"), query: "andy" })).toEqual([]);
    expect(await names({ id: h.content("inner-news"), query: "eddie" })).toEqual([]);
    // In an open section every unblocked organisational person can view it; externals cannot (S6).
    expect(await names({ id: h.content("open-news"), query: "ann" })).toEqual(["Ann Insider", "Anna Outsider"]);
  });

  it("a new draft: who could view it once published in its home section or group", async () => {
    await signInAs("ed@m.example");
    expect(await names({ sectionId: h.section("inner"), query: "ann" })).toEqual(["Ann Insider", "Annex External"]);
    expect(await names({ groupId: h.ids.groups.get("club")!, query: "ann" })).toEqual(["Ann Insider"]);
  });

  it("at most 8, names that begin with the text first", async () => {
    await signInAs("ed@m.example");
    const found = await names({ id: h.content("inner-news"), query: "crowd" });
    expect(found).toHaveLength(8);
  });

  it("E4 E5: an external writer finds people by exact e-mail only, unless the Users switch is on", async () => {
    await signInAs("ext@m.example");
    expect(await names({ id: h.content("inner-news"), query: "ann" })).toEqual([]);
    expect(await names({ id: h.content("inner-news"), query: "ANN@m.example" })).toEqual(["Ann Insider"]);
    await h.db.insert(settings).values({ key: "externalAccess", value: { users: true } }).onConflictDoUpdate({ target: settings.key, set: { value: { users: true } } });
    expect(await names({ id: h.content("inner-news"), query: "ann" })).toEqual(["Ann Insider", "Annex External"]);
    await h.db.delete(settings).where(eq(settings.key, "externalAccess"));
  });

  it("refuses writers who may not write there: an item they cannot view, a section or group they may not post in", async () => {
    await signInAs("anna@m.example");
    expect(await suggestMentionsAction({ id: h.content("inner-news"), query: "ann" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    expect(await suggestMentionsAction({ sectionId: h.section("open"), query: "ann" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    expect(await suggestMentionsAction({ groupId: h.ids.groups.get("club")!, query: "ann" })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    expect(await suggestMentionsAction({ query: "ann" })).toMatchObject({ ok: false, fieldErrors: { id: expect.any(String) } });
  });

  it("fewer than two letters asks nothing", async () => {
    await signInAs("ed@m.example");
    expect(await names({ id: h.content("inner-news"), query: "a" })).toEqual([]);
  });
});

describe("E6 mentions in rich text", () => {
  it("C6: the sanitiser keeps data-mention holding a person id, and drops anything else in it", () => {
    const id = h.person("ann@m.example");
    expect(sanitizeRichText(`<p><a data-mention="${id.toUpperCase()}">@Ann</a></p>`)).toBe(`<p><a rel="noopener noreferrer nofollow" data-mention="${id}">@Ann</a></p>`);
    expect(sanitizeRichText(`<p><a data-mention="javascript:alert(1)" onclick="x()">@Ann</a></p>`)).toBe(`<p><a rel="noopener noreferrer nofollow">@Ann</a></p>`);
    expect(mentionedIdsInHtml(sanitizeRichText(`<a data-mention="${id}">@A</a> <a data-mention="${id}">@A</a>`))).toEqual([id]);
  });

  it("K5: publishing records one content_mention event for the people newly mentioned; drafts and repeats record none", async () => {
    const ann = h.person("ann@m.example");
    const annex = h.person("annex@m.example");
    const mention = (id: string, name: string) => `<a data-mention="${id}">@${name}</a>`;
    const events = async (contentId: string) =>
      (await h.db.select().from(notificationEvents).where(eq(notificationEvents.contentId, contentId))).filter((e) => e.kind === "content_mention").map((e) => e.recipientIds);
    await signInAs("ed@m.example");
    const base = { type: "news" as const, title: "Hello", sectionId: h.section("inner") };
    const made = await content.createContentAction({ ...base, body: `<p>${mention(ann, "Ann")}</p>`, intent: "save" });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const id = made.data.id;
    expect(await events(id)).toEqual([]); // a draft: nothing yet
    expect(await content.setPublishedAction({ id, baseVersion: 1, publish: true })).toMatchObject({ ok: true });
    expect(await events(id)).toEqual([[ann]]);
    // Saving again with Ann and, newly, Annex: only Annex is new.
    const body = `<p>${mention(ann, "Ann")} and ${mention(annex, "Annex")} and ${mention("00000000-0000-4000-8000-000000000000", "Nobody")}</p>`;
    expect(await content.updateContentAction({ ...base, id, baseVersion: 2, body, intent: "save" })).toMatchObject({ ok: true });
    expect(await events(id)).toEqual([[ann], [annex]]);
    expect(await content.updateContentAction({ ...base, id, baseVersion: 3, body, intent: "save" })).toMatchObject({ ok: true });
    expect(await events(id)).toEqual([[ann], [annex]]);
  });
});
