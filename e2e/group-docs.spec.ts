import { writeFileSync } from "node:fs";
import { type Page } from "@playwright/test";
import { anotherBrowser, expect, expectAccessible, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";

/**
 * G7 group docs for real people, on the demo organisation: Priya Sharma is a member of the
 * Digital transformation board (private) and of Restructure 2027 planning (secret); Owen
 * Price is in neither. She uploads by the file input and by dropping a file, opens the file,
 * adds a version, downloads both, edits its details (renames it, describes and tags it) and
 * deletes it; refusals (too large, a disallowed type) say why beside the field; Owen meets no
 * file name in any byte of the private group's page, and a 404 for the secret group's file as
 * for a missing one (G1, G6). Each project (desktop, phone) uploads files named after itself,
 * so the two never meet.
 */
const MEMBER = "priya.sharma@northmoor.example";
const STRANGER = "owen.price@northmoor.example";
const PRIVATE_GROUP = "/groups/digital-transformation";
const SECRET_GROUP = "/groups/restructure-2027";
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** Names no other run or project uses: each upload's file is its own to find. */
const runTag = (project: string) => `${project} ${Date.now().toString(36)}`;

const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });

/** The file's id, from its link in the group's Files section. */
async function fileIdOf(page: Page, name: string): Promise<string> {
  const href = await page.getByRole("region", { name: "Files" }).getByRole("link", { name, exact: true }).getAttribute("href");
  return /\/files\/([0-9a-f-]{36})$/.exec(href ?? "")![1]!;
}

