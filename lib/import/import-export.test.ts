/**
 * M6 (user import), P2, M8: the import server actions called as the browser calls them
 * (FormData with a File), through defineAction with the real loadViewer. Expectations
 * come from SPEC M6 and the task: preview writes nothing but the kept upload; apply is
 * all or nothing; the same file twice changes nothing the second time; a changed e-mail
 * mails the new address only and ends the old password and sessions; duplicate mobiles
 * only matter while mobile codes are on; broken files report every problem.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "@/lib/testing/harness";
import type { AccessSubject } from "@/lib/access/types";

const { applyImportAction } = await import("./actions");
const { uploadImportAction } = await import("./upload-action");
const { POST: uploadRoute } = await import("@/app/api/import/upload/route");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { MAX_IMPORT_BYTES } = await import("./formats");
const { exportChunks } = await import("@/lib/export/formats");
const { exportFields } = await import("@/lib/export/queries");
const { GET: exportRoute } = await import("@/app/api/export/[kind]/route");

const ORG = {
  teams: [
    { key: "ops", name: "Operations", parent: null },
    { key: "ops-north", name: "Operations North", parent: "ops" },
  ],
  locations: [{ key: "ldn", name: "London" }],
  people: [
    { email: "web@import.test", name: "Wendy Webmaster", audience: "organisational", roles: ["webmaster"], password: "a-long-passphrase-0" },
    { email: "staff@import.test", name: "Sam Staff", audience: "organisational", password: "a-long-passphrase-1", teams: ["ops"] },
    { email: "ext@import.test", name: "Xena External", audience: "external" },
  ],
  sections: [],
};

let harness: Harness;
let conn: Connection;
const id = (email: string) => harness.person(email);

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await conn.db.execute(query));
}

beforeAll(async () => {
  harness = await createHarness();
  conn = harness.conn;
});
afterAll(async () => harness?.close());

beforeEach(async () => {
  await harness.load(ORG, { reset: true });
  await conn.db.execute(sql`delete from audit_events`);
  await conn.db.execute(sql`delete from outbox_messages`);
  await signInAs("web@import.test");
});

function form(kind: string, name: string, content: string | Uint8Array): FormData {
  const fd = new FormData();
  fd.set("kind", kind);
  fd.set("file", new File([content as BlobPart], name));
  return fd;
}

/** What the confirm dialog sends: the upload and the fingerprint of the plan it showed. */
const confirmed = (preview: { uploadId: string; fingerprint: string }) => ({ uploadId: preview.uploadId, fingerprint: preview.fingerprint });

/** The preview as the page shows it now, to the signed-in webmaster (read as the page reads them). */
async function previewNow(uploadId: string) {
  const { getImportPreview } = await import("./queries");
  return getImportPreview(conn.db, await viewerOf("web@import.test"), uploadId);
}

async function upload(kind: string, name: string, content: string | Uint8Array) {
  const result = await uploadImportAction(form(kind, name, content));
  if (!result.ok) throw new Error(`upload refused: ${JSON.stringify(result)}`);
  return result.data;
}

/** Everything an import may change (the kept uploads and audit rows aside). */
const IMPORT_TABLES = [schema.people, schema.teams, schema.teamClosure, schema.teamMembers, schema.locations, schema.outboxMessages];

/** The same, in a stable order, for comparing two states that are not a refusal's before and after. */
async function snapshot() {
  return {
    // last_access_at moves whenever the signed-in viewer is re-read (P4): not the import's doing.
    people: (await rows(sql`select * from people order by id`)).map(({ last_access_at: _, ...p }) => p),
    teams: await rows(sql`select * from teams order by id`),
    closure: await rows(sql`select * from team_closure order by ancestor_id, descendant_id`),
    members: await rows(sql`select * from team_members order by team_id, person_id`),
    locations: await rows(sql`select * from locations order by id`),
    outbox: await rows(sql`select * from outbox_messages order by id`),
  };
}

const PEOPLE_CSV = [
  "key,email,name,audience,roles,teams,teamAdmin,location,mobile,blocked",
  "E1,staff@import.test,Sam Staff,organisational,,ops;ops-north,ops-north,ldn,+44 7700 900001,false",
  "E2,new.person@import.test,New Person,external,,ops,,,+44 7700 900002,false",
  "E3,another@import.test,Ann Other,organisational,webmaster,,,ldn,,no",
].join("\n");

