/**
 * B2: viewing the site as someone. A webmaster's session views as the person: the request's
 * viewer is theirs (the same Viewer their own sign-in gives, so every page and query answers
 * as for them), never a session of theirs and never their last access; every action and
 * export is refused; ending it is theirs alone and returns their own view; both ends are
 * audited; only webmasters, and only while they still are.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import { content, groups, people, sectionRoles, sections, sessions } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { getViewer } from "@/lib/access/viewer";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const { startViewAsAction, endViewAsAction, searchPeopleToViewAsAction } = await import("./actions");
const { sectionPageViewer, contentPageViewer } = await import("@/lib/access/view-as-scope");
const { visibleContent, visibleGroups, visibleSections } = await import("@/lib/access/filters");
const { getSection } = await import("@/lib/sections/queries");
const { getContent } = await import("@/lib/content/item");
const { setSectionRestricted } = await import("@/lib/sections/actions");
const { GET: exportRoute } = await import("@/app/(portal)/access/exposure/export/route");

const D = "view-as.test";
const e = (name: string) => `${name}@${D}`;

const org: Record<string, unknown> = {
  locations: [],
  teams: [{ key: "partners", name: "Partners", parent: null }],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("web2"), name: "Will Web", audience: "organisational", roles: ["webmaster"] },
    { email: e("staff"), name: "Sid Staff", audience: "organisational" },
    { email: e("ext"), name: "Xena External", audience: "external", teams: ["partners"] },
    { email: e("gone"), name: "Bea Blocked", audience: "organisational", blocked: true },
    { email: e("mgr"), name: "Mo Manager", audience: "organisational" },
  ],
  // Mo manages Partners (and so Bids below it), not Board papers, which Sid sees and Mo does not.
  sections: [
    {
      slug: "partners",
      title: "Partners",
      parent: null,
      restricted: true,
      teams: [{ team: "partners", includeChildren: false }],
      members: [e("staff")],
      roles: [{ person: e("mgr"), role: "manager" }],
    },
    { slug: "bids", title: "Bids", parent: "partners", restricted: false },
    { slug: "board", title: "Board papers", parent: null, restricted: true, members: [e("staff")] },
    { slug: "open", title: "Open news", parent: null, restricted: false },
  ],
  content: [
    { key: "plan", type: "news", title: "Partner plan", body: "<p>Plan</p>", section: "partners", sharedInto: ["board"], author: e("staff"), status: "published" },
    { key: "minutes", type: "news", title: "Board minutes", body: "<p>Minutes</p>", section: "board", sharedInto: ["partners"], author: e("staff"), status: "published" },
    { key: "bid-draft", type: "news", title: "Bid draft", body: "<p>Draft</p>", section: "bids", author: e("staff"), status: "draft" },
    { key: "board-draft", type: "news", title: "Board draft", body: "<p>Draft</p>", section: "board", author: e("staff"), status: "draft" },
    { key: "club-news", type: "news", title: "Club news", body: "<p>Club</p>", group: "club", author: e("staff"), status: "published" },
  ],
  groups: [{ slug: "club", name: "Staff club", description: "", visibility: "private", members: [{ person: e("staff"), admin: true }] }],
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness(org);
});
afterAll(async () => h?.close());

async function navigation(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    return String((error as { digest?: string }).digest ?? error);
  }
  return "no navigation";
}

const lastAccess = async (email: string) => (await h.db.select({ at: people.lastAccessAt }).from(people).where(eq(people.id, h.person(email))))[0]!.at;
const auditRows = async (action: string) =>
  rowsOf<{ actor_email: string; target_id: string }>(await h.db.execute(sql`select actor_email, target_id from audit_events where action = ${action} order by id`));

/** Signs the webmaster in (a fresh session, as every test's request is new) and views as `email`. */
async function viewingAs(asker: string, email: string) {
  await signInAs(e(asker));
  const started = await startViewAsAction({ personId: h.person(e(email)) });
  if (!started.ok) throw new Error(`could not view as ${email}`);
}

