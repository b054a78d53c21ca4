/**
 * B4: a change to a section's access (people or a team added or removed, Restricted, a move)
 * shows what it does before it is saved, and is saved only
 * while it still gives that: the preview is the change measured on the real data and rolled
 * back; the save measures it again in its own transaction and refuses, changing nothing, when
 * the effect is no longer what was confirmed. (The figures against the reference model, on
 * random organisations and every kind of change: lib/access/impact/section-impact.test.ts.)
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { teamMembers } from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs } from "@/lib/testing/harness";
import { IMPACT_CHANGED } from "./schemas";

const {
  addSectionMembers,
  addSectionTeam,
  moveSection,
  previewAddMembersImpact,
  previewAddTeamImpact,
  previewMoveImpact,
  previewRemoveMembersImpact,
  previewRemoveTeamsImpact,
  previewRestrictedImpact,
  removeSectionMembers,
  removeSectionTeams,
  setSectionRestricted,
} = await import("./actions");

const E = (local: string) => `${local}@impact.test`;
const org: Record<string, unknown> = {
  locations: [],
  teams: [
    { key: "roads", name: "Roads", parent: null },
    { key: "north", name: "Roads North", parent: "roads" },
  ],
  people: [
    { email: E("mgr"), name: "Mo Manager", audience: "organisational" },
    { email: E("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: E("ann"), name: "Ann Roads", audience: "organisational", teams: ["roads"] },
    { email: E("bob"), name: "Bob Roads", audience: "organisational", teams: ["roads"] },
    { email: E("xena"), name: "Xena Contractor", audience: "external", teams: ["roads"] },
    { email: E("nia"), name: "Nia North", audience: "organisational", teams: ["north"] },
    { email: E("late"), name: "Lee Late", audience: "organisational" },
    { email: E("staff"), name: "Sid Staff", audience: "organisational" },
  ],
  sections: [
    { slug: "bids", title: "Bids", parent: null, restricted: true, members: [E("bob")], roles: [{ person: E("mgr"), role: "manager" }] },
    { slug: "bids-2027", title: "Bids 2027", parent: "bids", restricted: false },
    { slug: "open", title: "Open", parent: null, restricted: false },
  ],
  content: [
    { key: "a", type: "news", title: "Bid A", body: "<p>A</p>", section: "bids", author: E("mgr"), status: "published" },
    { key: "b", type: "news", title: "Bid B", body: "<p>B</p>", section: "bids-2027", author: E("mgr"), status: "published" },
    { key: "c", type: "news", title: "Bid C draft", body: "<p>C</p>", section: "bids", author: E("mgr"), status: "draft" },
    { key: "d", type: "news", title: "Open D", body: "<p>D</p>", section: "open", sharedInto: ["bids"], author: E("mgr"), status: "published" },
  ],
  groups: [],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(org);
});
afterAll(async () => h?.close());

const input = () => ({ sectionId: h.section("bids"), teamId: h.team("roads"), includeChildren: true });

describe("adding a team shows what it gives, and saves only that (B4 S2 S3 S8)", () => {
  it("B4 S2 S3: the preview counts who gains which sections and items, names them, and changes nothing", async () => {
    await signInAs(E("mgr"));
    const preview = await expectUnchanged(["section_member_teams", "audit_events"], () => previewAddTeamImpact(input()));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    // Bob is already a member; Ann, Xena and Nia (a child team) gain Bids and Bids 2027, and
    // the two items only there (Open D they could already view in Open; Xena could not: S6).
    expect(preview.data.impact).toEqual({
      gives: {
        people: 3,
        externalPeople: 1,
        sections: 2,
        groups: 0,
        items: 3,
        sample: [
          { id: h.person(E("ann")), name: "Ann Roads", audience: "organisational" },
          { id: h.person(E("nia")), name: "Nia North", audience: "organisational" },
          { id: h.person(E("xena")), name: "Xena Contractor", audience: "external" },
        ],
      },
      removes: { people: 0, externalPeople: 0, sections: 0, groups: 0, items: 0, sample: [] },
      apps: [],
    });
    expect(preview.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("B4: a save whose effect changed since the preview is refused with the figures to check again; the new preview saves", async () => {
    await signInAs(E("mgr"));
    const first = await previewAddTeamImpact(input());
    if (!first.ok) throw new Error("no preview");
    await h.db.insert(teamMembers).values({ teamId: h.team("roads"), personId: h.person(E("late")) });
    const refused = await expectUnchanged(["section_member_teams", "audit_events"], () =>
      addSectionTeam({ ...input(), acknowledgeExternal: true, impactFingerprint: first.data.fingerprint }),
    );
    expect(refused).toEqual({ ok: false, fieldErrors: { impactFingerprint: IMPACT_CHANGED } });

    const second = await previewAddTeamImpact(input());
    if (!second.ok) throw new Error("no preview");
    expect(second.data.impact.gives.people).toBe(4);
    expect(await addSectionTeam({ ...input(), acknowledgeExternal: true, impactFingerprint: second.data.fingerprint })).toMatchObject({ ok: true });
    const rows = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from section_member_teams where section_id = ${h.section("bids")}`));
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("B4 S5: lifting Restricted shows whom it opens the section to, below it too; saved with that confirmation", async () => {
    await signInAs(E("mgr"));
    // By now Roads and its child team are members: only Sid, of the organisation, cannot view Bids.
    const lift = { sectionId: h.section("bids"), restricted: false };
    const preview = await expectUnchanged(["sections"], () => previewRestrictedImpact(lift));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.data.impact.gives).toEqual({
      people: 1,
      externalPeople: 0,
      sections: 2,
      groups: 0,
      items: 2,
      sample: [{ id: h.person(E("staff")), name: "Sid Staff", audience: "organisational" }],
    });
    expect(preview.data.impact.removes.people).toBe(0);
    expect(await setSectionRestricted({ ...lift, confirmed: true, impactFingerprint: preview.data.fingerprint })).toMatchObject({ ok: true });
    // Restricting it again takes it from Sid alone; a stale confirmation (the lift's) is refused.
    const restrict = { sectionId: h.section("bids"), restricted: true };
    const again = await previewRestrictedImpact(restrict);
    expect(again.ok && again.data.impact.removes).toMatchObject({ people: 1, sections: 2, items: 2 });
    expect(await setSectionRestricted({ ...restrict, confirmed: false, impactFingerprint: preview.data.fingerprint })).toEqual({
      ok: false,
      fieldErrors: { impactFingerprint: IMPACT_CHANGED },
    });
  });

  it("B4 S1 S3: moving a section under a restricted one shows whom it takes the section from; saved as previewed", async () => {
    await signInAs(E("web"));
    // Bids restricted again (as previewed), then Open (everyone's) under it: Sid, no member of Bids, loses Open and its item.
    const restrict = await previewRestrictedImpact({ sectionId: h.section("bids"), restricted: true });
    if (!restrict.ok) throw new Error("no preview");
    expect(await setSectionRestricted({ sectionId: h.section("bids"), restricted: true, confirmed: false, impactFingerprint: restrict.data.fingerprint })).toMatchObject({ ok: true });
    const move = { sectionId: h.section("open"), newParentId: h.section("bids") };
    const preview = await expectUnchanged(["sections", "section_closure"], () => previewMoveImpact(move));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.data.impact.removes).toMatchObject({ people: 1, externalPeople: 0, sections: 1, items: 1, sample: [{ name: "Sid Staff" }] });
    expect(await moveSection({ ...move, impactFingerprint: preview.data.fingerprint })).toMatchObject({ ok: true });
  });

  it("B4 S2: adding people shows what it gives them before they are added; saved only as previewed", async () => {
    await signInAs(E("mgr"));
    // Bids is restricted and holds Open (moved under it): Sid, in no team, gains all three sections and the three published items.
    const add = { sectionId: h.section("bids"), personIds: [h.person(E("staff"))] };
    const preview = await expectUnchanged(["section_member_people"], () => previewAddMembersImpact(add));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.data.impact.gives).toMatchObject({ people: 1, externalPeople: 0, sections: 3, items: 3, sample: [{ name: "Sid Staff" }] });
    expect(preview.data.impact.removes.people).toBe(0);
    // Adding someone who can already view it all gives nothing.
    const already = await previewAddMembersImpact({ ...add, personIds: [h.person(E("ann"))] });
    expect(already.ok && already.data.impact.gives.people).toBe(0);
    const stale = already.ok ? already.data.fingerprint : "";
    expect(await expectUnchanged(["section_member_people", "audit_events"], () => addSectionMembers({ ...add, acknowledgeExternal: false, impactFingerprint: stale }))).toEqual({
      ok: false,
      fieldErrors: { impactFingerprint: IMPACT_CHANGED },
    });
    expect(await addSectionMembers({ ...add, acknowledgeExternal: false, impactFingerprint: preview.data.fingerprint })).toMatchObject({ ok: true });
  });

  it("B4 S2: removing a team shows who loses access (not those who still reach it another way); saved only as previewed", async () => {
    await signInAs(E("mgr"));
    const remove = { sectionId: h.section("bids"), teamIds: [h.team("roads")] };
    const preview = await expectUnchanged(["section_member_teams"], () => previewRemoveTeamsImpact(remove));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    // Bob and Sid are direct members: Ann, Lee, Nia and Xena (external) lose the three sections and their items.
    expect(preview.data.impact.removes).toMatchObject({ people: 4, externalPeople: 1, sections: 3, items: 3 });
    expect(preview.data.impact.removes.sample.map((p) => p.name)).toEqual(["Ann Roads", "Lee Late", "Nia North", "Xena Contractor"]);
    expect(preview.data.impact.gives.people).toBe(0);
    // Someone joins the team in between: the confirmation no longer holds.
    await h.db.delete(teamMembers).where(sql`person_id = ${h.person(E("late"))}`);
    expect(await expectUnchanged(["section_member_teams", "audit_events"], () => removeSectionTeams({ ...remove, impactFingerprint: preview.data.fingerprint }))).toEqual({
      ok: false,
      fieldErrors: { impactFingerprint: IMPACT_CHANGED },
    });
    const again = await previewRemoveTeamsImpact(remove);
    if (!again.ok) throw new Error("no preview");
    expect(again.data.impact.removes.people).toBe(3);
    expect(await removeSectionTeams({ ...remove, impactFingerprint: again.data.fingerprint })).toMatchObject({ ok: true });
  });

  it("B4 S2: removing people shows what they lose; saved only as previewed", async () => {
    await signInAs(E("mgr"));
    const remove = { sectionId: h.section("bids"), personIds: [h.person(E("bob")), h.person(E("staff"))] };
    const preview = await expectUnchanged(["section_member_people"], () => previewRemoveMembersImpact(remove));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.data.impact.removes).toMatchObject({ people: 2, sections: 3, items: 3 });
    expect(await removeSectionMembers({ ...remove, impactFingerprint: preview.data.fingerprint })).toMatchObject({ ok: true, data: { removed: 2 } });
  });

  it("B4 S7: only the section's managers (and webmasters) may preview", async () => {
    await signInAs(E("mgr"));
    expect((await previewMoveImpact({ sectionId: h.section("bids-2027"), newParentId: null })).ok).toBe(false);
    await signInAs(E("staff"));
    expect((await previewAddTeamImpact(input())).ok).toBe(false);
    expect((await previewRestrictedImpact({ sectionId: h.section("bids"), restricted: false })).ok).toBe(false);
    expect((await previewAddMembersImpact({ sectionId: h.section("bids"), personIds: [h.person(E("staff"))] })).ok).toBe(false);
    expect((await previewRemoveMembersImpact({ sectionId: h.section("bids"), personIds: [h.person(E("bob"))] })).ok).toBe(false);
    expect((await previewRemoveTeamsImpact({ sectionId: h.section("bids"), teamIds: [h.team("roads")] })).ok).toBe(false);
  });
});
