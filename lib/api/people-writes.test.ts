/**
 * D2 D5: people administration through the API is the admin pages' own actions performed as
 * the token's person: webmasters only (M3, P3, M6), the form's own messages for bad input (422),
 * P3's last way in kept, every change in the audit log naming the token (M8), the person then
 * shown as GET /people/{id} shows them; the import in the page's two steps (M6: a preview with
 * every problem, then exactly what was previewed applied, or 409). Refusals change nothing.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/connect";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { apiRequest, apiWrite, authoriseEveryone, documentValidator, routeParams } from "./testing/contract";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { POST: createPerson } = await import("@/app/api/v1/people/route");
const { GET: readPerson, PATCH: patchPerson } = await import("@/app/api/v1/people/[id]/route");
const { PUT: putBlocked } = await import("@/app/api/v1/people/[id]/blocked/route");
const { POST: uploadImport } = await import("@/app/api/v1/imports/route");
const { GET: readImport } = await import("@/app/api/v1/imports/[id]/route");
const { POST: applyImport } = await import("@/app/api/v1/imports/[id]/apply/route");
const { openApiDocument } = await import("./openapi");
const { makeToken } = await import("@/lib/api-tokens/mutations");
const { getPersonForAdmin } = await import("@/lib/people/admin-queries");
const { getImportPreview } = await import("@/lib/import/queries");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { SELF_BLOCK_MESSAGE } = await import("@/lib/people/way-in");
const { MAX_IMPORT_BYTES } = await import("@/lib/import/kinds");

const E = (local: string) => `${local}@api-people-w.test`;
const ORG = {
  teams: [{ key: "ops", name: "Operations", parent: null }],
  locations: [{ key: "ldn", name: "London" }],
  people: [
    { email: E("web"), name: "Wendy Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("web2"), name: "Will Web", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("staff"), name: "Sam Staff", audience: "organisational", teams: ["ops"] },
    { email: E("ext"), name: "Xena Ext", audience: "external" },
  ],
  sections: [],
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
const tokens = new Map<string, string>();
beforeAll(async () => {
  h = await createHarness(ORG);
  await authoriseEveryone(h.db);
  for (const who of ["web", "staff", "ext"]) tokens.set(who, (await makeToken(h.db, h.person(E(who)), { name: `${who}'s script`, days: 7, scope: "read-write" })).token);
  tokens.set("reader", (await makeToken(h.db, h.person(E("web")), { name: "Reader", days: 7, scope: "read" })).token);
});
afterAll(async () => h?.close());

const check = (id: string, data: unknown) => documentValidator(openApiDocument())(id, data);
const request = (method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}) => apiWrite(method, path, tokens.get(who)!, body, headers);
const params = routeParams;
const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(query));
/** The admin edit page's own read of a person, as a webmaster sees it (M3). */
const asAdminSees = async (id: string) => {
  const found = await getPersonForAdmin(await viewerOf(E("web")), id);
  if (found.status !== "ok") throw new Error(`no person ${id}`);
  return found.value;
};
const auditOf = (action: string) => rows<{ actor_email: string; target_id: string | null; details: Record<string, unknown> }>(sql`select actor_email, target_id, details from audit_events where action = ${action} order by id`);
/**
 * Everything a people write or an import may change, exactly: every row of these tables
 * (a person's last access aside, which a token's use may move, P4).
 */
const everything = async () => ({
  people: (await rows<Record<string, unknown>>(sql`select * from people order by id`)).map(({ last_access_at: _, ...p }) => p),
  members: await rows(sql`select * from team_members order by team_id, person_id`),
  teams: await rows(sql`select * from teams order by id`),
  locations: await rows(sql`select * from locations order by id`),
  uploads: await rows(sql`select id, applied_at from import_uploads order by id`),
  outbox: await rows(sql`select id from outbox_messages order by id`),
});

const newcomer = (email: string) => ({ name: "Nina New", email, roles: ["external"], mobile: "", locationId: "", organisation: "Riverside Care Agency" });

