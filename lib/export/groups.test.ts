/**
 * D3 with G1, G5, G7: the groups export. Webmasters only (every group, secret ones
 * included); the organisation file's `groups` shape, so that, with the people it names and
 * the files' bytes put at its paths, it loads back and exports the same again; paged.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { type Harness, createHarness, organisationFile, signInAs, signOut } from "@/lib/testing/harness";
import type { OrgFile } from "@/lib/org-file/schema";

const dataDir = mkdtempSync(path.join(tmpdir(), "portico-groups-export-"));
process.env.PORTICO_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { GET: exportRoute } = await import("@/app/api/export/[kind]/route");
const { groupsExportChunks } = await import("./groups");
const { parseOrgFileInFolder } = await import("@/lib/org-file/contents");
const { loadOrganisation } = await import("@/lib/org-file/load");
const { objectStore } = await import("@/lib/storage/current");

const WEBMASTER = "wendy.webb@northmoor.example";
let h: Harness;

async function exported(db: Connection["db"], pageSize?: number): Promise<{ groups: OrgFile["groups"] }> {
  let text = "";
  for await (const chunk of groupsExportChunks(db, pageSize)) text += chunk;
  return JSON.parse(text);
}

const call = (format: string) => exportRoute(new Request(`http://portico.test/api/export/groups?format=${format}`), { params: Promise.resolve({ kind: "groups" }) });
const personId = (email: string) => h.person(email);
const groupId = (slug: string) => h.ids.groups.get(slug)!;

beforeAll(async () => {
  h = await createHarness("demo");
  // States the app can reach that the loader would refuse as written: the uploader of a
  // file has left its group; the inviter of a pending invitation is no longer an admin.
  await h.db.delete(schema.groupMembers).where(and(eq(schema.groupMembers.groupId, groupId("social-club")), eq(schema.groupMembers.personId, personId("owen.price@northmoor.example"))));
  const [invitation] = await h.db.select().from(schema.groupInvitations).where(eq(schema.groupInvitations.groupId, groupId("hospital-discharge")));
  await h.db.update(schema.groupMembers).set({ isAdmin: false }).where(and(eq(schema.groupMembers.groupId, groupId("hospital-discharge")), eq(schema.groupMembers.personId, invitation!.invitedBy!)));
  // G5: a webmaster invites into a secret group they are not in.
  await h.db.insert(schema.groupInvitations).values({ groupId: groupId("restructure-2027"), personId: personId("owen.price@northmoor.example"), invitedBy: personId(WEBMASTER) });
});
afterAll(() => h?.close());

describe("the groups export (D3, G1, G5, G7)", () => {
  it("is for webmasters only: everyone else gets the 404 of no export at all, and a webmaster's is audited without personal data", async () => {
    for (const email of ["sam.mensah@northmoor.example", "priya.sharma@northmoor.example", "erin.cole@riverside-care.example"]) {
      await signInAs(email);
      expect((await call("json")).status, email).toBe(404);
    }
    signOut();
    expect((await call("json")).status).toBe(404);
    await signInAs(WEBMASTER);
    expect((await call("csv")).status).toBe(404); // the organisation file is JSON only
    await h.db.execute(sql`delete from audit_events`);
    const response = await call("json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="portico-groups-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = (await response.json()) as { groups: { slug: string }[] };
    expect(body.groups.map((g) => g.slug).sort()).toEqual([...h.ids.groups.keys()].sort()); // secret ones too (G5)
    const audit = rowsOf<{ action: string; details: unknown }>(await h.db.execute(sql`select action, details from audit_events`));
    expect(audit).toEqual([{ action: "export", details: { kind: "groups", format: "json" } }]);
  });

  it("writes each group as the organisation file holds it: visibility, members with admins, pending requests and invitations, files with their descriptions, tags and versions", async () => {
    const { groups } = await exported(h.db);
    const demo = organisationFile("demo");
    const discharge = groups.find((g) => g.slug === "hospital-discharge")!;
    const original = demo.groups.find((g) => g.slug === "hospital-discharge")!;
    expect(discharge).toMatchObject({ name: original.name, description: original.description, visibility: "private" });
    const admins = (g: OrgFile["groups"][number]) => g.members.filter((m) => m.admin).map((m) => m.person).sort();
    expect(admins(discharge)).toHaveLength(admins(original).length - 1); // the inviter, demoted above
    // An inviter who may no longer invite is left out, not written for the loader to refuse.
    expect(discharge.invitations).toEqual([{ person: original.invitations![0]!.person }]);
    expect(groups.find((g) => g.slug === "restructure-2027")!.invitations).toEqual([{ person: "owen.price@northmoor.example", invitedBy: WEBMASTER }]);
    const digital = demo.groups.find((g) => g.slug === "digital-transformation")!;
    expect(groups.find((g) => g.slug === "digital-transformation")!.requests).toEqual(digital.requests!.map((r) => (r.message ? r : { person: r.person })));

    const checklist = discharge.files!.find((f) => f.name === "Discharge checklist.docx")!;
    const [file] = await h.db.select().from(schema.groupFiles).where(eq(schema.groupFiles.name, "Discharge checklist.docx"));
    expect(checklist).toEqual({
      name: "Discharge checklist.docx",
      uploader: "nadia.ali@northmoor.example",
      description: "The checklist ward staff and Riverside Care use before a patient goes home.",
      tags: ["hospital discharge"],
      versions: [
        { path: `files/hospital-discharge/${file!.id}/v1.docx`, uploader: "nadia.ali@northmoor.example", uploadedAt: "2026-10-01T14:00:00.000Z" },
        { path: `files/hospital-discharge/${file!.id}/v2.docx`, uploader: "erin.cole@riverside-care.example", uploadedAt: "2026-10-28T10:40:00.000Z" },
      ],
    });
    // The uploader has left the group: no longer the uploader who may manage it (G7), but still who uploaded each version.
    const scores = groups.find((g) => g.slug === "social-club")!.files!.find((f) => f.name === "Quiz night scores.csv")!;
    expect(scores.uploader).toBeUndefined();
    expect(scores.versions.map((v) => v.uploader)).toEqual(["owen.price@northmoor.example", "owen.price@northmoor.example"]);
  });

  it("reads a page of groups at a time, and the pages joined are the whole export", async () => {
    expect(await exported(h.db, 2)).toEqual(await exported(h.db));
    expect(await exported(h.db, 1)).toEqual(await exported(h.db));
  });

  it("loads back beside the people it names once the bytes are at its paths, and exports the same again", async () => {
    const first = await exported(h.db);
    // The files' bytes, where the export's paths say, from storage (as from the download address).
    const folder = mkdtempSync(path.join(tmpdir(), "portico-groups-export-back-"));
    try {
      for (const v of first.groups.flatMap((g) => (g.files ?? []).flatMap((f) => f.versions))) {
        const [, , fileId, version] = v.path.split("/");
        const [row] = await h.db
          .select({ key: schema.groupFileVersions.storageKey })
          .from(schema.groupFileVersions)
          .where(and(eq(schema.groupFileVersions.fileId, fileId!), eq(schema.groupFileVersions.number, Number(version!.slice(1, version!.indexOf("."))))));
        const object = await objectStore().get(row!.key);
        mkdirSync(path.dirname(path.join(folder, v.path)), { recursive: true });
        writeFileSync(path.join(folder, v.path), Buffer.from(await new Response(object!.body).arrayBuffer()));
      }
      // The people's pictures are not in this folder (the groups export carries no people): left out.
      const { groups: _demoGroups, ...rest } = organisationFile("demo");
      const text = JSON.stringify({ ...rest, people: rest.people.map(({ password: _p, image: _i, ...p }) => p), groups: first.groups });
      const parsed = await parseOrgFileInFolder(text, folder);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      if (!parsed.ok) return;
      const again: Connection = await createTestDatabase();
      try {
        await loadOrganisation(again.db, parsed.org, { baseDir: folder });
        const second = await exported(again.db);
        // New ids for the files, so new paths; nothing else differs.
        const withoutIds = (e: typeof first) => JSON.parse(JSON.stringify(e).replace(/\/[0-9a-f-]{36}\//g, "/<file>/"));
        expect(withoutIds(second)).toEqual(withoutIds(first));
      } finally {
        await again.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