describe("M6 preview and apply", () => {
  it("M6: the preview lists creates and updates and writes nothing but the kept upload", async () => {
    await expectUnchanged(IMPORT_TABLES, async () => {
      const preview = await upload("people", "people.csv", PEOPLE_CSV);
      expect(preview.problems).toEqual([]);
      expect({ creates: preview.creates, updates: preview.updates, unchanged: preview.unchanged }).toEqual({ creates: 2, updates: 1, unchanged: 0 });
      expect(preview.changes.find((c) => c.label === "E1")?.fields.sort()).toEqual(["key", "location", "mobile", "teams"].sort());
    });
    expect(await rows(sql`select kind, format from import_uploads`)).toEqual([{ kind: "people", format: "csv" }]);
    const audit = await rows<{ action: string; details: Record<string, unknown> }>(sql`select action, details from audit_events`);
    expect(audit.map((a) => a.action)).toEqual(["import.upload"]);
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/import\.test|Sam|Staff/); // counts, not personal data
  });

  it("M6: apply writes every row; the same file again changes nothing and counts nothing", async () => {
    const preview = await upload("people", "people.csv", PEOPLE_CSV);
    const applied = await applyImportAction(confirmed(preview));
    expect(applied).toMatchObject({ ok: true, data: { created: 2, updated: 1, unchanged: 0, emailChanges: 0 } });
    const e2 = await rows<{ audience: string; mobile: string; import_key: string }>(sql`select audience, mobile, import_key from people where email = 'new.person@import.test'`);
    expect(e2).toEqual([{ audience: "external", mobile: "+44 7700 900002", import_key: "E2" }]);
    const staffTeams = await rows<{ key: string; is_admin: boolean }>(
      sql`select t.key, tm.is_admin from team_members tm join teams t on t.id = tm.team_id where tm.person_id = ${id("staff@import.test")} order by t.key`,
    );
    expect(staffTeams).toEqual([{ key: "ops", is_admin: false }, { key: "ops-north", is_admin: true }]);
    const e3 = await rows<{ roles: string }>(sql`select roles::text from people where email = 'another@import.test'`);
    expect(e3[0]!.roles).toBe("{webmaster}");

    const after = await snapshot();
    const again = await upload("people", "people.csv", PEOPLE_CSV);
    expect({ creates: again.creates, updates: again.updates, unchanged: again.unchanged, problems: again.problems }).toEqual({ creates: 0, updates: 0, unchanged: 3, problems: [] });
    const reapplied = await applyImportAction(confirmed(again));
    expect(reapplied).toMatchObject({ ok: true, data: { created: 0, updated: 0, unchanged: 3 } });
    expect(await snapshot()).toEqual(after); // updated_at untouched: no-op rows are not written
  });

  it("M6: a bad row leaves nothing half-imported (apply re-validates inside the transaction, though it reuses the preview's parse)", async () => {
    const preview = await upload("people", "people.csv", PEOPLE_CSV);
    // Between preview and apply someone takes E2's e-mail address.
    await conn.db.execute(sql`update people set email = 'new.person@import.test', import_key = 'X9' where email = 'ext@import.test'`);
    await expectUnchanged(IMPORT_TABLES, async () => {
      const applied = await applyImportAction(confirmed(preview));
      expect(applied.ok).toBe(false);
      expect(JSON.stringify(applied)).toMatch(/Nothing was imported/);
    });
  });

  it("M6: the apply reuses the preview's parse of the very same bytes (SHA-256), never another file's, and plans afresh", async () => {
    const { parseUpload } = await import("./queries");
    const bytes = (text: string) => new TextEncoder().encode(text);
    const file = { kind: "people", format: "csv", content: bytes(PEOPLE_CSV) } as const;
    const first = parseUpload(file);
    expect(first.ok).toBe(true);
    expect(parseUpload({ ...file, content: bytes(PEOPLE_CSV) })).toBe(first); // the same bytes in another buffer
    const later = parseUpload(file, Date.now() + 16 * 60_000); // not used for 15 minutes: parsed again
    expect(later).not.toBe(first);
    expect(later).toEqual(first);
    const edited = parseUpload({ ...file, content: bytes(PEOPLE_CSV.replace("Ann Other", "Ann Another")) });
    expect(JSON.stringify(edited)).toMatch(/Ann Another/);
    expect(parseUpload({ ...file, kind: "teams" }).ok).toBe(false); // same bytes, another kind: its own parse
    // Applying twice from one cached parse: the second apply plans against the database as it is now,
    // finds another plan than the one confirmed and asks again; confirmed afresh, it changes nothing.
    const preview = await upload("people", "people.csv", PEOPLE_CSV);
    expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { created: 2, updated: 1 } });
    expect(await applyImportAction(confirmed(preview))).toEqual({ ok: false, formError: expect.stringMatching(/changed since the preview/) });
    const again = (await previewNow(preview.uploadId))!;
    expect(await applyImportAction(confirmed(again))).toMatchObject({ ok: true, data: { created: 0, updated: 0, unchanged: 3 } });
  });

  it("M8/P2: only webmasters upload or apply; a refusal writes nothing", async () => {
    const preview = await upload("people", "people.csv", PEOPLE_CSV);
    await signInAs("staff@import.test");
    await expectUnchanged(IMPORT_TABLES, async () => {
      expect(await uploadImportAction(form("people", "people.csv", PEOPLE_CSV))).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      expect(await applyImportAction(confirmed(preview))).toEqual({ ok: false, formError: REFUSED_MESSAGE });
    });
    expect(await rows(sql`select count(*)::int as n from import_uploads`)).toEqual([{ n: 1 }]);
  });
});