describe("D2 M3: adding a person through the API", () => {
  it("D2 M3 P3 M8: a webmaster adds a person: 201, its address, the profile as GET /people/{id} shows it, the admin page's person, an audit row naming the token", async () => {
    const response = await createPerson(request("POST", "/people", "web", newcomer(E("nina"))));
    expect(response.status, await response.clone().text()).toBe(201);
    const profile = await response.json();
    expect(check("Profile", profile)).toEqual([]);
    expect(profile).toMatchObject({ name: "Nina New", email: E("nina"), audience: "external", blocked: false, organisation: "Riverside Care Agency", isSelf: false });
    expect(response.headers.get("location")).toBe(`/api/v1/people/${profile.id}`);
    const shown = await readPerson(request("GET", `/people/${profile.id}`, "web"), params({ id: profile.id }));
    expect(await shown.json()).toEqual(profile);
    expect(await asAdminSees(profile.id)).toMatchObject({ email: E("nina"), audience: "external", roles: [], status: "unauthorised" });
    const [audit] = (await auditOf("people.create")).filter((a) => a.target_id === profile.id);
    expect(audit).toMatchObject({ actor_email: E("web"), details: { apiToken: { name: "web's script" } } });
  });

  it("D2 D5 M3: someone who is not a webmaster gets the action's own refusal (403, audited with the token) and nothing is made; a read-only token may not write at all", async () => {
    const before = await everything();
    const refused = await createPerson(request("POST", "/people", "staff", newcomer(E("not-made"))));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const problem = await refused.json();
    expect(check("Problem", problem)).toEqual([]);
    expect(problem.detail).toBe(REFUSED_MESSAGE);
    expect((await auditOf("people.create.refused")).at(-1)).toMatchObject({ actor_email: E("staff"), details: { apiToken: { name: "staff's script" } } });
    const reader = await createPerson(request("POST", "/people", "reader", newcomer(E("not-made"))));
    expect(reader.status).toBe(403);
    expect(reader.headers.get("www-authenticate")).toContain("insufficient_scope");
    expect((await createPerson(request("POST", "/people", "ext", newcomer(E("not-made"))))).status).toBe(403);
    expect(await everything()).toEqual(before);
  });

  it("D2 M3 P2 Q3: bad input is a 422 with the form's own message for each field, a taken address too; a body not JSON is a 400, one not sent as JSON a 415; nothing is made", async () => {
    const before = await everything();
    const bad = await createPerson(request("POST", "/people", "web", { name: "", email: "two@x.org, three@x.org", roles: ["external", "webmaster"], mobile: "", locationId: "" }));
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(check("Problem", problem)).toEqual([]);
    expect(problem.errors).toMatchObject({ name: "Enter the person’s name", email: expect.stringMatching(/one e-mail address/), roles: expect.stringMatching(/External cannot be combined/) });
    const taken = await (await createPerson(request("POST", "/people", "web", newcomer(E("STAFF"))))).json();
    expect(taken.errors.email).toMatch(/already uses this e-mail address/);
    const nowhere = await (await createPerson(request("POST", "/people", "web", { ...newcomer(E("nowhere")), locationId: "999999" }))).json();
    expect(nowhere.errors.locationId).toMatch(/no longer exists/);
    expect((await createPerson(request("POST", "/people", "web", "{not json"))).status).toBe(400);
    const form = new Request("http://portico.test/api/v1/people", { method: "POST", headers: { authorization: `Bearer ${tokens.get("web")}`, "content-type": "application/x-www-form-urlencoded" }, body: "name=x" });
    expect((await createPerson(form)).status).toBe(415);
    expect(await everything()).toEqual(before);
  });

  it("D2: the same create sent again with its Idempotency-Key makes one person and gives the first answer again", async () => {
    const count = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from people`))[0]!.n;
    const before = await count();
    const key = "5f0f3a52-2b1e-4b7e-9d0c-7f6a3e2b1c01";
    const first = await createPerson(request("POST", "/people", "web", newcomer(E("once")), { "Idempotency-Key": key }));
    const again = await createPerson(request("POST", "/people", "web", newcomer(E("once")), { "Idempotency-Key": key }));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(await count()).toBe(before + 1);
  });
});

describe("D2 M3: changing a person through the API", () => {
  it("D2 M3 M8: a change sends only what changes: the job title and roles change, the rest stays as the edit form holds it; the audit row names the token", async () => {
    const id = h.person(E("staff"));
    const before = await asAdminSees(id);
    const response = await patchPerson(request("PATCH", `/people/${id}`, "web", { jobTitle: "Duty manager", roles: ["organisational", "webmaster"] }), params({ id }));
    expect(response.status, await response.clone().text()).toBe(200);
    const profile = await response.json();
    expect(check("Profile", profile)).toEqual([]);
    expect(profile).toMatchObject({ id, name: "Sam Staff", email: E("staff"), jobTitle: "Duty manager" });
    const after = await asAdminSees(id);
    expect(after).toMatchObject({ name: before.name, email: before.email, mobile: before.mobile, locationId: before.locationId, roles: ["webmaster"], profile: { ...before.profile, jobTitle: "Duty manager" } });
    const [audit] = (await auditOf("people.update")).filter((a) => a.target_id === id).slice(-1);
    expect(audit).toMatchObject({ actor_email: E("web"), details: { apiToken: { name: "web's script" }, accessChanged: true } });
    // And back, by the same path.
    await patchPerson(request("PATCH", `/people/${id}`, "web", { roles: ["organisational"] }), params({ id }));
    expect((await asAdminSees(id)).roles).toEqual([]);
  });

  it("D2 D5 M3: someone who is not a webmaster is refused (403) and a read-only token too; an unknown id is a 404; nothing changes", async () => {
    const id = h.person(E("ext"));
    const before = await everything();
    const refused = await patchPerson(request("PATCH", `/people/${id}`, "staff", { name: "Renamed" }), params({ id }));
    expect(refused.status).toBe(403);
    expect(check("Problem", await refused.json())).toEqual([]);
    expect((await patchPerson(request("PATCH", `/people/${id}`, "ext", { name: "Renamed" }), params({ id }))).status).toBe(403);
    const reader = await patchPerson(request("PATCH", `/people/${id}`, "reader", { name: "Renamed" }), params({ id }));
    expect(reader.status).toBe(403);
    expect(reader.headers.get("www-authenticate")).toContain("insufficient_scope");
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await patchPerson(request("PATCH", `/people/${unknown}`, "web", { name: "Nobody" }), params({ id: unknown }))).status).toBe(404);
    expect((await patchPerson(request("PATCH", "/people/not-an-id", "web", { name: "Nobody" }), params({ id: "not-an-id" }))).status).toBe(404);
    expect(await everything()).toEqual(before);
  });

  it("D2 M3 P2 P3 Q3: bad input is a 422 with the form's messages; an address someone else has, one's own Webmaster role, are refused; nothing changes", async () => {
    const ext = h.person(E("ext"));
    const web = h.person(E("web"));
    const before = await everything();
    const bad = await patchPerson(request("PATCH", `/people/${ext}`, "web", { email: "not an address", mobile: "call me", roles: "webmaster" }), params({ id: ext }));
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(check("Problem", problem)).toEqual([]);
    expect(Object.keys(problem.errors).sort()).toEqual(["email", "mobile", "roles"]);
    const taken = await (await patchPerson(request("PATCH", `/people/${ext}`, "web", { email: E("web2") }), params({ id: ext }))).json();
    expect(taken.errors.email).toMatch(/already uses this e-mail address/);
    const mixed = await (await patchPerson(request("PATCH", `/people/${ext}`, "web", { roles: ["external", "organisational"] }), params({ id: ext }))).json();
    expect(mixed.errors.roles).toMatch(/External cannot be combined/);
    const own = await patchPerson(request("PATCH", `/people/${web}`, "web", { roles: ["organisational"] }), params({ id: web }));
    expect(own.status).toBe(422);
    expect((await own.json()).errors.roles).toMatch(/your own Webmaster role/);
    expect(await everything()).toEqual(before);
  });
});

describe("D2 P3: blocking a person through the API", () => {
  it("D2 P3 D5 M8: a webmaster blocks a person: the profile says so, the admin page shows them blocked, their token stops working; unblocked, it works again", async () => {
    const id = h.person(E("ext"));
    const blocked = await putBlocked(request("PUT", `/people/${id}/blocked`, "web", { blocked: true }), params({ id }));
    expect(blocked.status, await blocked.clone().text()).toBe(200);
    const profile = await blocked.json();
    expect(check("Profile", profile)).toEqual([]);
    expect(profile).toMatchObject({ id, blocked: true });
    expect((await asAdminSees(id)).status).toBe("blocked");
    expect((await readPerson(apiRequest(`/people/${id}`, tokens.get("ext")!), params({ id }))).status).toBe(401);
    const [audit] = (await auditOf("people.block")).slice(-1);
    expect(audit).toMatchObject({ actor_email: E("web"), details: { blocked: true, personIds: [id], changed: 1, apiToken: { name: "web's script" } } });
    const unblocked = await putBlocked(request("PUT", `/people/${id}/blocked`, "web", { blocked: false }), params({ id }));
    expect((await unblocked.json()).blocked).toBe(false);
    expect((await asAdminSees(id)).status).not.toBe("blocked");
    expect((await readPerson(apiRequest(`/people/${id}`, tokens.get("ext")!), params({ id }))).status).toBe(200);
  });

  it("D2 D5 P3: someone who is not a webmaster is refused (403), a read-only token too; nothing changes", async () => {
    const web = h.person(E("web"));
    const before = await everything();
    expect((await putBlocked(request("PUT", `/people/${web}/blocked`, "staff", { blocked: true }), params({ id: web }))).status).toBe(403);
    const reader = await putBlocked(request("PUT", `/people/${h.person(E("staff"))}/blocked`, "reader", { blocked: true }), params({ id: h.person(E("staff")) }));
    expect(reader.status).toBe(403);
    expect(reader.headers.get("www-authenticate")).toContain("insufficient_scope");
    expect(await everything()).toEqual(before);
  });

  it("D2 P3 Q3: blocking oneself is a 409 with the rule's words; a body without `blocked` a 422; an unknown person a 404; nothing changes", async () => {
    const web = h.person(E("web"));
    const before = await everything();
    const self = await putBlocked(request("PUT", `/people/${web}/blocked`, "web", { blocked: true }), params({ id: web }));
    expect(self.status).toBe(409);
    const problem = await self.json();
    expect(check("Problem", problem)).toEqual([]);
    expect(problem.detail).toContain(SELF_BLOCK_MESSAGE);
    const staff = h.person(E("staff"));
    for (const body of [{}, { blocked: "yes" }]) {
      const bad = await putBlocked(request("PUT", `/people/${staff}/blocked`, "web", body), params({ id: staff }));
      expect(bad.status).toBe(422);
      expect(Object.keys((await bad.json()).errors)).toEqual(["blocked"]);
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await putBlocked(request("PUT", `/people/${unknown}/blocked`, "web", { blocked: true }), params({ id: unknown }))).status).toBe(404);
    expect(await everything()).toEqual(before);
  });
});

/** An import file as an API client sends it: its bytes as the body. */
function fileRequest(who: string, query: string, body: BodyInit, contentType: string | null, headers: Record<string, string> = {}) {
  return new Request(`http://portico.test/api/v1/imports${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens.get(who)}`, ...(contentType ? { "content-type": contentType } : {}), ...headers },
    body,
  });
}
const PEOPLE_CSV = [
  "key,email,name,audience,teams,location",
  `S1,${E("staff")},Sam Staff,organisational,ops,ldn`,
  `N1,${E("imported")},Ian Imported,external,ops,`,
].join("\n");
const uploadsCount = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from import_uploads`))[0]!.n;

describe("D2 M6: the import through the API, in the page's two steps", () => {
  it("D2 M6 M8: a webmaster uploads a CSV file: 201, the preview (kept upload, nothing else written), the same as the page's; applied with its fingerprint, the people are there; audit rows name the token", async () => {
    const before = await everything();
    const uploaded = await uploadImport(fileRequest("web", "?kind=people&fileName=staff.csv", PEOPLE_CSV, "text/csv"));
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const preview = await uploaded.json();
    expect(check("ImportPreview", preview)).toEqual([]);
    expect(preview).toMatchObject({ kind: "people", format: "csv", fileName: "staff.csv", rows: 2, creates: 1, updates: 1, unchanged: 0, problems: [], appliedAt: null });
    expect(uploaded.headers.get("location")).toBe(`/api/v1/imports/${preview.uploadId}`);
    const { uploads: _, ...rest } = await everything();
    const { uploads: __, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    // The page's own preview of the same upload.
    const page = (await getImportPreview(h.db, await viewerOf(E("web")), preview.uploadId))!;
    expect(preview.fingerprint).toBe(page.fingerprint);
    const read = await readImport(request("GET", `/imports/${preview.uploadId}`, "reader"), params({ id: preview.uploadId }));
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(preview);
    expect((await auditOf("import.upload")).at(-1)).toMatchObject({ actor_email: E("web"), details: { apiToken: { name: "web's script" } } });

    const applied = await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "web", { fingerprint: preview.fingerprint }), params({ id: preview.uploadId }));
    expect(applied.status, await applied.clone().text()).toBe(200);
    const result = await applied.json();
    expect(check("ImportApplied", result)).toEqual([]);
    expect(result).toEqual({ kind: "people", rows: 2, created: 1, updated: 1, unchanged: 0, emailChanges: 0 });
    const [ian] = await rows<{ id: string }>(sql`select id from people where email = ${E("imported")}`);
    expect(await asAdminSees(ian!.id)).toMatchObject({ name: "Ian Imported", audience: "external" });
    expect((await asAdminSees(h.person(E("staff")))).locationId).not.toBeNull();
    expect((await auditOf("import.apply")).at(-1)).toMatchObject({ actor_email: E("web"), target_id: preview.uploadId, details: { apiToken: { name: "web's script" } } });
  });

  it("D2 M6: the apply writes only what was previewed: once Portico has changed, 409 and nothing imported; the new preview (GET) confirmed, applied", async () => {
    const file = JSON.stringify({ teams: [{ key: "ops", name: "Operations" }, { key: "care", name: "Care", parent: "ops" }] });
    const preview = await (await uploadImport(fileRequest("web", "?kind=teams", file, "application/json"))).json();
    expect(preview).toMatchObject({ format: "json", creates: 1, updates: 0, unchanged: 1, problems: [] });
    // Someone renames a team between the preview and the apply.
    await h.db.execute(sql`update teams set name = 'Ops' where key = 'ops'`);
    const before = await everything();
    const stale = await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "web", { fingerprint: preview.fingerprint }), params({ id: preview.uploadId }));
    expect(stale.status).toBe(409);
    const problem = await stale.json();
    expect(check("Problem", problem)).toEqual([]);
    expect(problem.detail).toMatch(/changed since the preview/);
    expect(await everything()).toEqual(before);
    const now = await (await readImport(request("GET", `/imports/${preview.uploadId}`, "web"), params({ id: preview.uploadId }))).json();
    expect(now).toMatchObject({ creates: 1, updates: 1 });
    expect(now.fingerprint).not.toBe(preview.fingerprint);
    const applied = await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "web", { fingerprint: now.fingerprint }), params({ id: preview.uploadId }));
    expect(await applied.json()).toMatchObject({ created: 1, updated: 1 });
    expect(await rows(sql`select t.name, p.name as parent from teams t join teams p on p.id = t.parent_id where t.key = 'care'`)).toEqual([{ name: "Care", parent: "Operations" }]);
  });

  it("D2 M6 Q3: a file with bad rows: the preview lists every problem by row and field; the apply is a 409 and imports nothing", async () => {
    const xml = `<people><person><email>not-an-address</email><name>A</name><audience>organisational</audience></person><person><email>${E("b")}</email><name>B</name><audience>martian</audience></person></people>`;
    const uploaded = await uploadImport(fileRequest("web", "?kind=people&format=xml", xml, "application/octet-stream"));
    expect(uploaded.status).toBe(201);
    const preview = await uploaded.json();
    expect(check("ImportPreview", preview)).toEqual([]);
    expect(preview.format).toBe("xml");
    expect(preview.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([
      [1, "email"],
      [2, "audience"],
    ]);
    const before = await everything();
    const refused = await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "web", { fingerprint: preview.fingerprint }), params({ id: preview.uploadId }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toMatch(/Nothing was imported: the file has 2 problems/);
    expect(await everything()).toEqual(before);
  });

  it("D2 D5 M6: someone who is not a webmaster may not upload (403 before the file is read, audited with the token), read or apply; a read-only token may not upload; nothing changes", async () => {
    const preview = await (await uploadImport(fileRequest("web", "?kind=people", PEOPLE_CSV, "text/csv"))).json();
    const before = await everything();
    const staffFile = fileRequest("staff", "?kind=people", PEOPLE_CSV, "text/csv");
    const refused = await uploadImport(staffFile);
    expect(refused.status).toBe(403);
    expect(staffFile.bodyUsed).toBe(false);
    expect(check("Problem", await refused.json())).toEqual([]);
    expect((await auditOf("import.upload.refused")).at(-1)).toMatchObject({ actor_email: E("staff"), details: { apiToken: { name: "staff's script" } } });
    const reader = await uploadImport(fileRequest("reader", "?kind=people", PEOPLE_CSV, "text/csv"));
    expect(reader.status).toBe(403);
    expect(reader.headers.get("www-authenticate")).toContain("insufficient_scope");
    expect((await readImport(request("GET", `/imports/${preview.uploadId}`, "staff"), params({ id: preview.uploadId }))).status).toBe(403);
    const apply = await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "staff", { fingerprint: preview.fingerprint }), params({ id: preview.uploadId }));
    expect(apply.status).toBe(403);
    expect((await apply.json()).detail).toBe(REFUSED_MESSAGE);
    expect((await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "reader", { fingerprint: preview.fingerprint }), params({ id: preview.uploadId }))).status).toBe(403);
    expect(await everything()).toEqual(before);
  });

  it("D2 M6 Q3: bad input gets a clear problem and keeps nothing: no kind, no format or two, a form, an empty file, one too large; an apply without its fingerprint, of no upload", async () => {
    const before = await everything();
    const uploads = await uploadsCount();
    const noKind = await uploadImport(fileRequest("web", "", PEOPLE_CSV, "text/csv"));
    expect(noKind.status).toBe(400);
    expect((await noKind.json()).errors.kind).toMatch(/people, teams or locations/);
    const noFormat = await uploadImport(fileRequest("web", "?kind=people", PEOPLE_CSV, "text/plain"));
    expect(noFormat.status).toBe(400);
    expect((await noFormat.json()).errors.format).toMatch(/Say what the file is/);
    const twoFormats = await uploadImport(fileRequest("web", "?kind=people&format=csv", PEOPLE_CSV, "application/json"));
    expect(twoFormats.status).toBe(400);
    expect((await twoFormats.json()).errors.format).toBe("format says csv, Content-Type says json: make them agree.");
    const named = await uploadImport(fileRequest("web", "?kind=people&fileName=people.xml", PEOPLE_CSV, "text/csv"));
    expect(named.status).toBe(400);
    const form = new FormData();
    form.set("file", new File([PEOPLE_CSV], "people.csv"));
    expect((await uploadImport(fileRequest("web", "?kind=people&format=csv", form, null))).status).toBe(415);
    const empty = await uploadImport(fileRequest("web", "?kind=people", "", "text/csv"));
    expect(empty.status).toBe(422);
    expect((await empty.json()).errors.file).toBe("The file is empty.");
    const declared = await uploadImport(fileRequest("web", "?kind=people", PEOPLE_CSV, "text/csv", { "content-length": String(MAX_IMPORT_BYTES + 1) }));
    expect(declared.status).toBe(413);
    expect(check("Problem", await declared.json())).toEqual([]);
    // A body that says nothing of its size is refused as soon as it passes the limit.
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = new Request("http://portico.test/api/v1/imports?kind=people", { method: "POST", headers: { authorization: `Bearer ${tokens.get("web")}`, "content-type": "text/csv" }, body: endless, duplex: "half" } as RequestInit);
    expect((await uploadImport(streamed)).status).toBe(413);
    expect(sent).toBeLessThan(MAX_IMPORT_BYTES + 4 * chunk.byteLength);
    expect(await uploadsCount()).toBe(uploads);

    const preview = await (await uploadImport(fileRequest("web", "?kind=people", PEOPLE_CSV, "text/csv"))).json();
    const afterUpload = await everything();
    const unconfirmed = await applyImport(request("POST", `/imports/${preview.uploadId}/apply`, "web", {}), params({ id: preview.uploadId }));
    expect(unconfirmed.status).toBe(422);
    expect((await unconfirmed.json()).errors.fingerprint).toMatch(/confirm what it shows/);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await applyImport(request("POST", `/imports/${unknown}/apply`, "web", { fingerprint: preview.fingerprint }), params({ id: unknown }))).status).toBe(404);
    expect((await readImport(request("GET", `/imports/${unknown}`, "web"), params({ id: unknown }))).status).toBe(404);
    expect(await everything()).toEqual(afterUpload);
    expect({ ...afterUpload, uploads: before.uploads }).toEqual(before);
  });
});