test("G7 a member uploads, drops, opens, versions, downloads, renames and deletes a file", { tag: "@smoke" }, async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const tag = runTag(testInfo.project.name);
  const name = `Board plan ${tag}.pdf`;
  const dropped = `Notes ${tag}.txt`;
  const [v1, v2] = [pdf(`first ${tag}`), pdf(`second ${tag}`)];
  await signedIn(page, MEMBER);
  await page.goto(PRIVATE_GROUP);
  const files = page.getByRole("region", { name: "Files" });
  await expect(files).toBeVisible();

  // By the file input.
  await files.getByLabel("Add a file").setInputFiles({ name, mimeType: "application/pdf", buffer: v1 });
  await files.getByRole("button", { name: "Upload file" }).click();
  await expect(status(page, `${name} has been uploaded.`)).toBeVisible();
  await expect(files.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(files.getByRole("listitem").filter({ hasText: name })).toContainText("PDF");
  await expect(files.getByRole("listitem").filter({ hasText: name })).toContainText("version 1");

  // By dropping a file on the area.
  const transfer = await page.evaluateHandle((fileName) => {
    const data = new DataTransfer();
    data.items.add(new File(["Agenda: maps, budget, dates.\n"], fileName, { type: "text/plain" }));
    return data;
  }, dropped);
  await files.getByTestId("file-drop-area").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(files.getByText(`${dropped} (29 bytes) is ready to upload.`)).toBeVisible();
  await files.getByRole("button", { name: "Upload file" }).click();
  await expect(status(page, `${dropped} has been uploaded.`)).toBeVisible();
  await expect(files.getByRole("link", { name: dropped, exact: true })).toBeVisible();
  await expectAccessible(page);

  // A disallowed type, and a file over the limit: said beside the field, nothing sent or kept.
  await files.getByLabel("Add a file").setInputFiles({ name: `page ${tag}.html`, mimeType: "text/html", buffer: Buffer.from("<!doctype html><p>hi</p>") });
  await files.getByRole("button", { name: "Upload file" }).click();
  await expect(fieldError(files, ".html files cannot be uploaded to a group.")).toBeVisible();
  const big = testInfo.outputPath("big.pdf");
  writeFileSync(big, Buffer.concat([pdf("big"), Buffer.alloc(50 * 1024 * 1024 + 1, 0x20)]));
  await files.getByLabel("Add a file").setInputFiles(big);
  await files.getByRole("button", { name: "Upload file" }).click();
  await expect(fieldError(files, "The file is larger than 50 MB. Choose a smaller file.")).toBeVisible();
  await expect(files.getByRole("link", { name: /page .*\.html|big\.pdf/ })).toHaveCount(0);

  // The file's page: versions, a second version, downloads of both.
  const fileId = await fileIdOf(page, name);
  await files.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const versions = page.getByRole("table");
  await expect(versions.getByRole("row")).toHaveCount(2);
  await expectAccessible(page);
  await page.getByLabel("New version", { exact: true }).setInputFiles({ name: "anything.pdf", mimeType: "application/pdf", buffer: v2 });
  await page.getByRole("button", { name: "Upload new version" }).click();
  await expect(status(page, `Version 2 of ${name} has been uploaded.`)).toBeVisible();
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versions.getByRole("row").nth(1)).toContainText("2 (current)");
  for (const [n, bytes] of [[1, v1], [2, v2]] as const) {
    const href = await versions.getByRole("link", { name: `Download version ${n}` }).getAttribute("href");
    const answer = await page.request.get(href!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-disposition"]).toBe(`inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(answer.headers()["content-type"]).toBe("application/pdf");
    // Its own sandboxing policy, not the pages' (the route is outside middleware, whose headers would win).
    expect(answer.headers()["content-security-policy"]).toMatch(/^default-src 'none'.*frame-ancestors 'self'; sandbox$/);
    expect(Buffer.from(await answer.body()).equals(bytes)).toBe(true);
  }

  // Edit details: rename (the ending stays), describe and tag it; the page shows them (D4, D7).
  // First the preview shows version 2: Chromium's PDF viewer takes the keyboard as it opens,
  // and a name typed while it did went to the viewer (the form then saved the old name).
  await page.locator(`iframe[title="${name}, version 2"]`).evaluate((frame: HTMLIFrameElement) => {
    const loaded = () => frame.contentDocument?.readyState === "complete" && frame.contentDocument.URL !== "about:blank";
    return new Promise<void>((resolve) => (loaded() ? resolve() : frame.addEventListener("load", () => resolve(), { once: true })));
  });
  const renamed = `Board plan ${tag} final.pdf`;
  const details = page.getByRole("region", { name: "Edit details" });
  await details.getByLabel("File name").fill(renamed);
  await details.getByLabel("Description (optional)").fill(`What the board decided, ${tag}.\nSecond line.`);
  const tags = details.getByRole("combobox", { name: /^Tags/ });
  await tags.fill("Board Papers");
  await tags.press("Enter");
  await expect(details.getByRole("list", { name: "Tags chosen" }).getByRole("listitem")).toHaveText(["board papers×"]);
  await expect(details.getByLabel("File name")).toHaveValue(renamed);
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(status(page, `Details saved. Renamed to ${renamed}.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(page.getByRole("main").locator("p", { hasText: `What the board decided, ${tag}.` })).toContainText("Second line.");
  await expect(page.getByRole("region", { name: "Tags", exact: true }).getByRole("link", { name: "board papers", exact: true })).toBeVisible();
  await expectAccessible(page);

  // Delete, after a confirmation that says every version goes.
  await page.getByRole("button", { name: "Delete this file" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("all 2 versions");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Delete the file and every version" }).click();
  await page.waitForURL((url) => url.pathname === PRIVATE_GROUP);
  await expect(page.getByRole("region", { name: "Files" }).getByRole("link", { name: renamed })).toHaveCount(0);
  // From the browser, which retries a kept-alive connection the server has just closed.
  expect(await page.evaluate(async (url) => (await fetch(url)).status, `/api/group-files/${fileId}/versions/1`)).toBe(404);
});

test("G7 the upload route refuses a file over the limit with a clear 413, whatever the page checked", async ({ page }) => {
  await signedIn(page, MEMBER);
  await page.goto(PRIVATE_GROUP);
  // Sent by the browser past the form's own check: refused on its declared size, before anything is read or stored.
  const answer = await page.evaluate(async () => {
    const form = new FormData();
    form.append("groupId", "1");
    form.append("file", new File([new Uint8Array(51 * 1024 * 1024)], "Too big.pdf", { type: "application/pdf" }));
    const response = await fetch("/api/group-files", { method: "POST", body: form });
    return { status: response.status, body: await response.json(), csp: response.headers.get("content-security-policy") };
  });
  expect(answer).toMatchObject({ status: 413, body: { ok: false, fieldErrors: { file: "The file is larger than 50 MB. Choose a smaller file." } } });
  expect(answer.csp).toMatch(/frame-ancestors 'none'/);
});

test("G1 G6 G7 a non-member never receives a private group's file names; a secret group's file is a 404 like a missing one", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const tag = runTag(testInfo.project.name);
  const privateName = `Board minutes ${tag}.pdf`;
  const secretName = `Restructure options ${tag}.pdf`;
  await signedIn(page, MEMBER);
  const ids: Record<string, string> = {};
  for (const [group, name] of [[PRIVATE_GROUP, privateName], [SECRET_GROUP, secretName]] as const) {
    await page.goto(group);
    const files = page.getByRole("region", { name: "Files" });
    await files.getByLabel("Add a file").setInputFiles({ name, mimeType: "application/pdf", buffer: pdf(name) });
    await files.getByRole("button", { name: "Upload file" }).click();
    await expect(status(page, `${name} has been uploaded.`)).toBeVisible();
    ids[name] = await fileIdOf(page, name);
  }

  const context = await anotherBrowser(browser, testInfo);
  const stranger = await context.newPage();
  await signedIn(stranger, STRANGER);
  // Every byte of the private group's page: no file's name (G6).
  const groupPage = await stranger.request.get(PRIVATE_GROUP);
  expect(groupPage.status()).toBe(200);
  const html = await groupPage.text();
  expect(html).not.toContain(privateName);
  expect(html).not.toContain(ids[privateName]!);
  // Its file's page and download: refused, naming nothing.
  const refused = await stranger.request.get(`${PRIVATE_GROUP}/files/${ids[privateName]}`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(privateName);
  expect((await stranger.request.get(`/api/group-files/${ids[privateName]}/versions/1`)).status()).toBe(403);

  // The secret group's file: the 404 of a file that does not exist (G1).
  const secret = await stranger.request.get(`${SECRET_GROUP}/files/${ids[secretName]}`);
  const missing = await stranger.request.get(`${SECRET_GROUP}/files/${NO_SUCH_ID}`);
  expect(secret.status()).toBe(404);
  expect(missing.status()).toBe(404);
  // The same page but for the address's own id and the request's nonces.
  const withoutNonces = (text: string) => text.replace(/nonce(=|\\":\\")"?[A-Za-z0-9+/=]+/g, "nonce").replaceAll(ids[secretName]!, "ID").replaceAll(NO_SUCH_ID, "ID");
  expect(withoutNonces(await secret.text())).toBe(withoutNonces(await missing.text()));
  const secretDownload = await stranger.request.get(`/api/group-files/${ids[secretName]}/versions/1`);
  const missingDownload = await stranger.request.get(`/api/group-files/${NO_SUCH_ID}/versions/1`);
  expect([secretDownload.status(), await secretDownload.text()]).toEqual([missingDownload.status(), await missingDownload.text()]);
  await stranger.goto(`${SECRET_GROUP}/files/${ids[secretName]}`);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(stranger);
  await context.close();
});