describe("M6/M3 profile text in imports", () => {
  const header = "key,email,name,audience,jobTitle,organisation,workPhone,about";
  it("M6: creates and updates the job title, organisation, work phone and about; a column left out keeps what is stored", async () => {
    const csv = [
      header,
      'E1,staff@import.test,Sam Staff,organisational,Care coordinator,Operations,+44 20 7946 0001,"Line one, with a comma\r\nLine two"',
      "E7,partner@import.test,Pat Partner,external,Liaison,Riverside Care Agency,,",
    ].join("\n");
    const preview = await upload("people", "people.csv", csv);
    expect(preview.problems).toEqual([]);
    expect(preview.changes.find((c) => c.label === "E1")?.fields.sort()).toEqual(["about", "jobTitle", "key", "organisation", "workPhone"]);
    expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { created: 1, updated: 1 } });
    expect(await rows(sql`select email, job_title, organisation, work_phone, about from people where email in ('staff@import.test', 'partner@import.test') order by email`)).toEqual([
      { email: "partner@import.test", job_title: "Liaison", organisation: "Riverside Care Agency", work_phone: null, about: null },
      { email: "staff@import.test", job_title: "Care coordinator", organisation: "Operations", work_phone: "+44 20 7946 0001", about: "Line one, with a comma\nLine two" },
    ]);
    // Without the columns nothing of the profile changes; an empty cell clears.
    const kept = await upload("people", "people.csv", "key,email,name,audience\nE1,staff@import.test,Sam Staff,organisational\n");
    expect({ updates: kept.updates, unchanged: kept.unchanged }).toEqual({ updates: 0, unchanged: 1 });
    const cleared = await upload("people", "people.json", JSON.stringify({ people: [{ key: "E1", email: "staff@import.test", name: "Sam Staff", audience: "organisational", jobTitle: "" }] }));
    expect(cleared.changes).toEqual([{ row: 1, label: "E1", action: "update", fields: ["jobTitle"] }]);
  });

  it("M6: a too-long about, a phone that is not one, and a line break in a one-line field are refused by row and field", async () => {
    const csv = [
      header,
      `E1,staff@import.test,Sam Staff,organisational,ok,,,${"x".repeat(1001)}`,
      "E2,two@import.test,Two,organisational,,,call me,",
      'E3,three@import.test,Three,organisational,"Head of\nthings",,,',
    ].join("\n");
    await expectUnchanged(IMPORT_TABLES, async () => {
      const preview = await upload("people", "people.csv", csv);
      expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
        [1, "about"],
        [2, "workPhone"],
        [3, "jobTitle"],
      ]);
      expect(preview.problems[0]!.message).toMatch(/at most 1000 characters/);
    });
  });
});

describe("M6 e-mail changes", () => {
  it("M6: a changed e-mail ends the old password and sessions and mails the NEW address only", async () => {
    await conn.db.execute(sql`update people set import_key = 'E1', authorised_at = now(), sessions_valid_from = now() - interval '1 day' where email = 'staff@import.test'`);
    const csv = "key,email,name,audience\nE1,sam.new@import.test,Sam Staff,organisational\n";
    const preview = await upload("people", "people.csv", csv);
    expect(preview.changes).toEqual([{ row: 1, label: "E1", action: "update", fields: ["email"] }]);
    expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { updated: 1, emailChanges: 1 } });
    const [person] = await rows<{ email: string; password_hash: string | null; authorised_at: unknown; fresh: boolean }>(
      sql`select email, password_hash, authorised_at, sessions_valid_from > now() - interval '1 minute' as fresh from people where import_key = 'E1'`,
    );
    expect(person).toEqual({ email: "sam.new@import.test", password_hash: null, authorised_at: null, fresh: true });
    const mail = await rows<{ to_address: string; subject: string; text: string; html: string }>(sql`select to_address, subject, text, html from outbox_messages`);
    expect(mail.map((m) => m.to_address)).toEqual(["sam.new@import.test"]);
    expect(mail[0]!.text).toMatch(/new password/);
    expect(mail[0]!.html).toMatch(/<html/);
    // The password and e-mail untouched people keep theirs.
    const others = await rows<{ n: number }>(sql`select count(*)::int as n from people where password_hash is null and email <> 'sam.new@import.test' and email <> 'web@import.test' and email <> 'ext@import.test'`);
    expect(others).toEqual([{ n: 0 }]);
  });

  it("M6, P7: the mail to the new address carries a one-time link that sets the new password and authorises the account; an older link stops working", async () => {
    await conn.db.execute(sql`update people set import_key = 'E1', authorised_at = now() where email = 'staff@import.test'`);
    const { resetPasswordAction } = await import("@/lib/auth/password-reset-actions");
    const { passwordResetLinkFor, IMPORT_RESET_LINK_DAYS } = await import("@/lib/auth/password-reset");
    const { verifyPassword } = await import("@/lib/auth/password");
    const tokenOf = (text: string) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const importEmail = async (email: string) => {
      const preview = await upload("people", "people.csv", `key,email,name,audience\nE1,${email},Sam Staff,organisational\n`);
      expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { emailChanges: 1 } });
      const [mail] = await rows<{ text: string; html: string }>(sql`select text, html from outbox_messages where to_address = ${email}`);
      const token = tokenOf(mail!.text);
      expect(token).toBeDefined();
      expect(mail!.html).toContain(`/reset-password/${token}`);
      return token!;
    };
    const first = await importEmail("sam.first@import.test");
    const token = await importEmail("sam.new@import.test");
    expect(token).not.toBe(first);
    expect(await passwordResetLinkFor(first)).toEqual({ state: "superseded" });
    expect(await passwordResetLinkFor(token)).toEqual({ state: "usable", email: "sam.new@import.test" });
    const [link] = await rows<{ reason: string; days: number; token_hash: string }>(
      sql`select reason, round(extract(epoch from expires_at - created_at) / 86400)::int as days, token_hash from password_resets where email = 'sam.new@import.test'`,
    );
    expect(link).toMatchObject({ reason: "import", days: IMPORT_RESET_LINK_DAYS });
    expect(link!.token_hash).not.toBe(token);

    expect(await resetPasswordAction({ token, password: "sams-new-password", confirm: "sams-new-password" })).toEqual({ ok: true, data: { email: "sam.new@import.test" } });
    const [person] = await rows<{ password_hash: string; authorised: boolean }>(sql`select password_hash, authorised_at is not null as authorised from people where import_key = 'E1'`);
    expect(person!.authorised).toBe(true);
    expect(await verifyPassword(person!.password_hash, "sams-new-password")).toBe(true);
  });

  it("M6: an address held by someone else, or one that is not a single plain address, is refused", async () => {
    await conn.db.execute(sql`update people set import_key = 'E1' where email = 'staff@import.test'`);
    const csv = [
      "key,email,name,audience",
      "E1,ext@import.test,Sam Staff,organisational",
      'E9,"a@import.test, b@import.test",List Person,organisational',
      'E8,"""quoted""@import.test",Quoted Person,organisational',
    ].join("\n");
    const preview = await upload("people", "people.csv", csv);
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [1, "email"],
      [2, "email"],
      [3, "email"],
    ]);
  });
});

