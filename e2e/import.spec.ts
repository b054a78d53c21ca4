import { type Page } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * M6 import and D3 export, as a webmaster does them: upload a file with mistakes, see
 * every problem by row, upload the fixed file, apply it, apply the same file again (no
 * changes), then export and compare. Desktop and phone run at the same time on one
 * database, so each imports its own people (keys and addresses carry the project).
 */
const WEBMASTER = "wendy.webb@northmoor.example";

function people(tag: string, broken: boolean) {
  return [
    "key,email,name,audience,roles,teams,location,mobile",
    `E2E-${tag}-1,${broken ? "not-an-address" : `ivy.${tag}@import.example`},Ivy Import ${tag},organisational,,,,+44 7700 900${tag === "d" ? "301" : "302"}`,
    `E2E-${tag}-2,jon.${tag}@import.example,Jon Import ${tag},external,${broken ? "webmaster" : ""},${broken ? "no-such-team" : ""},,`,
  ].join("\n");
}

/** M6: the file goes to the route handler (never to a server action), which answers 201 with its preview. */
async function uploadFile(page: Page, name: string, content: string) {
  await page.getByRole("radio", { name: "People" }).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  const sent = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/import/upload" && r.request().method() === "POST");
  await page.getByRole("button", { name: "Upload and preview" }).click();
  expect((await sent).status()).toBe(201);
  await expect(page.getByRole("heading", { level: 2, name: `Preview of ${name}` })).toBeVisible();
}

const count = (page: Page, what: string) => page.getByTestId(`count-${what}`);

test.describe.configure({ timeout: 300_000 }); // many pages, each checked with axe, on a shared machine

// An apply waits for the import lock while the other project's import applies, and re-plans
// inside its transaction: on a busy machine that can take longer than the default 10 s.
const APPLY_TIMEOUT = 45_000;

