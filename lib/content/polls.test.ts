/**
 * E3: a poll's closing date and when its results are shown (poll_settings), through the
 * authoring and vote actions as a browser's POST would call them: a vote changes until
 * the poll closes, then is refused on the server with a clear message and nothing changes;
 * results follow the author's choice. The organisation file carries both fields.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollOptions, pollSettings, pollVotes } from "@/db/schema";
import { parseOrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";
import { created } from "./testing/authoring";
import { utcToZoned } from "./time";

const actions = await import("./actions");
const { getContent } = await import("./item");
const { getContentForEdit } = await import("./authoring-queries");

const ORG = {
  people: [
    { email: "ed@p.example", name: "Eddie Editor", audience: "organisational" },
    { email: "voter@p.example", name: "Vera Voter", audience: "organisational" },
    { email: "ext@p.example", name: "Ezra External", audience: "external" },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false, members: ["ext@p.example"], roles: [{ person: "ed@p.example", role: "editor" }] }],
  content: [
    {
      key: "closed",
      type: "poll",
      title: "Closed poll",
      body: "",
      section: "news",
      author: "ed@p.example",
      status: "published",
      options: ["Yes", "No"],
      closesAt: "2020-01-01T12:00:00Z",
      resultsShown: "after_closing",
    },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(ORG);
});
afterAll(async () => h?.close());

const inDays = (days: number) => utcToZoned(new Date(Date.now() + days * 86_400_000));
const pollInput = (closes: { date: string; time: string } | null, resultsShown: "after_voting" | "after_closing") => ({
  type: "poll" as const,
  title: "Lunch?",
  body: "",
  intent: "publish" as const,
  poll: { options: [{ label: "Soup" }, { label: "Salad" }], closesDate: closes?.date ?? "", closesTime: closes?.time ?? "", resultsShown },
});

describe("E3 poll closing and results", () => {
  it("a vote is changed until the poll closes, then refused with a clear message, nothing changed", async () => {
    await signInAs("ed@p.example");
    const id = await created(await actions.createContentAction({ ...pollInput(inDays(3), "after_closing"), sectionId: h.section("news") }));
    const [soup, salad] = await h.db.select().from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(pollOptions.position);

    await signInAs("ext@p.example");
    expect(await actions.voteAction({ id, optionId: soup!.id })).toMatchObject({ ok: true });
    expect(await actions.voteAction({ id, optionId: salad!.id })).toMatchObject({ ok: true });
    const ext = await viewerOf("ext@p.example");
    let seen = await getContent(ext, id);
    // "after_closing": voting shows no counts while the poll is open.
    expect(seen.status === "ok" && seen.value.poll).toMatchObject({ closed: false, resultsShown: "after_closing", resultsVisible: false, myVote: salad!.id, options: [{ votes: null }, { votes: null }] });

    // The editor closes it by moving the closing date into the past.
    await signInAs("ed@p.example");
    const edit = await getContentForEdit(await viewerOf("ed@p.example"), id);
    expect(edit.status === "ok" && edit.value.poll).toMatchObject({ resultsShown: "after_closing", closesDate: inDays(3).date });
    const yesterday = inDays(-1);
    expect(await actions.updateContentAction({ ...pollInput(yesterday, "after_closing"), intent: "save", id, baseVersion: 1, poll: { ...pollInput(yesterday, "after_closing").poll, options: [{ id: soup!.id, label: "Soup" }, { id: salad!.id, label: "Salad" }] } })).toMatchObject({ ok: true });

    await signInAs("ext@p.example");
    const refused = await expectUnchanged([pollVotes], () => actions.voteAction({ id, optionId: soup!.id }));
    expect(refused).toEqual({ ok: false, formError: expect.stringMatching(/^This poll closed on .*: votes can no longer be cast or changed\. Nothing was changed\.$/) });
    seen = await getContent(ext, id);
    expect(seen.status === "ok" && seen.value.poll).toMatchObject({ closed: true, resultsVisible: true, myVote: salad!.id, options: [{ votes: 0 }, { votes: 1 }] });
  });

  it("after_voting: a voter sees the results once they have voted, before closing", async () => {
    await signInAs("ed@p.example");
    const id = await created(await actions.createContentAction({ ...pollInput(null, "after_voting"), sectionId: h.section("news") }));
    const [soup] = await h.db.select().from(pollOptions).where(eq(pollOptions.contentId, id)).orderBy(pollOptions.position);
    await signInAs("voter@p.example");
    const voter = await viewerOf("voter@p.example");
    let seen = await getContent(voter, id);
    expect(seen.status === "ok" && seen.value.poll).toMatchObject({ closesAt: null, closed: false, resultsVisible: false });
    await actions.voteAction({ id, optionId: soup!.id });
    seen = await getContent(voter, id);
    expect(seen.status === "ok" && seen.value.poll).toMatchObject({ resultsVisible: true, totalVotes: 1 });
  });

  it("refuses a closing date that is no date, and a time without a date", async () => {
    await signInAs("ed@p.example");
    const bad = pollInput({ date: "2027-02-30", time: "" }, "after_voting");
    expect(await actions.createContentAction({ ...bad, sectionId: h.section("news") })).toMatchObject({ ok: false, fieldErrors: { "poll.closesDate": expect.stringMatching(/real date/) } });
    const noDate = pollInput({ date: "", time: "10:00" }, "after_voting");
    expect(await actions.createContentAction({ ...noDate, sectionId: h.section("news") })).toMatchObject({ ok: false, fieldErrors: { "poll.closesDate": expect.stringMatching(/date the poll closes/) } });
    const badTime = pollInput({ date: "2027-02-03", time: "25:00" }, "after_voting");
    expect(await actions.createContentAction({ ...badTime, sectionId: h.section("news") })).toMatchObject({ ok: false, fieldErrors: { "poll.closesTime": expect.stringMatching(/24-hour/) } });
  });

  it("the organisation file loads a poll's closing time and results setting; other kinds may not have them", async () => {
    const [row] = await h.db.select().from(pollSettings).where(eq(pollSettings.contentId, h.content("closed")));
    expect(row).toMatchObject({ closesAt: new Date("2020-01-01T12:00:00Z"), resultsShown: "after_closing" });
    const [yes] = await h.db.select().from(pollOptions).where(eq(pollOptions.contentId, h.content("closed")));
    await signInAs("voter@p.example");
    expect(await actions.voteAction({ id: h.content("closed"), optionId: yes!.id })).toMatchObject({ ok: false, formError: expect.stringMatching(/closed/) });
    const parsed = parseOrgFile({ ...ORG, content: [{ ...ORG.content[0], type: "news", options: undefined }] });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/only polls have closesAt/), expect.stringMatching(/only polls have resultsShown/)]));
  });
});