describe("M6 mobiles and P2", () => {
  const csv = ["email,name,audience,mobile", "m1@import.test,M One,organisational,+44 7700 900009", "m2@import.test,M Two,organisational,+447700900009"].join("\n");

  it("M6: duplicate mobile numbers are accepted while mobile codes are off", async () => {
    const preview = await upload("people", "people.csv", csv);
    expect(preview.problems).toEqual([]);
    expect(preview.creates).toBe(2);
  });

  it("M6: with mobile codes on, every row sharing a number is rejected with the reason", async () => {
    await conn.db.execute(sql`insert into settings (key, value) values ('authentication', '{"mobileCodes": true}'::jsonb)`);
    const preview = await upload("people", "people.csv", csv);
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [1, "mobile"],
      [2, "mobile"],
    ]);
    expect(preview.problems[0]!.message).toMatch(/mobile sign-in codes are enabled/);
    // …and a number already held by someone in Portico.
    await conn.db.execute(sql`update people set mobile = '+44 7700 900111' where email = 'ext@import.test'`);
    const one = await upload("people", "one.csv", "email,name,audience,mobile\nm3@import.test,M Three,organisational,+44 (7700) 900-111\n");
    expect(one.problems.map((p) => p.message).join()).toMatch(/another person in Portico/);
  });

  it("P2: an external person cannot also be a webmaster; making a webmaster external removes the role", async () => {
    const bad = await upload("people", "people.json", JSON.stringify({ people: [{ email: "x@import.test", name: "X", audience: "external", roles: ["webmaster"] }] }));
    expect(bad.problems).toEqual([{ row: 1, field: "roles", message: expect.stringMatching(/P2/) }]);
    await conn.db.execute(sql`update people set roles = '{webmaster}' where email = 'staff@import.test'`);
    const ok = await upload("people", "people.json", JSON.stringify({ people: [{ email: "staff@import.test", name: "Sam Staff", audience: "external" }] }));
    expect(ok.changes[0]!.fields.sort()).toEqual(["audience", "roles"]);
    expect(await applyImportAction(confirmed(ok))).toMatchObject({ ok: true });
    expect(await rows(sql`select audience, roles::text from people where email = 'staff@import.test'`)).toEqual([{ audience: "external", roles: "{}" }]);
  });
});