describe("viewing as someone (B2)", () => {
  it("B2: a webmaster's session views as an external person: the viewer is theirs exactly, in the webmaster's session; no session or last access of theirs is touched", async () => {
    const own = await viewerOf(e("ext"));
    const extSessions = await h.db.select().from(sessions).where(eq(sessions.personId, h.person(e("ext"))));
    const extAccess = await lastAccess(e("ext"));
    const web = await signInAs(e("web"));
    expect(await startViewAsAction({ personId: h.person(e("ext")) })).toEqual({
      ok: true,
      data: { id: h.person(e("ext")), name: "Xena External", audience: "external", startAt: "/extranet" },
    });

    const seen = await getViewer();
    expect(seen).toEqual({ ...own, sessionId: web!.sessionId, asSeenBy: { id: web!.id, name: "Wen Web", email: e("web") } });
    expect(await h.db.select().from(sessions).where(eq(sessions.personId, h.person(e("ext"))))).toEqual(extSessions);
    expect(await lastAccess(e("ext"))).toEqual(extAccess);
    expect(await auditRows("access.view-as.start")).toEqual([{ actor_email: e("web"), target_id: h.person(e("ext")) }]);
  });

  it("B2 M8: while viewing as someone every action and every export is refused, saying so, and nothing changes", async () => {
    await viewingAs("web", "ext");
    const result = await expectUnchanged(["sections", "audit_events"], () => setSectionRestricted({ sectionId: h.section("partners"), restricted: false, confirmed: true }));
    expect(result).toEqual({ ok: false, formError: "You are viewing Portico as Xena External; nothing can be changed. End viewing as them to make changes." });
    // Even starting another view-as: it is the person's action now, and refused the same way.
    expect((await startViewAsAction({ personId: h.person(e("staff")) })).ok).toBe(false);
    const response = await exportRoute(new Request("http://localhost/access/exposure/export?organisation=x"));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("You are viewing Portico as Xena External");
    // Reads run as the person: the view-as picker is for webmasters, so it refuses them.
    expect((await searchPeopleToViewAsAction({ query: "Sid" })).ok).toBe(false);
  });

  it("B2 M8: ending returns the webmaster's own view and is audited; ending again does nothing", async () => {
    await viewingAs("web", "ext");
    const ends = (await auditRows("access.view-as.end")).length;
    expect(await navigation(() => endViewAsAction())).toContain("/access/view-as");
    const back = await getViewer();
    expect(back?.id).toBe(h.person(e("web")));
    expect(back?.asSeenBy ?? null).toBeNull();
    expect((await auditRows("access.view-as.end")).slice(ends)).toEqual([{ actor_email: e("web"), target_id: h.person(e("ext")) }]);
    expect(await navigation(() => endViewAsAction())).toBe("NEXT_REDIRECT;replace;/;307;");
    expect(await auditRows("access.view-as.end")).toHaveLength(ends + 1);
  });

  it("B2 S4: only webmasters; never oneself or a blocked person; a demoted webmaster's view-as stops at once", async () => {
    await signInAs(e("staff"));
    expect((await startViewAsAction({ personId: h.person(e("ext")) })).ok).toBe(false);
    const web2 = await signInAs(e("web2"));
    expect(await startViewAsAction({ personId: web2!.id })).toEqual({ ok: false, fieldErrors: { person: "That is you: choose someone else to view the site as." } });
    expect(await startViewAsAction({ personId: h.person(e("gone")) })).toEqual({
      ok: false,
      fieldErrors: { person: "Bea Blocked is blocked and sees nothing: unblock them first to view the site as them." },
    });
    expect((await startViewAsAction({ personId: h.person(e("staff")) })).ok).toBe(true);
    expect((await getViewer())?.id).toBe(h.person(e("staff")));
    await h.db.update(people).set({ roles: [] }).where(eq(people.id, web2!.id));
    const after = await getViewer();
    expect(after?.id).toBe(web2!.id);
    expect(after?.asSeenBy ?? null).toBeNull();
  });
});

/** What a viewer can see, by the predicates every page uses. */
const sectionSlugs = async (viewer: Viewer) => (await h.db.select({ slug: sections.slug }).from(sections).where(visibleSections(viewer)).orderBy(sections.slug)).map((r) => r.slug);
const contentTitles = async (viewer: Viewer) => (await h.db.select({ title: content.title }).from(content).where(visibleContent(viewer)).orderBy(content.title)).map((r) => r.title);

