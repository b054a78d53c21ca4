/**
 * D2 D5: a section's members and roles through the API are its manage page's own actions
 * performed as the token's person: only those who manage it (S7), external people only with
 * S8's acknowledgement, audit rows naming the token (M8), the page's 403 and 404.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { apiWrite, authoriseEveryone, routeParams } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { POST: addMembers } = await import("@/app/api/v1/sections/[slug]/members/route");
const { DELETE: removeMember } = await import("@/app/api/v1/sections/[slug]/members/[personId]/route");
const { POST: changeRoles } = await import("@/app/api/v1/sections/[slug]/roles/route");
const { makeToken } = await import("@/lib/api-tokens/mutations");

const E = (local: string) => `${local}@api-sections-w.test`;
const ORG = {
  people: [
    { email: E("manager"), name: "Mia Manager", audience: "organisational" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational" },
    { email: E("new"), name: "Nina New", audience: "organisational" },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
  ],
  sections: [{ slug: "hr", title: "HR", parent: null, restricted: true, members: [E("manager")], roles: [{ person: E("manager"), role: "manager" }] }],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const who of ["manager", "staff"]) tokens.set(who, (await makeToken(h.db, h.person(E(who)), { name: `${who}'s script`, days: 7, scope: "read-write" })).token);
});
afterAll(async () => h?.close());

const request = (method: string, path: string, who: string, body?: unknown) => apiWrite(method, path, tokens.get(who)!, body);
const params = routeParams;
const members = async () =>
  rowsOf<{ email: string }>(await h.db.execute(sql`select p.email from section_member_people m join people p on p.id = m.person_id where m.section_id = ${h.section("hr")} order by p.email`)).map((r) => r.email);
const roles = async (email: string) =>
  rowsOf<{ role: string }>(await h.db.execute(sql`select role from section_roles where section_id = ${h.section("hr")} and person_id = ${h.person(E(email))}::uuid order by role`)).map((r) => r.role);

describe("D2: a section's people through the API", () => {
  it("D2 S2 S7 M8: its manager adds a member and removes them; the audit rows name the token", async () => {
    const added = await addMembers(request("POST", "/sections/hr/members", "manager", { personIds: [h.person(E("new"))] }), params({ slug: "hr" }));
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({ sectionId: h.section("hr"), personIds: [h.person(E("new"))] });
    expect(await members()).toContain(E("new"));
    const [audit] = rowsOf<{ details: Record<string, unknown> }>(await h.db.execute(sql`select details from audit_events where action = 'section.members.add' order by id desc limit 1`));
    expect(audit!.details).toMatchObject({ apiToken: { name: "manager's script" } });
    const removed = await removeMember(request("DELETE", `/sections/hr/members/${h.person(E("new"))}`, "manager"), params({ slug: "hr", personId: h.person(E("new")) }));
    expect(removed.status).toBe(200);
    expect(await members()).not.toContain(E("new"));
  });

  it("D2 S8: adding an external person needs the acknowledgement: 422 with the page's message, nothing added; with it, added", async () => {
    const refused = await addMembers(request("POST", "/sections/hr/members", "manager", { personIds: [h.person(E("ext"))] }), params({ slug: "hr" }));
    expect(refused.status).toBe(422);
    expect(Object.keys((await refused.json()).errors)).toEqual(["acknowledgeExternal"]);
    expect(await members()).not.toContain(E("ext"));
    const added = await addMembers(request("POST", "/sections/hr/members", "manager", { personIds: [h.person(E("ext"))], acknowledgeExternal: true }), params({ slug: "hr" }));
    expect(added.status).toBe(200);
    expect(await members()).toContain(E("ext"));
  });

  it("D2 S8 S7: a role for an external member needs the acknowledgement too: 422 with the page's message, no role; with it, given", async () => {
    await addMembers(request("POST", "/sections/hr/members", "manager", { personIds: [h.person(E("ext"))], acknowledgeExternal: true }), params({ slug: "hr" }));
    const body = { personIds: [h.person(E("ext"))], roles: ["author"], change: "add" };
    const refused = await changeRoles(request("POST", "/sections/hr/roles", "manager", body), params({ slug: "hr" }));
    expect(refused.status).toBe(422);
    expect(Object.keys((await refused.json()).errors)).toEqual(["acknowledgeExternal"]);
    expect(await roles("ext")).toEqual([]);
    const given = await changeRoles(request("POST", "/sections/hr/roles", "manager", { ...body, acknowledgeExternal: true }), params({ slug: "hr" }));
    expect(given.status, JSON.stringify(await given.clone().json())).toBe(200);
    expect(await roles("ext")).toEqual(["author"]);
  });

  it("D2 S7: its manager gives a member a role and takes it back", async () => {
    await addMembers(request("POST", "/sections/hr/members", "manager", { personIds: [h.person(E("new"))] }), params({ slug: "hr" }));
    const given = await changeRoles(request("POST", "/sections/hr/roles", "manager", { personIds: [h.person(E("new"))], roles: ["editor"], change: "add" }), params({ slug: "hr" }));
    expect(given.status, JSON.stringify(await given.clone().json())).toBe(200);
    expect(await roles("new")).toEqual(["editor"]);
    await changeRoles(request("POST", "/sections/hr/roles", "manager", { personIds: [h.person(E("new"))], roles: ["editor"], change: "remove" }), params({ slug: "hr" }));
    expect(await roles("new")).toEqual([]);
  });

  it("D2 S7 C5: someone who does not manage it gets the page's 403 and changes nothing; an unknown section is a 404", async () => {
    const before = await members();
    const refused = await addMembers(request("POST", "/sections/hr/members", "staff", { personIds: [h.person(E("staff"))] }), params({ slug: "hr" }));
    expect(refused.status).toBe(403);
    expect(await members()).toEqual(before);
    expect((await changeRoles(request("POST", "/sections/hr/roles", "staff", { personIds: [h.person(E("staff"))], roles: ["manager"], change: "add" }), params({ slug: "hr" }))).status).toBe(403);
    expect(await roles("staff")).toEqual([]);
    expect((await addMembers(request("POST", "/sections/nowhere/members", "manager", { personIds: [h.person(E("new"))] }), params({ slug: "nowhere" }))).status).toBe(404);
  });
});
