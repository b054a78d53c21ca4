/**
 * People's profiles: E3 — everyone edits their own profile and uploads a
 * profile image; E4/E5 — the image is served only to people who may view the profile
 * (external people: their own, others' only with the Users switch); M3 — webmasters set
 * the same fields (and the organisation) and remove anyone's image; M6 — a changed own
 * mobile must be no one else's while mobile codes are on. Every refusal changes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { auditEvents, people, settings } from "@/db/schema";
import type { OrgFile } from "@/lib/org-file/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut } from "@/lib/testing/harness";


const dataDir = mkdtempSync(path.join(tmpdir(), "portico-profile-"));
process.env.PORTICO_DATA_DIR = dataDir;

const { REFUSED_MESSAGE, SIGNED_OUT_MESSAGE } = await import("@/lib/actions");
const { updateOwnProfileAction, removeProfileImageAction } = await import("./profile-actions");
const { updatePersonAction } = await import("./actions");
const { DUPLICATE_MOBILE_MESSAGE, MOBILE_NEEDS_PASSWORD_MESSAGE } = await import("./mutations");
const { POST: uploadRoute } = await import("@/app/api/me/profile-image/route");
const { GET: imageRoute } = await import("@/app/api/people/[id]/image/route");
const { MAX_UPLOAD_BYTES } = await import("@/lib/uploads/image-check");

const D = "profile.test";
const e = (name: string) => `${name}@${D}`;
const org: OrgFile = {
  teams: [],
  locations: [],
  people: [
    { email: e("web"), name: "Wen Web", audience: "organisational", roles: ["webmaster"], password: "webmaster-pass" },
    { email: e("staff"), name: "Sam Staff", audience: "organisational", password: "staff-pass-1" },
    { email: e("other"), name: "Oli Other", audience: "organisational", password: "other-pass-1" },
    { email: e("partner"), name: "Pat Partner", audience: "external", password: "partner-pass" },
    { email: e("guest"), name: "Gus Guest", audience: "external", password: "guest-pass-1" },
    { email: e("blocked"), name: "Bea Blocked", audience: "organisational", blocked: true, password: "blocked-pass" },
  ],
  sections: [],
  content: [],
  groups: [],
};

let harness: Harness;
let conn: Connection;
const id: Record<string, string> = {};
const as = (name: string) => signInAs(e(name));


beforeAll(async () => {
  harness = await createHarness(org);
  conn = harness.conn;
  for (const p of await conn.db.select().from(people)) id[p.email.split("@")[0]!] = p.id;
});
afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const person = async (name: string) => (await conn.db.select().from(people).where(eq(people.id, id[name]!)))[0]!;
const everyone = async () => conn.db.select().from(people).orderBy(people.id);
const files = () => (existsSync(path.join(dataDir, "uploads")) ? readdirSync(path.join(dataDir, "uploads")).sort() : []);
async function setSetting(key: string, value: Record<string, boolean>) {
  await conn.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
const own = (over: Record<string, unknown> = {}) => ({ name: "Sam Staff", jobTitle: "", workPhone: "", mobile: "", about: "", password: "", ...over });

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#1d70b8" } }).png().toBuffer();
function uploadRequest(bytes: Uint8Array, name = "me.png", type = "image/png") {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  return new Request("http://portico.test/api/me/profile-image", { method: "POST", body: form });
}
async function upload(bytes: Uint8Array, name?: string, type?: string) {
  const response = await uploadRoute(uploadRequest(bytes, name, type));
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { imageId: string }; fieldErrors?: Record<string, string>; formError?: string } };
}
const fetchImage = (personId: string) => imageRoute(new Request(`http://portico.test/api/people/${personId}/image`), { params: Promise.resolve({ id: personId }) });

describe("E3: editing one's own profile", () => {
  it("saves the name, job title, work phone and about (trimmed, CRLF as LF), audits what changed and never the password", async () => {
    await as("staff");
    const result = await updateOwnProfileAction(own({ name: "  Sam Staff-Smith ", jobTitle: "Care coordinator", workPhone: "+44 20 7946 0000", about: "Rotas.\r\nCover. ", password: "staff-pass-1" }));
    expect(result).toEqual({ ok: true, data: { changed: ["name", "jobTitle", "workPhone", "about"] } });
    expect(await person("staff")).toMatchObject({ name: "Sam Staff-Smith", jobTitle: "Care coordinator", workPhone: "+44 20 7946 0000", about: "Rotas.\nCover." });
    const [audit] = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "profile.update"));
    expect(audit!.details).toEqual({ changed: ["name", "jobTitle", "workPhone", "about"] });
    expect(JSON.stringify(audit)).not.toContain("staff-pass-1");
    // Clearing a field stores nothing.
    expect((await updateOwnProfileAction(own({ name: "Sam Staff-Smith", jobTitle: "Care coordinator", workPhone: "+44 20 7946 0000" }))).ok).toBe(true);
    expect((await person("staff")).about).toBeNull();
  });

  it("cannot change the e-mail, audience, roles or organisation, whatever the request carries", async () => {
    await conn.db.update(people).set({ organisation: "Riverside Care Agency" }).where(eq(people.id, id.partner!));
    await as("partner");
    const before = await person("partner");
    const result = await updateOwnProfileAction({ ...own({ name: "Pat Partner" }), email: e("web"), audience: "organisational", roles: ["webmaster"], organisation: "Head office" });
    expect(result.ok).toBe(true);
    expect(await person("partner")).toMatchObject({ email: before.email, audience: "external", roles: [], organisation: "Riverside Care Agency" });
  });

  it("refuses bad input beside its field and changes nothing", async () => {
    await as("staff");
    await expectUnchanged([people], async () => {
      for (const [input, field, message] of [
        [own({ name: "  " }), "name", /Enter your name/],
        [own({ about: "x".repeat(1001) }), "about", /at most 1000 characters/],
        [own({ workPhone: "call reception" }), "workPhone", /work phone number/],
        [own({ jobTitle: "Head of\nthings" }), "jobTitle", /one line/],
        [own({ about: "bell\u0007" }), "about", /control characters/],
        [own({ mobile: "not a number" }), "mobile", /mobile number/],
      ] as const) {
        const result = await updateOwnProfileAction(input);
        expect(result.ok, field).toBe(false);
        expect(!result.ok && result.fieldErrors?.[field], field).toMatch(message);
      }
    });
  });

  it("asks for the password to change the mobile number; M6: refuses one someone else has while mobile codes are on", async () => {
    await conn.db.update(people).set({ mobile: "+447700900111" }).where(eq(people.id, id.other!));
    await conn.db.update(people).set({ name: "Sam Staff", jobTitle: null, workPhone: null, about: null }).where(eq(people.id, id.staff!));
    await as("staff");
    const before = await everyone();
    const noPassword = await updateOwnProfileAction(own({ mobile: "+44 7700 900222" }));
    expect(noPassword).toEqual({ ok: false, fieldErrors: { password: MOBILE_NEEDS_PASSWORD_MESSAGE } });
    const wrong = await updateOwnProfileAction(own({ mobile: "+44 7700 900222", password: "not-it" }));
    expect(!wrong.ok && wrong.fieldErrors?.password).toMatch(/password is not right/);
    await setSetting("authentication", { mobileCodes: true });
    try {
      const taken = await updateOwnProfileAction(own({ mobile: "+44 (7700) 900-111", password: "staff-pass-1" }));
      expect(taken).toEqual({ ok: false, fieldErrors: { mobile: DUPLICATE_MOBILE_MESSAGE } });
      expect(await everyone()).toEqual(before);
      const mine = await updateOwnProfileAction(own({ mobile: "+44 7700 900222", password: "staff-pass-1" }));
      expect(mine).toEqual({ ok: true, data: { changed: ["mobile"] } });
      expect((await person("staff")).mobile).toBe("+447700900222");
      // The same number written differently is no change: no password asked.
      expect(await updateOwnProfileAction(own({ mobile: "+44 7700-900 222" }))).toEqual({ ok: true, data: { changed: [] } });
    } finally {
      await setSetting("authentication", { mobileCodes: false });
    }
    // With mobile codes off, a shared number is accepted (M6).
    expect((await updateOwnProfileAction(own({ mobile: "+447700900111", password: "staff-pass-1" }))).ok).toBe(true);
  });

  it("refuses a blocked or signed-out person and changes nothing", async () => {
    await expectUnchanged([people], async () => {
      // Read through the real loadViewer, a blocked person is no viewer at all (P3): signed out.
      await as("blocked");
      expect(await updateOwnProfileAction(own({ name: "Someone Else" }))).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
      signOut();
      expect(await updateOwnProfileAction(own({ name: "Someone Else" }))).toEqual({ ok: false, formError: SIGNED_OUT_MESSAGE });
    });
  });
});

describe("M3: webmasters set the profile's fields", () => {
  const base = { name: "Oli Other", email: e("other"), roles: ["organisational"], mobile: "", locationId: "" };
  it("sets job title, organisation, work phone and about; leaving them out keeps them", async () => {
    await as("web");
    const result = await updatePersonAction({ ...base, personId: id.other, jobTitle: "Porter", organisation: "Estates", workPhone: "020 7946 0001", about: "Nights." });
    expect(result.ok).toBe(true);
    expect(await person("other")).toMatchObject({ jobTitle: "Porter", organisation: "Estates", workPhone: "020 7946 0001", about: "Nights." });
    expect((await updatePersonAction({ ...base, personId: id.other })).ok).toBe(true);
    expect(await person("other")).toMatchObject({ jobTitle: "Porter", organisation: "Estates" });
    const bad = await updatePersonAction({ ...base, personId: id.other, organisation: "x".repeat(201) });
    expect(!bad.ok && bad.fieldErrors?.organisation).toMatch(/at most 200 characters/);
    expect((await person("other")).organisation).toBe("Estates");
  });
});

describe("E3: the profile image", () => {
  it("stores a re-encoded WebP of at most 512 px with the photo's metadata gone, and replaces the previous one", async () => {
    await as("staff");
    const photo = await sharp({ create: { width: 1200, height: 600, channels: 3, background: "#d4351c" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "GPS-SECRET-51.5N" } })
      .toBuffer();
    expect(photo.includes("GPS-SECRET")).toBe(true);
    const first = await upload(photo, "holiday.jpg", "image/jpeg");
    expect(first.status).toBe(201);
    const imageId = first.body.data!.imageId;
    expect((await person("staff")).imageId).toBe(imageId);
    const stored = readFileSync(path.join(dataDir, "uploads", imageId));
    expect(stored.subarray(0, 4).toString()).toBe("RIFF");
    expect(stored.subarray(8, 12).toString()).toBe("WEBP");
    expect(stored.includes("GPS-SECRET")).toBe(false);
    expect(await sharp(stored).metadata()).toMatchObject({ format: "webp", width: 512, height: 256 });
    const audit = await conn.db.select().from(auditEvents).where(eq(auditEvents.action, "profile.image.set"));
    expect(audit.at(-1)).toMatchObject({ targetType: "person", targetId: id.staff });

    const second = await upload(await png(64, 64));
    expect(second.status).toBe(201);
    expect((await person("staff")).imageId).toBe(second.body.data!.imageId);
    expect(existsSync(path.join(dataDir, "uploads", imageId))).toBe(false);
  });

  it("refuses what is not a usable image with a clear message, and changes nothing", async () => {
    await as("partner");
    const before = { people: await everyone(), files: files() };
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(await png(1, 1));
    for (const [bytes, message] of [
      [svg, /SVG images are not accepted/],
      [html, /not a PNG, JPEG, GIF or WebP/],
      [new Uint8Array(), /empty/],
      [big, /larger than 5 MB/],
      [await png(7000, 10), /at most 6000 pixels on a side/],
      [(await png(10, 10)).subarray(0, 40), /could not be read/],
    ] as const) {
      const { status, body } = await upload(bytes);
      expect(status, String(message)).toBe(400);
      expect(body.fieldErrors?.file).toMatch(message);
    }
    expect({ people: await everyone(), files: files() }).toEqual(before);
  });

  it("refuses a blocked or signed-out person, storing nothing", async () => {
    const before = { people: await everyone(), files: files() };
    // Read through the real loadViewer, a blocked person is no viewer at all (P3): 401 as signed out.
    await as("blocked");
    expect((await upload(await png(8, 8))).status).toBe(401);
    signOut();
    expect((await upload(await png(8, 8))).status).toBe(401);
    expect({ people: await everyone(), files: files() }).toEqual(before);
  });
});

describe("E4/E5: who receives a profile image", () => {
  beforeAll(async () => {
    for (const who of ["other", "partner", "blocked"]) {
      await conn.db.update(people).set({ blocked: false }).where(eq(people.id, id[who]!));
      await as(who);
      expect((await upload(await png(20, 20))).status).toBe(201);
    }
    await conn.db.update(people).set({ blocked: true }).where(eq(people.id, id.blocked!));
  });

  async function expectNotFound(personId: string, who: string) {
    const response = await fetchImage(personId);
    expect(response.status, who).toBe(404);
    expect(response.headers.get("content-type"), who).toMatch(/^text\/plain/);
    expect(await response.text(), who).toBe("Not found");
  }

  it("answers the person themself and organisational people, with the safe headers", async () => {
    for (const who of ["other", "staff", "web"]) {
      await as(who);
      const response = await fetchImage(id.other!);
      expect(response.status, who).toBe(200);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "content-type": "image/webp",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cache-control": expect.stringMatching(/^private/),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(readFileSync(path.join(dataDir, "uploads", (await person("other")).imageId!)))).toBe(true);
    }
    await as("partner");
    expect((await fetchImage(id.partner!)).status).toBe(200); // their own (E2)
  });

  it("gives external people 404 and no bytes for anyone else's, until the Users switch is on", async () => {
    await as("guest");
    await expectNotFound(id.other!, "guest → staff");
    await expectNotFound(id.partner!, "guest → another external");
    await setSetting("externalAccess", { users: true });
    try {
      expect((await fetchImage(id.other!)).status).toBe(200);
      expect((await fetchImage(id.partner!)).status).toBe(200);
      await expectNotFound(id.blocked!, "guest → blocked, switch on");
    } finally {
      await setSetting("externalAccess", { users: false });
    }
    await expectNotFound(id.other!, "guest → staff, switch off again");
  });

  it("shows blocked people's images to webmasters only; answers the signed-out, no image and bad ids alike", async () => {
    await as("staff");
    await expectNotFound(id.blocked!, "staff → blocked");
    await as("web");
    expect((await fetchImage(id.blocked!)).status).toBe(200);
    await expectNotFound(id.guest!, "no image");
    await expectNotFound("123e4567-e89b-42d3-a456-426614174000", "no such person");
    await expectNotFound("../../etc/passwd", "malformed");
    signOut();
    await expectNotFound(id.other!, "signed out");
  });
});

describe("E3/M3: removing a profile image", () => {
  it("removes one's own: the column, the file and the served image", async () => {
    await as("partner");
    const imageId = (await person("partner")).imageId!;
    expect(imageId).toBeTruthy();
    expect(await removeProfileImageAction({})).toEqual({ ok: true, data: { removed: true } });
    expect((await person("partner")).imageId).toBeNull();
    expect(existsSync(path.join(dataDir, "uploads", imageId))).toBe(false);
    expect((await fetchImage(id.partner!)).status).toBe(404);
    expect(await removeProfileImageAction({})).toEqual({ ok: true, data: { removed: false } });
  });

  it("refuses anyone but a webmaster removing someone else's, changing nothing; a webmaster may", async () => {
    // Signed in once before the snapshot: last access is then not written again (P4).
    for (const who of ["staff", "guest"]) await as(who);
    const before = { people: await everyone(), files: files() };
    for (const who of ["staff", "guest"]) {
      await as(who);
      expect(await removeProfileImageAction({ personId: id.other })).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    }
    expect({ people: await everyone(), files: files() }).toEqual(before);
    await as("web");
    expect(await removeProfileImageAction({ personId: id.other })).toEqual({ ok: true, data: { removed: true } });
    expect((await person("other")).imageId).toBeNull();
  });
});