test("a webmaster previews an import with every problem, applies the fixed file, re-applies it with no change, and exports it back (M6, D3, P2)", { tag: "@smoke" }, async ({
  page,
}, testInfo) => {
  const tag = testInfo.project.use.isMobile ? "p" : "d";
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import people, teams and locations" })).toBeVisible();
  await expectAccessible(page);

  // A file over 25 MB: a clear message beside the field before anything is sent.
  const uploads: string[] = [];
  page.on("request", (r) => void (new URL(r.url()).pathname === "/api/import/upload" && uploads.push(r.url())));
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(25 * 1024 * 1024 + 1, 0x61) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(fieldError(page, "The file is too large: the largest accepted is 25 MB.")).toBeVisible();
  expect(uploads).toEqual([]);

  // A broken file: every problem, by row and field; nothing to apply.
  await uploadFile(page, `people-${tag}-broken.csv`, people(tag, true));
  const problems = page.getByRole("region", { name: /problems?: nothing can be imported/ });
  await expect(problems.getByRole("row")).toHaveCount(4); // header + 3 problems
  await expect(problems).toContainText("not one plain e-mail address");
  await expect(problems).toContainText("P2");
  await expect(problems).toContainText('no team with the key "no-such-team"');
  await expect(count(page, "problems")).toHaveText("3");
  await expect(page.getByRole("button", { name: "Apply import" })).toHaveCount(0);
  await expectAccessible(page);

  // The fixed file: two people to create.
  await uploadFile(page, `people-${tag}.csv`, people(tag, false));
  await expect(count(page, "to-create")).toHaveText("2");
  await expect(count(page, "problems")).toHaveText("0");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Apply import" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply this import?" });
  await expect(dialog).toContainText("creates 2 and updates 0");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import applied" })).toHaveText(/2 created, 0 updated, 0 unchanged/, { timeout: APPLY_TIMEOUT });

  // The same file again: nothing to create or update, and applying it changes nothing.
  await uploadFile(page, `people-${tag}.csv`, people(tag, false));
  await expect(count(page, "to-create")).toHaveText("0");
  await expect(count(page, "to-update")).toHaveText("0");
  await expect(count(page, "unchanged")).toHaveText("2");
  await page.getByRole("button", { name: "Apply import" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import applied" })).toHaveText(/0 created, 0 updated, 2 unchanged/, { timeout: APPLY_TIMEOUT });

  // Export: the page, then the file, which holds what was imported.
  await page.goto("/admin/export");
  await expect(page.getByRole("heading", { level: 1, name: "Export people, teams, locations and groups" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Groups as JSON" })).toBeVisible();
  await expect(page.getByRole("link", { name: "People as JSON" })).toBeVisible();
  await expectAccessible(page);
  const response = await page.request.get("/api/export/people?format=json");
  expect(response.status()).toBe(200);
  const exported = ((await response.json()) as { people: Record<string, unknown>[] }).people
    .filter((p) => String(p.key).startsWith(`E2E-${tag}-`))
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
  const noProfile = { jobTitle: null, organisation: null, workPhone: null, about: null };
  expect(exported).toEqual([
    { key: `E2E-${tag}-1`, email: `ivy.${tag}@import.example`, name: `Ivy Import ${tag}`, audience: "organisational", roles: [], teams: [], teamAdmin: [], location: null, mobile: `+44 7700 900${tag === "d" ? "301" : "302"}`, blocked: false, ...noProfile },
    { key: `E2E-${tag}-2`, email: `jon.${tag}@import.example`, name: `Jon Import ${tag}`, audience: "external", roles: [], teams: [], teamAdmin: [], location: null, mobile: null, blocked: false, ...noProfile },
  ]);
  const csv = await (await page.request.get("/api/export/people?format=csv")).text();
  expect(csv.split("\r\n")[0]).toBe("key,email,name,audience,roles,teams,teamAdmin,location,mobile,blocked,jobTitle,organisation,workPhone,about");
  expect(csv).toContain(`E2E-${tag}-1,ivy.${tag}@import.example,Ivy Import ${tag},organisational,,,,,'+44 7700 900`);
});

test("people who are not webmasters cannot open the import, and external people get no export without the switch (M6, D3, E5)", async ({ page }) => {
  await signIn(page, "sam.mensah@northmoor.example");
  await page.waitForURL((url) => url.pathname === "/");
  const response = await page.goto("/admin/import");
  expect(response?.status()).toBe(403);
  const exported = await page.request.get("/api/export/people?format=csv");
  expect(exported.status()).toBe(200);
  const text = await exported.text();
  expect(text.split("\r\n")[0]).toBe("email,name,audience,teams,location,jobTitle,organisation,workPhone,about");
  expect(text).not.toContain("$argon2");
  // No mobiles outside administration (work phones are on the profile, so in the directory).
  expect(text).not.toMatch(/7700 ?900/);

  await page.context().clearCookies();
  await signIn(page, "erin.cole@riverside-care.example");
  await page.waitForURL((url) => url.pathname === "/extranet");
  for (const kind of ["people", "teams", "locations"]) expect((await page.request.get(`/api/export/${kind}?format=xml`)).status()).toBe(404);
});

test("apply asks for confirmation again when the plan changed since the preview (M6)", async ({ page, context }, testInfo) => {
  const tag = testInfo.project.use.isMobile ? "p" : "d";
  const name = `people-${tag}-twice.csv`;
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/admin/import");
  await uploadFile(page, name, `key,email,name,audience\nE2E-twice-${tag},twice.${tag}@import.example,Tess Twice ${tag},organisational\n`);
  await expect(count(page, "to-create")).toHaveText("1");

  // Someone applies the same preview in another tab first.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole("button", { name: "Apply import" }).click();
  await other.getByRole("dialog").getByRole("button", { name: "Apply import" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Import applied" })).toHaveText(/1 created/, { timeout: APPLY_TIMEOUT });
  await other.close();

  // This tab's confirmation was for "creates 1": nothing is applied, and it asks again with the new plan.
  await page.getByRole("button", { name: "Apply import" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply this import?" });
  await expect(dialog).toContainText("creates 1 and updates 0");
  await dialog.getByRole("button", { name: "Apply import" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(/Portico has changed since the preview, so this file would now create 0 and update 0\. Review the new preview and confirm again\./, { timeout: APPLY_TIMEOUT });
  await expect(count(page, "unchanged")).toHaveText("1");
  await expect(dialog).toContainText("Nothing in the file differs from Portico");
  await dialog.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import applied" })).toHaveText(/0 created, 0 updated, 1 unchanged/, { timeout: APPLY_TIMEOUT });
});

test("a webmaster downloads everything as one zip: the organisation file with the group files and pictures it names (D3)", async ({ page }, testInfo) => {
  await signIn(page, WEBMASTER);
  await page.waitForURL((url) => url.pathname !== "/login");
  await page.goto("/admin/export");
  const link = page.getByRole("link", { name: "Everything as a zip" });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^portico-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const file = testInfo.outputPath("export.zip");
  await download.saveAs(file);
  const { unpackOrgArchive } = await import("../lib/org-file/archive");
  const archive = await unpackOrgArchive(file);
  try {
    const org = JSON.parse(archive.text) as { people: { email: string; image?: string }[]; groups: { files?: { versions: { path: string }[] }[] }[]; content: unknown[] };
    expect(org.people.map((p) => p.email)).toContain(WEBMASTER);
    expect(org.content.length).toBeGreaterThan(10);
    expect(archive.text).not.toMatch(/"password(Hash)?":/);
    // Every stored file it names is beside it, at its path.
    const { existsSync } = await import("node:fs");
    const path = await import("node:path");
    const named = [...org.people.flatMap((p) => (p.image ? [p.image] : [])), ...org.groups.flatMap((g) => (g.files ?? []).flatMap((f) => f.versions.map((v) => v.path)))];
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((p) => !existsSync(path.join(archive.dir, p)))).toEqual([]);
    expect(archive.missingFiles).toBeNull();
  } finally {
    await archive.remove();
  }
  // Anyone else: the address answers as if there were nothing.
  await signIn(page, "sam.mensah@northmoor.example");
  await page.waitForURL((url) => url.pathname !== "/login");
  expect((await page.request.get("/api/export/everything")).status()).toBe(404);
});