describe("M6, P5, P6: teams and locations in CSV, JSON and XML", () => {
  it("M6: teams by key with parents by key, in any order, keep the team tree right", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<teams>
  <team><key>south-a</key><name>South A &amp; Co</name><parent>south</parent></team>
  <team><key>south</key><name>South</name><parent>ops</parent></team>
  <team><key>ops-north</key><name>Operations North</name><parent></parent></team>
</teams>`;
    const preview = await upload("teams", "teams.xml", xml);
    expect(preview.problems).toEqual([]);
    expect({ c: preview.creates, u: preview.updates }).toEqual({ c: 2, u: 1 });
    expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { created: 2, updated: 1 } });
    const closure = await rows<{ a: string; d: string }>(
      sql`select a.key as a, d.key as d from team_closure c join teams a on a.id = c.ancestor_id join teams d on d.id = c.descendant_id where c.depth > 0 order by 1, 2`,
    );
    expect(closure).toEqual([
      { a: "ops", d: "south" },
      { a: "ops", d: "south-a" },
      { a: "south", d: "south-a" },
    ]);
    expect(await rows(sql`select name from teams where key = 'south-a'`)).toEqual([{ name: "South A & Co" }]);
  });

  it("M6: a cycle in team parents is reported on every team in it", async () => {
    const json = JSON.stringify({ teams: [{ key: "a", name: "A", parent: "b" }, { key: "b", name: "B", parent: "a" }, { key: "ops", name: "Operations", parent: "ops-north" }] });
    const preview = await upload("teams", "teams.json", json);
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [1, "parent"],
      [2, "parent"],
      [3, "parent"],
    ]);
  });

  it("M6: locations from CSV; the same file again is unchanged", async () => {
    const csv = "key,name\nldn,London\npar,Paris\n";
    const preview = await upload("locations", "l.csv", csv);
    expect({ c: preview.creates, u: preview.updates, n: preview.unchanged }).toEqual({ c: 1, u: 0, n: 1 });
    await applyImportAction(confirmed(preview));
    const again = await upload("locations", "l.csv", csv);
    expect({ c: again.creates, u: again.updates, n: again.unchanged }).toEqual({ c: 0, u: 0, n: 2 });
  });

  it("P6: locations' addresses: set from a file with the column (line breaks kept), kept by a file without it, checked", async () => {
    const withAddress = 'key,name,address\nldn,London,"1 Strand\nLondon WC2"\n';
    const preview = await upload("locations", "la.csv", withAddress);
    expect(preview.problems).toEqual([]);
    expect({ c: preview.creates, u: preview.updates }).toEqual({ c: 0, u: 1 });
    await applyImportAction(confirmed(preview));
    expect(await rows(sql`select address from locations where key = 'ldn'`)).toEqual([{ address: "1 Strand\nLondon WC2" }]);
    // No address column: the address stays; the name changes.
    await applyImportAction(confirmed(await upload("locations", "ln.csv", "key,name\nldn,London (HQ)\n")));
    expect(await rows(sql`select name, address from locations where key = 'ldn'`)).toEqual([{ name: "London (HQ)", address: "1 Strand\nLondon WC2" }]);
    // An empty cell clears it.
    await applyImportAction(confirmed(await upload("locations", "le.csv", "key,name,address\nldn,London (HQ),\n")));
    expect(await rows(sql`select address from locations where key = 'ldn'`)).toEqual([{ address: null }]);
    const bad = await upload("locations", "lb.json", JSON.stringify({ locations: [{ key: "x", name: "X", address: "a\nb\nc\nd\ne\nf\ng\nh\ni" }, { key: "y", name: "Y", address: "z".repeat(501) }] }));
    expect(bad.problems.map((p) => [p.row, p.field])).toEqual([
      [1, "address"],
      [2, "address"],
    ]);
  });
});

describe("M6 broken files report every problem and write nothing", () => {
  const cases: [string, string, string, string | Uint8Array, RegExp[]][] = [
    ["bad encoding", "people", "p.csv", new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xff, 0xfe, 0xc3]), [/not UTF-8/]],
    ["wrong columns", "people", "p.csv", "mail,name,audience,colour\nx@y.org,X,organisational,red\n", [/Unknown column "mail"/, /Unknown column "colour"/, /required column "email"/]],
    ["malformed JSON", "teams", "t.json", '{"teams": [ {"key": "a", ', [/JSON file is malformed/]],
    ["malformed XML", "teams", "t.xml", "<teams><team><key>a</key></teams>", [/XML file is malformed/]],
    ["XML entities (billion laughs)", "teams", "t.xml", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><teams><team><key>a</key><name>&lol2;</name></team></teams>', [/DOCTYPE/]],
    ["XXE", "teams", "t.xml", '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><teams><team><key>a</key><name>&x;</name></team></teams>', [/DOCTYPE/]],
    ["the wrong kind", "people", "t.json", JSON.stringify({ teams: [] }), [/holds teams, but you chose to import people/]],
    [
      "duplicate keys, unknown references, invalid e-mails",
      "people",
      "p.csv",
      ["key,email,name,audience,teams,location", "K1,a@import.test,A,organisational,nope,", "K1,b@import.test,B,organisational,,mars", "K2,not-an-address,C,organisational,,", "K3,d@import.test,,martian,,"].join("\n"),
      [/"K1" appears on rows 1, 2/, /"K1" appears on rows 1, 2/, /no team with the key "nope"/, /no location with the key "mars"/, /not one plain e-mail address/, /name is required/, /"martian" is not an audience/],
    ],
  ];
  for (const [what, kind, name, content, expected] of cases) {
    it(`M6: ${what}`, async () => {
      await expectUnchanged(IMPORT_TABLES, async () => {
        const preview = await upload(kind, name, content);
        const messages = preview.problems.map((p) => p.message);
        expect(messages.length).toBe(expected.length);
        expected.forEach((re, i) => expect(messages.filter((m) => re.test(m)).length, `${re} in ${messages.join(" | ")}`).toBeGreaterThanOrEqual(expected.filter((r, j) => j <= i && String(r) === String(re)).length));
        expect(preview.creates + preview.updates).toBe(0);
        const applied = await applyImportAction(confirmed(preview));
        expect(applied.ok).toBe(false);
      });
    });
  }

  it("M6: an oversize file is refused before it is stored", async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    const result = await uploadImportAction(form("people", "p.csv", big));
    expect(result).toMatchObject({ ok: false, fieldErrors: { file: expect.stringMatching(/too large/) } });
    expect(await rows(sql`select count(*)::int as n from import_uploads`)).toEqual([{ n: 0 }]);
  });
});

describe("P3, M6: an import never takes away the last way in", () => {
  const SELF = "key,email,name,audience,roles,blocked";

  it("P3: the importer cannot block themselves, remove their own Webmaster role or change their own address; the rows are problems and nothing is applied", async () => {
    await conn.db.execute(sql`update people set import_key = 'W1', authorised_at = now() where email = 'web@import.test'`);
    for (const [line, field, message] of [
      ["W1,web@import.test,Wendy Webmaster,organisational,webmaster,true", "blocked", /cannot block yourself/],
      ["W1,web@import.test,Wendy Webmaster,organisational,,false", "roles", /cannot remove your own Webmaster role/],
      ["W1,web@import.test,Wendy Webmaster,external,,false", "roles", /P2|cannot remove your own Webmaster role/],
      ["W1,wendy.new@import.test,Wendy Webmaster,organisational,webmaster,false", "email", /cannot change your own e-mail address/],
    ] as const) {
      await expectUnchanged(IMPORT_TABLES, async () => {
        const preview = await upload("people", "people.csv", `${SELF}\n${line}\nE5,five@import.test,Five,organisational,,false`);
        expect(preview.problems, line).toEqual([{ row: 1, field, message: expect.stringMatching(message) }]);
        expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: false, formError: expect.stringMatching(/Nothing was imported/) });
      });
    }
  });

  it("P3: an import never leaves Portico without an active webmaster (not blocked, able to sign in)", async () => {
    // The importer's own account is not authorised yet (no password, never welcomed): another webmaster is the only way in.
    await conn.db.execute(sql`update people set authorised_at = null where email = 'web@import.test'`);
    await conn.db.execute(sql`update people set roles = '{webmaster}', import_key = 'S1' where email = 'staff@import.test'`);
    for (const [line, field] of [
      ["S1,staff@import.test,Sam Staff,organisational,webmaster,true", "blocked"],
      ["S1,staff@import.test,Sam Staff,organisational,,false", "roles"],
      ["S1,sam.new@import.test,Sam Staff,organisational,webmaster,false", "email"],
    ] as const) {
      await expectUnchanged(IMPORT_TABLES, async () => {
        const preview = await upload("people", "people.csv", `${SELF}\n${line}`);
        expect(preview.problems, line).toEqual([{ row: 1, field, message: expect.stringMatching(/no active webmaster/) }]);
        expect((await applyImportAction(confirmed(preview))).ok).toBe(false);
      });
    }
    // With a second active webmaster in the same file, the change is allowed.
    const preview = await upload("people", "people.csv", `${SELF}\nS1,staff@import.test,Sam Staff,organisational,,false\nE6,six@import.test,Six,organisational,webmaster,false`);
    expect(preview.problems).toEqual([{ row: 1, field: "roles", message: expect.stringMatching(/no active webmaster/) }]); // a new account cannot sign in yet
    await conn.db.execute(sql`update people set authorised_at = now() where email = 'web@import.test'`);
    const fine = await upload("people", "people.csv", `${SELF}\nS1,staff@import.test,Sam Staff,organisational,,true`);
    expect(fine.problems).toEqual([]);
    expect(await applyImportAction(confirmed(fine))).toMatchObject({ ok: true, data: { updated: 1 } });
  });
});

describe("M6: e-mail addresses compare without letter case", () => {
  it("M6: a row that only changes the letter case of an address is no e-mail change: no password wiped, no session ended, no mail", async () => {
    await conn.db.execute(sql`update people set import_key = 'E1', authorised_at = now(), sessions_valid_from = now() - interval '1 day' where email = 'staff@import.test'`);
    const before = await snapshot();
    for (const csv of ["key,email,name,audience\nE1,STAFF@Import.TEST,Sam Staff,organisational\n", "email,name,audience\nSTAFF@import.test,Sam Staff,organisational\n"]) {
      const preview = await upload("people", "people.csv", csv);
      expect({ problems: preview.problems, updates: preview.updates, unchanged: preview.unchanged }, csv).toEqual({ problems: [], updates: 0, unchanged: 1 });
      expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { updated: 0, unchanged: 1, emailChanges: 0 } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("M6: the same address in two letter cases is one address: one person, a duplicate in a file", async () => {
    const preview = await upload("people", "people.csv", "email,name,audience\nnew@import.test,New,organisational\nNEW@IMPORT.TEST,New Again,organisational\n");
    expect(preview.problems.map((p) => [p.row, p.field])).toEqual([
      [1, "email"],
      [2, "email"],
    ]);
  });
});

describe("M6: XML character references", () => {
  it("M6: numeric character references decode once (&#38; and &#x26; are &; &amp;#38; stays as written); CDATA is kept as written", async () => {
    const xml = `<locations>
  <location><key>l1</key><name>North &#38; South</name></location>
  <location><key>l2</key><name>East &#x26; West &#x1F600;</name></location>
  <location><key>l3</key><name>Literally &amp;#38;</name></location>
  <location><key>l4</key><name><![CDATA[Kept &#38; as is]]></name></location>
</locations>`;
    const preview = await upload("locations", "l.xml", xml);
    expect(preview.problems).toEqual([]);
    expect(await applyImportAction(confirmed(preview))).toMatchObject({ ok: true, data: { created: 4 } });
    expect(await rows(sql`select key, name from locations where key like 'l_' order by key`)).toEqual([
      { key: "l1", name: "North & South" },
      { key: "l2", name: "East & West 😀" },
      { key: "l3", name: "Literally &#38;" },
      { key: "l4", name: "Kept &#38; as is" },
    ]);
  });

  it("M6: out-of-range references, surrogate halves, control characters and undefined entities are problems for their row and field, never a crash", async () => {
    const bad = ["&#x110000;", "&#1114112;", "&#xD800;", "&#56320;", "&#0;", "&#x1B;", "&#x7F;", "&#99999999999999999999;", "&nbsp;"];
    const xml = `<teams>${bad.map((ref, i) => `<team><key>t${i}</key><name>A${ref}B</name></team>`).join("")}<team><key>ok</key><name>Fine</name></team></teams>`;
    await expectUnchanged(IMPORT_TABLES, async () => {
      const preview = await upload("teams", "t.xml", xml);
      expect(preview.problems.map((p) => [p.row, p.field])).toEqual(bad.map((_, i) => [i + 1, "name"]));
      preview.problems.forEach((p, i) => expect(p.message).toContain(bad[i]));
      expect((await applyImportAction(confirmed(preview))).ok).toBe(false);
    });
    // In a list too.
    const people = await upload("people", "p.xml", "<people><person><email>r@import.test</email><name>R</name><audience>organisational</audience><teams><team>ops&#0;</team></teams></person></people>");
    expect(people.problems).toEqual([{ row: 1, field: "teams", message: expect.stringContaining("&#0;") }]);
  });
});

describe("M6: the apply writes only the plan that was confirmed", () => {
  it("M6: when Portico changed since the preview, apply asks for confirmation again and changes nothing; confirmed again, it applies", async () => {
    const preview = await upload("people", "people.csv", PEOPLE_CSV);
    // Between preview and apply someone renames Sam: the plan now also changes the name.
    await conn.db.execute(sql`update people set name = 'Samuel Staff' where email = 'staff@import.test'`);
    await expectUnchanged(IMPORT_TABLES, async () => {
      expect(await applyImportAction(confirmed(preview))).toEqual({
        ok: false,
        formError: expect.stringMatching(/Nothing was imported: Portico has changed since the preview, so this file would now create 2 and update 1\. Review the new preview and confirm again\./),
      });
      expect(await applyImportAction({ uploadId: preview.uploadId })).toMatchObject({ ok: false, fieldErrors: { fingerprint: expect.stringMatching(/preview again/) } });
      expect(await applyImportAction({ uploadId: preview.uploadId, fingerprint: "x".repeat(43) })).toMatchObject({ ok: false, formError: expect.stringMatching(/changed since the preview/) });
    });
    const again = (await previewNow(preview.uploadId))!;
    expect(again.fingerprint).not.toBe(preview.fingerprint);
    expect(again.changes.find((c) => c.label === "E1")?.fields).toContain("name");
    expect(await applyImportAction(confirmed(again))).toMatchObject({ ok: true, data: { created: 2, updated: 1 } });
  });
});

describe("M6: POST /api/import/upload", () => {
  const URL_ = "http://localhost:3300/api/import/upload";
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    uploadRoute(new Request(URL_, { method: "POST", body, headers: { host: "127.0.0.1:3300", ...headers }, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit));
  const env = { PORTICO_PUBLIC_URL: process.env.PORTICO_PUBLIC_URL, AUTH_URL: process.env.AUTH_URL };
  beforeEach(() => {
    delete process.env.PORTICO_PUBLIC_URL;
    delete process.env.AUTH_URL;
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("M6: stores the file and answers its preview (201), audited like the action, from the address the browser used", async () => {
    const response = await post(form("people", "people.csv", PEOPLE_CSV), { origin: "http://127.0.0.1:3300" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { ok: true; data: { uploadId: string; creates: number; fingerprint: string } };
    expect(body.data).toMatchObject({ creates: 2, fingerprint: expect.any(String) });
    expect(await rows(sql`select action, target_id from audit_events`)).toEqual([{ action: "import.upload", target_id: body.data.uploadId }]);
    expect(await applyImportAction(confirmed(body.data))).toMatchObject({ ok: true, data: { created: 2 } });
  });

  it("M6: refuses other sites (and Origin: null) with 403; with a public address configured, only that one", async () => {
    await expectUnchanged([...IMPORT_TABLES, schema.importUploads], async () => {
      for (const origin of ["https://evil.example", "null", "http://localhost:3300", "http://127.0.0.1:3301"]) {
        const response = await post(form("people", "people.csv", PEOPLE_CSV), { origin });
        expect(response.status, origin).toBe(403);
        expect(await response.json()).toEqual({ ok: false, formError: "Uploads are only accepted from this site." });
      }
      process.env.PORTICO_PUBLIC_URL = "https://portal.example.org/";
      expect((await post(form("people", "people.csv", PEOPLE_CSV), { origin: "http://127.0.0.1:3300" })).status).toBe(403);
    });
    expect((await post(form("people", "people.csv", PEOPLE_CSV), { origin: "https://portal.example.org" })).status).toBe(201);
  });

  it("M6: a body over the limit is refused with a clear message, a chunked one as soon as it passes the limit, and nothing is stored", async () => {
    await expectUnchanged([...IMPORT_TABLES, schema.importUploads], async () => {
      const declared = await post("x", { "content-type": "multipart/form-data; boundary=b", "content-length": String(MAX_IMPORT_BYTES * 2) });
      expect(declared.status).toBe(413);
      expect(await declared.json()).toEqual({ ok: false, fieldErrors: { file: `The file is too large: the largest accepted is ${MAX_IMPORT_BYTES / 1048576} MB.` } });

      // No declared length: 1 MB chunks for up to 40 MB; the receiver stops reading soon after 25 MB.
      const chunk = new Uint8Array(1024 * 1024).fill(0x61);
      let sent = 0;
      const head = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n');
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(head);
          if (sent >= 40) return controller.close();
          sent++;
          controller.enqueue(chunk);
        },
      });
      const chunked = await post(stream, { "content-type": "multipart/form-data; boundary=b" });
      expect(chunked.status).toBe(413);
      expect(await chunked.json()).toMatchObject({ fieldErrors: { file: expect.stringMatching(/too large/) } });
      expect(sent).toBeLessThan(30);
    });
  });

  it("M8/P2: only webmasters may send a file: others get 403 before it is read, audited; signed-out callers 401; nothing is stored", async () => {
    await signInAs("staff@import.test");
    await expectUnchanged([...IMPORT_TABLES, schema.importUploads], async () => {
      const refused = await post(form("people", "people.csv", PEOPLE_CSV));
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ ok: false, formError: REFUSED_MESSAGE });
      signOut();
      expect((await post(form("people", "people.csv", PEOPLE_CSV))).status).toBe(401);
    });
    expect(await rows(sql`select action, actor_email from audit_events`)).toEqual([{ action: "import.upload.refused", actor_email: "staff@import.test" }]);
  });
});

// ─────────────────────────────────────────────────────────────────────────────────────
// D3: export, filtered by what the exporting person may view, and round-tripping
// ─────────────────────────────────────────────────────────────────────────────────────

async function exportText(who: AccessSubject, kind: "people" | "teams" | "locations", format: "csv" | "json" | "xml", pageSize?: number): Promise<string | null> {
  const fields = await exportFields(conn.db, who, kind);
  if (!fields) return null;
  let out = "";
  for await (const chunk of exportChunks(conn.db, who, kind, format, fields, pageSize)) out += chunk;
  return out;
}

describe("D3 export", () => {
  beforeEach(async () => {
    // Richer people: a formula-looking name, a mobile, a block, team admin, a location, an import key.
    await conn.db.execute(sql`update people set name = '=HYPERLINK("http://evil")', mobile = '+44 7700 900123', import_key = 'E1',
      location_id = (select id from locations where key = 'ldn') where email = 'staff@import.test'`);
    await conn.db.execute(sql`update team_members set is_admin = true where person_id = ${id("staff@import.test")}`);
    // The profile's text: commas, quotes, markup-looking text, a line break, a formula-looking start.
    await conn.db.execute(sql`update people set job_title = 'Head of "Care", North', organisation = 'Riverside <Care> & Co', work_phone = '+44 20 7946 0000',
      about = ${'=Works on <b>rotas</b> & "cover",\nthen more; lines'} where email = 'staff@import.test'`);
    await conn.db.execute(sql`insert into people (email, name, audience, blocked, password_hash) values ('blocked@import.test', 'Bo Blocked', 'organisational', true, 'secret-hash')`);
  });

  for (const format of ["csv", "json", "xml"] as const) {
    for (const kind of ["people", "teams", "locations"] as const) {
      it(`D3/M6: a webmaster's ${kind} ${format.toUpperCase()} export imports back with no change`, async () => {
        const text = await exportText(await viewerOf("web@import.test"), kind, format, 2); // pages of 2: the streaming path
        expect(text).not.toContain("secret-hash");
        const preview = await upload(kind, `${kind}.${format}`, text!);
        expect(preview.problems).toEqual([]);
        expect({ creates: preview.creates, updates: preview.updates }).toEqual({ creates: 0, updates: 0 });
        expect(preview.unchanged).toBe(kind === "people" ? 4 : kind === "teams" ? 2 : 1);
      });
    }
  }

  it("D3: CSV cells that start like a formula are neutralised", async () => {
    const csv = (await exportText(await viewerOf("web@import.test"), "people", "csv"))!;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("'+44 7700 900123");
    expect(csv.split("\r\n")[0]).toBe("key,email,name,audience,roles,teams,teamAdmin,location,mobile,blocked,jobTitle,organisation,workPhone,about");
    expect(csv).toContain(`"'=Works on <b>rotas</b> & ""cover"",`);
  });

  it("D3: organisational people get the directory: no blocked people, keys, roles, mobiles or block flags", async () => {
    const json = JSON.parse((await exportText(await viewerOf("staff@import.test"), "people", "json"))!) as { people: Record<string, unknown>[] };
    expect(json.people.map((p) => p.email).sort()).toEqual(["ext@import.test", "staff@import.test", "web@import.test"]);
    for (const p of json.people) expect(Object.keys(p).sort()).toEqual(["about", "audience", "email", "jobTitle", "location", "name", "organisation", "teams", "workPhone"]);
    expect(json.people.find((p) => p.email === "staff@import.test")).toMatchObject({ jobTitle: 'Head of "Care", North', workPhone: "+44 20 7946 0000" });
    expect(await exportText(await viewerOf("staff@import.test"), "teams", "csv")).toContain("ops-north");
  });

  it("D3/E5: external people export nothing without the switches, and only what each switch opens", async () => {
    const ext = await viewerOf("ext@import.test");
    expect(await exportFields(conn.db, ext, "people")).toBeNull();
    expect(await exportFields(conn.db, ext, "teams")).toBeNull();
    expect(await exportFields(conn.db, ext, "locations")).toBeNull();
    await conn.db.execute(sql`insert into settings (key, value) values ('externalAccess', '{"users": true}'::jsonb)
      on conflict (key) do update set value = excluded.value`);
    expect(await exportFields(conn.db, ext, "people")).toEqual(["email", "name", "audience", "teams", "jobTitle", "organisation", "workPhone", "about"]);
    const xml = (await exportText(ext, "people", "xml"))!;
    expect(xml).not.toContain("ops"); // teams stay hidden without the Teams switch
    expect(xml).not.toContain("900123");
    expect(await exportFields(conn.db, ext, "teams")).toBeNull();
    await conn.db.execute(sql`update settings set value = '{"users": true, "teams": true, "locations": true}'::jsonb where key = 'externalAccess'`);
    expect(await exportText(ext, "people", "xml")).toContain("<team>ops</team>");
    expect(await exportFields(conn.db, ext, "locations")).toEqual(["key", "name", "address"]);
  });

  it("D3/M8: the route re-checks the viewer, answers 404 to anyone who may not export, and audits", async () => {
    const call = (kind: string, format: string) => exportRoute(new Request(`http://portico.test/api/export/${kind}?format=${format}`), { params: Promise.resolve({ kind }) });
    await signInAs("ext@import.test");
    expect((await call("people", "csv")).status).toBe(404);
    signOut();
    expect((await call("people", "csv")).status).toBe(404);
    await signInAs("web@import.test");
    expect((await call("passwords", "csv")).status).toBe(404);
    const response = await call("people", "xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/xml/);
    expect(await response.text()).toContain("<email>staff@import.test</email>");
    const audit = await rows<{ action: string; details: { kind: string; format: string } }>(sql`select action, details from audit_events`);
    expect(audit).toEqual([{ action: "export", details: expect.objectContaining({ kind: "people", format: "xml" }) }]);
  });
});
