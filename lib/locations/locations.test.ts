/**
 * The locations directory (P6, E5): who may use it and see whom there, and the webmasters'
 * changes. Expectations are written from the rules (SPEC P6, E2, E4, E5, M8), not read from
 * the code. A refused or bad call must answer clearly AND leave the tables as they were.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import * as schema from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf } from "@/lib/testing/harness";
import type { Viewer } from "@/lib/access/types";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { createLocationAction, deleteLocationAction, updateLocationAction } = await import("./actions");
const { LOCATION_CHANGED, LOCATION_GONE } = await import("./mutations");
const { LOCATIONS_PAGE_SIZE, getLocation, getLocationForEdit, listLocations } = await import("./queries");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { mapLinkFor, locationKeyFrom } = await import("./schemas");

const E = (local: string) => `${local}@locations.test`;
const ORG = {
  locations: [
    { key: "hall", name: "Town Hall" },
    { key: "depot", name: "Depot" },
  ],
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"], location: "hall" },
    { email: E("staff"), name: "Sam Staff", audience: "organisational", location: "hall" },
    { email: E("blocked"), name: "Bo Blocked", audience: "organisational", blocked: true, location: "hall" },
    { email: E("ext"), name: "Xena External", audience: "external", location: "depot" },
    { email: E("mover"), name: "Mo Mover", audience: "organisational", location: "depot" },
  ],
  sections: [],
  settings: { externalAccess: { locations: false, users: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
let conn: Connection;
let webmaster: Viewer;
let staff: Viewer;
let external: Viewer;
const loc = (key: string) => h.ids.locations.get(key)!;

async function setSwitches(value: Record<string, boolean>) {
  await conn.db
    .insert(schema.settings)
    .values({ key: "externalAccess", value })
    .onConflictDoUpdate({ target: schema.settings.key, set: { value } });
}

beforeAll(async () => {
  h = await createHarness(ORG);
  conn = h.conn;
  [webmaster, staff, external] = await Promise.all([viewerOf(E("web")), viewerOf(E("staff")), viewerOf(E("ext"))]);
});
afterAll(async () => h?.close());

describe("P6 E5: who may use the locations directory, and whom they see there", () => {
  it("staff see every location, with the people there whose profiles they may view (not the blocked)", async () => {
    const page = await listLocations(staff);
    expect(page!.locations.map((l) => [l.name, l.peopleCount])).toEqual([
      ["Depot", 2],
      ["Town Hall", 2],
    ]);
    expect(page!.mayManage).toBe(false);
    const hall = await getLocation(staff, loc("hall"));
    expect(hall.status === "ok" && hall.value.people!.map((p) => p.name)).toEqual(["Sam Staff", "Wendy Webmaster"]);
    // Webmasters view blocked people's profiles too (E2, as the directory export does).
    const asWebmaster = await getLocation(webmaster, loc("hall"));
    expect(asWebmaster.status === "ok" && asWebmaster.value.people!.map((p) => p.name)).toEqual(["Bo Blocked", "Sam Staff", "Wendy Webmaster"]);
  });

  it("external people: nothing without the Locations switch; the places but no people without the Users switch; both as staff with both", async () => {
    await setSwitches({ locations: false, users: false });
    expect(await listLocations(external)).toBeNull();
    expect(await getLocation(external, loc("hall"))).toEqual({ status: "not-found" });

    await setSwitches({ locations: true, users: false });
    const places = await listLocations(external);
    expect(places!.locations.map((l) => [l.name, l.peopleCount])).toEqual([
      ["Depot", null],
      ["Town Hall", null],
    ]);
    const hall = await getLocation(external, loc("hall"));
    expect(hall).toMatchObject({ status: "ok", value: { name: "Town Hall", people: null } });

    await setSwitches({ locations: true, users: true });
    const withPeople = await getLocation(external, loc("hall"));
    expect(withPeople.status === "ok" && withPeople.value.people!.map((p) => p.name)).toEqual(["Sam Staff", "Wendy Webmaster"]);
    await setSwitches({ locations: false, users: false });
  });

  it("unknown and malformed ids are not found", async () => {
    for (const id of [0, -1, 999_999, 2_147_483_648, Number.NaN]) expect(await getLocation(staff, id)).toEqual({ status: "not-found" });
    expect(await getLocationForEdit(staff, loc("hall"))).toEqual({ status: "not-found" });
  });

  it("the edit page's read, for webmasters: the location, how many people are there (the blocked too) and where else they may move", async () => {
    const found = await getLocationForEdit(webmaster, loc("hall"));
    expect(found.status).toBe("ok");
    if (found.status !== "ok") return;
    expect(found.value).toMatchObject({ id: loc("hall"), name: "Town Hall", address: "", peopleCount: 3 });
    expect(found.value.others.map((o) => o.name)).toContain("Depot");
    expect(found.value.others.map((o) => o.id)).not.toContain(loc("hall"));
  });

  it("searches names and addresses, wildcards taken literally, and pages by name without repeats", async () => {
    await conn.db.insert(schema.locations).values(
      Array.from({ length: LOCATIONS_PAGE_SIZE + 5 }, (_, i) => ({ key: `annex-${i}`, name: `Annex ${String(i).padStart(3, "0")}`, address: i === 7 ? "1 High Street\nNorthmoor NM1 1AA" : null })),
    );
    expect((await listLocations(staff, { q: "high street" }))!.locations.map((l) => l.name)).toEqual(["Annex 007"]);
    expect((await listLocations(staff, { q: "100%" }))!.locations).toEqual([]);
    const first = (await listLocations(staff))!;
    expect(first.locations).toHaveLength(LOCATIONS_PAGE_SIZE);
    const second = (await listLocations(staff, { after: first.next }))!;
    expect(second.next).toBeNull();
    const names = [...first.locations, ...second.locations].map((l) => l.name);
    expect(new Set(names).size).toBe(LOCATIONS_PAGE_SIZE + 7);
    expect(names).toEqual([...names].sort());
    // A tampered cursor reads as the first page.
    expect((await listLocations(staff, { after: "not-a-cursor" }))!.locations[0]!.name).toBe("Annex 000");
    await conn.db.delete(schema.locations).where(sql`${schema.locations.key} like 'annex-%'`);
  });
});

describe("P6 M8: webmasters create, edit and delete locations", () => {
  it("creates a location with a key from its name, audited; a second of the same name is refused", async () => {
    await signInAs(E("web"));
    const made = await createLocationAction({ name: "Riverside Depot", address: "2 Quay Road\nNorthmoor" });
    expect(made).toMatchObject({ ok: true, data: { key: "riverside-depot" } });
    await expectUnchanged([schema.locations, schema.auditEvents], async () => {
      expect(await createLocationAction({ name: "riverside depot", address: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("already a location") } });
    });
    const [audit] = await conn.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "location.create"));
    expect(audit).toMatchObject({ actorId: webmaster.id, targetType: "location" });
  });

  it("bad input is a clear message and changes nothing", async () => {
    await signInAs(E("web"));
    await expectUnchanged([schema.locations], async () => {
      expect(await createLocationAction({ name: "  ", address: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("Enter the location's name") } });
      expect(await createLocationAction({ name: "Bad\u0000name", address: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("control characters") } });
      expect(await createLocationAction({ name: "x".repeat(201), address: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("at most 200") } });
      expect(await createLocationAction({ name: "Nine lines", address: "a\nb\nc\nd\ne\nf\ng\nh\ni" })).toMatchObject({ ok: false, fieldErrors: { address: expect.stringContaining("8 lines") } });
    });
  });

  it("only webmasters: staff and external people are refused and nothing changes", async () => {
    for (const who of [E("staff"), E("ext")]) {
      await signInAs(who);
      await expectUnchanged([schema.locations, schema.people], async () => {
        expect(await createLocationAction({ name: "Sneaky", address: "" })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
        expect(await updateLocationAction({ locationId: loc("hall"), version: 1, name: "Mine", address: "" })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
        expect(await deleteLocationAction({ locationId: loc("hall"), moveTo: "" })).toMatchObject({ ok: false, formError: REFUSED_MESSAGE });
      });
    }
  });

  it("an edit made against an older version is refused, and one of a deleted location says so", async () => {
    await signInAs(E("web"));
    const made = await createLocationAction({ name: "Old Mill", address: "" });
    const id = made.ok ? made.data.id : 0;
    expect(await updateLocationAction({ locationId: id, version: 1, name: "Old Mill", address: "Mill Lane" })).toMatchObject({ ok: true });
    await expectUnchanged([schema.locations], async () => {
      // A second tab still at version 1.
      expect(await updateLocationAction({ locationId: id, version: 1, name: "New Mill", address: "" })).toMatchObject({ ok: false, formError: LOCATION_CHANGED });
    });
    const view = await getLocation(staff, id);
    expect(view).toMatchObject({ status: "ok", value: { name: "Old Mill", address: "Mill Lane", version: 2 } });
    expect(await deleteLocationAction({ locationId: id, moveTo: "" })).toMatchObject({ ok: true });
    await expectUnchanged([schema.locations], async () => {
      expect(await updateLocationAction({ locationId: id, version: 2, name: "Old Mill", address: "" })).toMatchObject({ ok: false, formError: LOCATION_GONE });
      expect(await deleteLocationAction({ locationId: id, moveTo: "" })).toMatchObject({ ok: false, formError: expect.stringContaining("already been deleted") });
    });
  });

  it("deleting moves its people where the webmaster chose (or to no location), audited with the count", async () => {
    await signInAs(E("web"));
    const made = await createLocationAction({ name: "Temporary Site", address: "" });
    const temp = made.ok ? made.data.id : 0;
    await conn.db.update(schema.people).set({ locationId: temp }).where(eq(schema.people.email, E("mover")));
    // Moving into a location that does not exist is refused; nobody moves.
    await expectUnchanged([schema.locations, schema.people], async () => {
      expect(await deleteLocationAction({ locationId: temp, moveTo: "999999" })).toMatchObject({ ok: false, fieldErrors: { moveTo: expect.stringContaining("just been deleted") } });
      expect(await deleteLocationAction({ locationId: temp, moveTo: String(temp) })).toMatchObject({ ok: false, fieldErrors: { moveTo: expect.any(String) } });
    });
    expect(await deleteLocationAction({ locationId: temp, moveTo: String(loc("depot")) })).toMatchObject({ ok: true, data: { moved: 1 } });
    const [mover] = await conn.db.select({ locationId: schema.people.locationId }).from(schema.people).where(eq(schema.people.email, E("mover")));
    expect(mover!.locationId).toBe(loc("depot"));
    const audits = await conn.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.action, "location.delete"));
    expect(audits.at(-1)!.details).toMatchObject({ name: "Temporary Site", movedPeople: 1, movedTo: loc("depot") });
  });
});

describe("P6: keys and map links", () => {
  it("keys are plain lower-case words; map links search for the name and address", () => {
    expect(locationKeyFrom("Café Étoile, Floor 2")).toBe("cafe-etoile-floor-2");
    expect(locationKeyFrom("!!!")).toBe("location");
    expect(mapLinkFor("Town Hall", "1 High St\n\nNorthmoor")).toBe("https://www.openstreetmap.org/search?query=Town%20Hall%2C%201%20High%20St%2C%20Northmoor");
  });
});
