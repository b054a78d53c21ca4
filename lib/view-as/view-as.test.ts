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
import { people, sessions } from "@/db/schema";
import { getViewer } from "@/lib/access/viewer";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";

const { startViewAsAction, endViewAsAction, searchPeopleToViewAsAction } = await import("./actions");
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
  ],
  sections: [
    { slug: "partners", title: "Partners", parent: null, restricted: true, teams: [{ team: "partners", includeChildren: false }] },
    { slug: "board", title: "Board papers", parent: null, restricted: true },
  ],
  content: [],
  groups: [],
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
    expect(await startViewAsAction({ personId: h.person(e("ext")) })).toEqual({ ok: true, data: { id: h.person(e("ext")), name: "Xena External", audience: "external" } });

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