describe("a section manager viewing as someone within their sections (B2 S7)", () => {
  it("B2 S7: the request stays the manager's own; the person is seen only within the sections they manage: no other section, draft or group of theirs", async () => {
    await signInAs(e("mgr"));
    expect(await startViewAsAction({ personId: h.person(e("staff")) })).toEqual({
      ok: true,
      data: { id: h.person(e("staff")), name: "Sid Staff", audience: "organisational", startAt: "/sections/partners" },
    });
    const own = (await getViewer())!;
    expect(own.id).toBe(h.person(e("mgr")));
    expect(own.asSeenBy ?? null).toBeNull();
    const seen = own.viewingAsWithin!.viewer;
    expect(seen).toMatchObject({ id: h.person(e("staff")), withinSections: [h.section("partners")], asSeenBy: { id: own.id } });

    // Sid sees all four sections and every item; seen by Mo, only Partners and Bids and what is in them.
    expect(await sectionSlugs(await viewerOf(e("staff")))).toEqual(["bids", "board", "open", "partners"]);
    expect(await sectionSlugs(seen)).toEqual(["bids", "partners"]);
    expect(await contentTitles(await viewerOf(e("staff")))).toEqual(["Bid draft", "Board draft", "Board minutes", "Club news", "Partner plan"]);
    // The minutes are shared into Partners, so within it they are seen (as Mo sees them himself).
    expect(await contentTitles(seen)).toEqual(["Bid draft", "Board minutes", "Partner plan"]);
    expect(await h.db.select().from(groups).where(visibleGroups(seen))).toEqual([]);
    expect(await auditRows("access.view-as.start")).toContainEqual({ actor_email: e("mgr"), target_id: h.person(e("staff")) });
  });

  it("B2 C5: only the pages of the manager's sections and of the items homed there render as the person, and they name nothing outside those sections", async () => {
    await viewingAs("mgr", "staff");
    const own = (await getViewer())!;
    const seen = own.viewingAsWithin!.viewer;
    expect(await sectionPageViewer(own, "partners")).toBe(seen);
    expect(await sectionPageViewer(own, "bids")).toBe(seen);
    expect(await sectionPageViewer(own, "board")).toBe(own);
    expect(await sectionPageViewer(own, "open")).toBe(own);
    expect(await contentPageViewer(own, h.content("plan"))).toBe(seen);
    expect(await contentPageViewer(own, h.content("minutes"))).toBe(own);
    expect(await contentPageViewer(own, h.content("club-news"))).toBe(own);
    expect(await contentPageViewer(own, "not-an-id")).toBe(own);

    // Board papers is outside: Mo is refused it as himself, as ever.
    expect((await getSection(own, "board")).status).toBe("forbidden");
    const partners = await getSection(seen, "partners");
    expect(partners).toMatchObject({ status: "ok", value: { title: "Partners", children: [{ slug: "bids" }] } });
    // Sid's plan is shared into Board papers; seen within Mo's sections, that place is not named.
    const plan = await getContent(seen, h.content("plan"));
    expect(plan).toMatchObject({ status: "ok", value: { title: "Partner plan", sharedInto: [] } });
    expect(JSON.stringify(plan)).not.toContain("Board");
    expect((await getContent(seen, h.content("bid-draft"))).status).toBe("ok");
    expect((await getContent(seen, h.content("board-draft"))).status).not.toBe("ok");
    expect((await getContent(seen, h.content("club-news"))).status).not.toBe("ok");
  });

  it("B2 M8: every action is refused while a manager views as someone; ending returns their own view and is audited", async () => {
    await viewingAs("mgr", "staff");
    const result = await expectUnchanged(["sections", "audit_events"], () => setSectionRestricted({ sectionId: h.section("partners"), restricted: false, confirmed: true }));
    expect(result).toEqual({ ok: false, formError: "You are viewing Portico as Sid Staff; nothing can be changed. End viewing as them to make changes." });
    const ends = (await auditRows("access.view-as.end")).length;
    expect(await navigation(() => endViewAsAction())).toContain("/access/view-as");
    expect((await getViewer())?.viewingAsWithin ?? null).toBeNull();
    expect((await auditRows("access.view-as.end")).slice(ends)).toEqual([{ actor_email: e("mgr"), target_id: h.person(e("staff")) }]);
  });

  it("B2 S7: never as a webmaster; not for someone who manages nothing; the view stops once the manager no longer manages a section", async () => {
    await signInAs(e("mgr"));
    expect(await startViewAsAction({ personId: h.person(e("web")) })).toEqual({
      ok: false,
      fieldErrors: { person: "Wen Web is a webmaster and sees every page of your sections, as you do. Choose someone else." },
    });
    const offered = await searchPeopleToViewAsAction({ query: "W" });
    expect(offered.ok && offered.data.map((p) => p.name)).not.toContain("Wen Web");
    expect((await startViewAsAction({ personId: h.person(e("ext")) })).ok).toBe(true);
    expect((await getViewer())?.viewingAsWithin?.viewer.id).toBe(h.person(e("ext")));
    await h.db.delete(sectionRoles).where(eq(sectionRoles.personId, h.person(e("mgr"))));
    const after = await getViewer();
    expect(after?.id).toBe(h.person(e("mgr")));
    expect(after?.viewingAsWithin ?? null).toBeNull();
    await signInAs(e("ext"));
    expect((await startViewAsAction({ personId: h.person(e("staff")) })).ok).toBe(false);
  });
});
