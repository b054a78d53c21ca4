/**
 * B1: who may ask the explainer what, and what an answer may name. The verdicts and paths
 * themselves are held to the reference model on random organisations (lib/access/model.test.ts
 * with lib/access/testing/explain-check.ts); here: the asker's rights (S7, G5, webmasters),
 * the person's (E4 E5), the same "not found" for everything not theirs to ask about, names
 * the asker may not see never sent (C3 C4), the words of a team chain, and the actions'
 * checks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, createHarness, signInAs, viewerOf } from "@/lib/testing/harness";

const { getExplanation, mayExplainSomething, searchTargets, getTargetChoice } = await import("./queries");
const { explainAccessAction, searchPeopleToExplainAction, searchTargetsToExplainAction } = await import("./actions");
const { pathWords, blockWords, remedyWords, verdictWords } = await import("@/components/access/explain-words");

const D = "explain.test";
const e = (name: string) => `${name}@${D}`;

const org: Record<string, unknown> = {
  locations: [],
  teams: [
    { key: "highways", name: "Highways", parent: null },
    { key: "roads-north", name: "Roads North", parent: "highways" },
  ],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("mgr"), name: "Mo Manager", audience: "organisational" },
    { email: e("ed"), name: "Ed Editor", audience: "organisational" },
    { email: e("rn"), name: "Rhi North", audience: "organisational", teams: ["roads-north"] },
    { email: e("staff"), name: "Sid Staff", audience: "organisational" },
    { email: e("ext"), name: "Xena External", audience: "external" },
    { email: e("admin"), name: "Ada Admin", audience: "organisational" },
  ],
  sections: [
    { slug: "partners", title: "Partners", parent: null, restricted: true, teams: [{ team: "highways", includeChildren: true }], roles: [{ person: e("mgr"), role: "manager" }] },
    { slug: "bids", title: "Bids", parent: "partners", restricted: false },
    { slug: "board", title: "Board papers", parent: null, restricted: true },
    { slug: "news", title: "News", parent: null, restricted: false, roles: [{ person: e("ed"), role: "editor" }] },
  ],
  content: [
    { key: "bid", type: "news", title: "Bid for 2027", body: "<p>Bid.</p>", section: "bids", author: e("mgr"), status: "published", publishedAt: "2026-10-01T09:00:00Z", sharedInto: ["board"] },
    { key: "story", type: "news", title: "Library reopens", body: "<p>Open.</p>", section: "news", author: e("ed"), status: "published", publishedAt: "2026-10-02T09:00:00Z", sharedInto: ["board"] },
    { key: "memo", type: "news", title: "Secret memo", body: "<p>Hush.</p>", group: "hidden", author: e("admin"), status: "published", publishedAt: "2026-10-03T09:00:00Z" },
  ],
  groups: [{ slug: "hidden", name: "Hidden club", description: "", visibility: "secret", members: [{ person: e("admin"), admin: true }] }],
};

let h: Harness;
const viewer = (name: string) => viewerOf(e(name));

beforeAll(async () => {
  h = await createHarness(org);
});
afterAll(async () => h?.close());

describe("who may ask (B1 S7 G5)", () => {
  it("a section's manager asks about it and the sections below; not about another section", async () => {
    const mgr = await viewer("mgr");
    expect((await getExplanation(mgr, h.person(e("rn")), { kind: "section", id: h.section("bids") })).status).toBe("ok");
    expect((await getExplanation(mgr, h.person(e("rn")), { kind: "section", id: h.section("news") })).status).toBe("not-found");
    expect((await getTargetChoice(mgr, { kind: "section", id: h.section("news") })).status).toBe("not-found");
  });

  it("an editor asks about the items homed where they edit; a staff member with no role runs nothing and asks nothing", async () => {
    expect((await getExplanation(await viewer("ed"), h.person(e("ext")), { kind: "item", id: h.content("story") })).status).toBe("ok");
    expect((await getExplanation(await viewer("ed"), h.person(e("ext")), { kind: "item", id: h.content("bid") })).status).toBe("not-found");
    expect(await mayExplainSomething(await viewer("staff"))).toBe(false);
    expect(await mayExplainSomething(await viewer("ed"))).toBe(true);
  });

  it("a secret group's admin asks about it; for anyone else it answers as an unknown id does (C5)", async () => {
    const groupId = Number(h.ids.groups.get("hidden"));
    expect((await getExplanation(await viewer("admin"), h.person(e("staff")), { kind: "group", id: groupId })).status).toBe("ok");
    const outsider = await getExplanation(await viewer("mgr"), h.person(e("staff")), { kind: "group", id: groupId });
    const unknown = await getExplanation(await viewer("mgr"), h.person(e("staff")), { kind: "group", id: 999_999 });
    expect(outsider).toEqual(unknown);
  });

  it("E4 E5: an unknown or malformed person answers not found, as one the asker may not view does", async () => {
    const web = await viewer("web");
    expect((await getExplanation(web, "00000000-0000-4000-8000-000000000000", { kind: "section", id: h.section("bids") })).status).toBe("not-found");
    expect((await getExplanation(web, "not-a-uuid", { kind: "section", id: h.section("bids") })).status).toBe("not-found");
  });
});

describe("what an answer names (C3 C4)", () => {
  it("a path through a section the asker cannot view names nothing of it", async () => {
    // Ed edits News; "Library reopens" is shared into Board papers, which Ed cannot view, and the webmaster can view everything.
    const answer = await getExplanation(await viewer("ed"), h.person(e("web")), { kind: "item", id: h.content("story") });
    if (answer.status !== "ok") throw new Error("expected an explanation");
    const text = JSON.stringify(answer.value);
    expect(text).not.toContain("Board papers");
    expect(answer.value.canView).toBe(true);
  });

  it("a refusal through a hidden share names the share as hidden, and offers no change there", async () => {
    const answer = await getExplanation(await viewer("ed"), h.person(e("ext")), { kind: "item", id: h.content("story") });
    if (answer.status !== "ok") throw new Error("expected an explanation");
    expect(answer.value.canView).toBe(false);
    expect(JSON.stringify(answer.value)).not.toContain("Board papers");
    expect(answer.value.blocks.map((b) => b.kind)).toEqual(["external-not-member", "external-not-member"]);
    expect(answer.value.remedies.every((r) => !("section" in r) || r.section.name === "News")).toBe(true);
  });
});

describe("in words (B1)", () => {
  it("a team chain reads from the person's team up to the section it was added to, and on to where access cascades", async () => {
    const answer = await getExplanation(await viewer("web"), h.person(e("rn")), { kind: "section", id: h.section("bids") });
    if (answer.status !== "ok") throw new Error("expected an explanation");
    const e_ = answer.value;
    expect(verdictWords(e_)).toBe("Rhi North can view Bids.");
    expect(e_.paths.map((p) => pathWords(p, "Rhi North"))).toEqual([
      "Rhi North is a member of team Roads North, a child team of team Highways, which was added with its child teams to Partners; access there cascades to Partners › Bids.",
    ]);
  });

  it("a refusal says what blocks it and what would change it", async () => {
    const answer = await getExplanation(await viewer("web"), h.person(e("staff")), { kind: "section", id: h.section("bids") });
    if (answer.status !== "ok") throw new Error("expected an explanation");
    expect(answer.value.blocks.map((b) => blockWords(b, "Sid Staff"))).toEqual(["Partners › Bids is below Partners, which is restricted, and no membership of Sid Staff's reaches it."]);
    expect(answer.value.remedies.map((r) => remedyWords(r, "Sid Staff").text)).toEqual([
      "Add Sid Staff to Partners › Bids as a member.",
      "Lift Restricted on Partners (this opens it to every organisational person).",
    ]);
  });
});

describe("the actions re-check (B1)", () => {
  it("explain, the person picker and the target picker refuse whoever may not ask", async () => {
    await signInAs(e("staff"));
    const target = `section:${h.section("bids")}`;
    expect(await explainAccessAction({ personId: h.person(e("rn")), target })).toMatchObject({ ok: false });
    expect(await searchPeopleToExplainAction({ query: "Rhi", target })).toMatchObject({ ok: false });
    expect(await searchTargetsToExplainAction({ query: "Bids" })).toMatchObject({ ok: false });
    await signInAs(e("mgr"));
    const answer = await explainAccessAction({ personId: h.person(e("rn")), target });
    expect(answer.ok && answer.data?.canView).toBe(true);
    expect(await explainAccessAction({ personId: h.person(e("rn")), target: "section:abc" })).toMatchObject({ ok: false, fieldErrors: { target: expect.any(String) } });
    const people = await searchPeopleToExplainAction({ query: "Rhi", target });
    expect(people.ok && people.data.map((p) => p.email)).toEqual([e("rn")]);
  });

  it("the target picker offers what the asker may ask about, nothing else", async () => {
    const mgr = await viewer("mgr");
    expect((await searchTargets(mgr, "Bi")).map((t) => t.title)).toEqual(["Bids", "Bid for 2027"]);
    expect((await searchTargets(mgr, "News")).map((t) => t.title)).toEqual([]);
    expect((await searchTargets(await viewer("web"), "Hidden")).map((t) => t.title)).toEqual(["Hidden club"]);
  });
});
