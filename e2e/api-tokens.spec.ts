import { DEMO_SIGN_INS } from "../lib/org-file/demo";
import { cspProblemsOf, expect, expectAccessible, expectNoSidewaysScroll, hydrated, openAccountMenu, signIn, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { scenarioFor } from "./scenarios";

/**
 * D5: a person makes an API token, copies it from the page that shows it once, calls the API
 * with it (from a client with no cookie: the token alone), and revokes it, after which the API
 * refuses it; a webmaster sees everyone's tokens and revokes one. Desktop and phone run at the
 * same time: each names its own tokens.
 */
const person = (role: (typeof DEMO_SIGN_INS)[number]["role"]) => DEMO_SIGN_INS.find((d) => d.role === role)!.email;
const STAFF = person("Organisational user");
const WEBMASTER = person("Webmaster");
test.describe.configure({ timeout: 180_000 });

const SCENARIOS = {
  desktop: { mine: "Reporting script desktop", lost: "Old laptop desktop" },
  phone: { mine: "Reporting script phone", lost: "Old laptop phone" },
};

test("D5 a person makes a token, sees it once, calls the API with it and revokes it; a webmaster revokes another", { tag: "@smoke" }, async ({ page, playwright, baseURL }, testInfo) => {
  const s = scenarioFor(SCENARIOS, testInfo.project.name);
  await signIn(page, STAFF);
  await page.waitForURL("/");
  await openAccountMenu(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  // Q2: nothing wider than a phone's screen (the table scrolls within its own region).
  await expectNoSidewaysScroll(page);

  // A token needs a name: a clear message, nothing made.
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(fieldError(page, "Name the token after what will use it, such as Reporting script.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name").fill(s.mine);
  await page.getByLabel("Expires after").selectOption({ label: "90 days" });
  await page.getByRole("radio", { name: "Read", exact: true }).check();
  await page.getByRole("button", { name: "Make token" }).click();
  const panel = page.getByRole("region", { name: "Copy your new token now" });
  await expect(panel).toBeFocused();
  const token = await panel.getByRole("textbox", { name: "Token" }).inputValue();
  expect(token).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  const row = page.getByRole("row", { name: new RegExp(s.mine) });
  await expect(row).toContainText("Active");
  // Q2: with a token listed, still nothing wider than the screen.
  await expectNoSidewaysScroll(page);
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).not.toContainText(token);
  await panel.getByRole("button", { name: "I have copied it" }).click();
  await expect(panel).toBeHidden();

  // The API, from a client without the browser's cookies: the token alone says who is calling.
  const api = await playwright.request.newContext({ baseURL });
  try {
    const me = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ person: { email: STAFF, webmaster: false }, token: { name: s.mine, scope: "read" } });
    // A section through the API, as the person's page shows it; the API's own description.
    const section = await api.get("/api/v1/sections/hr", { headers: { Authorization: `Bearer ${token}` } });
    expect(section.status()).toBe(200);
    expect(await section.json()).toMatchObject({ slug: "hr", content: { items: expect.any(Array) } });
    // Outside middleware, the API's own headers; asked again with its ETag, nothing to send.
    expect(section.headers()).toMatchObject({ "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "cache-control": "private, no-cache" });
    const unchanged = await api.get("/api/v1/sections/hr", { headers: { Authorization: `Bearer ${token}`, "If-None-Match": section.headers()["etag"]! } });
    expect(unchanged.status()).toBe(304);
    const described = await api.get("/api/v1/openapi.json");
    expect((await described.json()).paths).toHaveProperty(["/sections/{slug}"]);
    const anonymous = await api.get("/api/v1/me");
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["content-type"]).toBe("application/problem+json");

    // Revoked with confirmation: the API refuses it at once.
    await row.getByRole("button", { name: `Revoke ${s.mine}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${s.mine}”?` });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
    const refused = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).detail).toMatch(/revoked/);
  } finally {
    await api.dispose();
  }

  // Another token, lost: a webmaster finds it among everyone's and revokes it.
  await page.getByLabel("Name").fill(s.lost);
  await page.getByRole("radio", { name: "Read and write" }).check();
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByRole("region", { name: "Copy your new token now" })).toBeFocused();

  await signIn(page, WEBMASTER);
  await page.waitForURL("/");
  await page.goto("/admin/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await hydrated(page);
  const lost = page.getByRole("row", { name: new RegExp(s.lost) });
  await expect(lost).toContainText(STAFF);
  await expect(lost).toContainText("Read and write");
  await expectAccessible(page);
  await lost.getByRole("button", { name: `Revoke ${s.lost}` }).click();
  await page.getByRole("dialog", { name: `Revoke “${s.lost}”?` }).getByRole("button", { name: "Revoke token" }).click();
  await expect(lost).toContainText("Revoked");
});

test("D2 D5 a read-write token writes as its person: an item made (once, whatever the retries), changed and deleted through the API, as its page shows; the reference lists the endpoints", async ({ page, playwright, baseURL, isMobile }, testInfo) => {
  test.skip(isMobile, "server behaviour: checked once, by the desktop project");
  await signIn(page, WEBMASTER);
  await page.waitForURL("/");
  await page.goto("/me/tokens");
  await hydrated(page);
  await page.getByLabel("Name").fill("Publishing script");
  await page.getByRole("radio", { name: "Read and write" }).check();
  await page.getByRole("button", { name: "Make token" }).click();
  const token = await page.getByRole("region", { name: "Copy your new token now" }).getByRole("textbox", { name: "Token" }).inputValue();

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  try {
    const news = await (await api.get("/api/v1/sections/news")).json();
    const title = `Made by a script ${Date.now()}`;
    const draft = { type: "news", title, body: "<p>Written elsewhere.</p><script>alert(1)</script>", sectionId: news.id, intent: "publish" };
    const key = crypto.randomUUID();
    const made = await api.post("/api/v1/content", { data: draft, headers: { "Idempotency-Key": key } });
    expect(made.status()).toBe(201);
    const item = await made.json();
    // A retry after a lost answer: the same answer, no second item.
    const retried = await api.post("/api/v1/content", { data: draft, headers: { "Idempotency-Key": key } });
    expect(retried.headers()["idempotent-replayed"]).toBe("true");
    expect((await retried.json()).id).toBe(item.id);
    expect(item.bodyHtml).toBe("<p>Written elsewhere.</p>");

    await page.goto(made.headers()["location"]!.replace("/api/v1", ""));
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    const changed = await api.patch(`/api/v1/content/${item.id}`, { data: { title: `${title} (changed)`, baseVersion: item.version } });
    expect(changed.status()).toBe(200);
    const stale = await api.patch(`/api/v1/content/${item.id}`, { data: { title: "Lost update", baseVersion: item.version } });
    expect(stale.status()).toBe(409);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: `${title} (changed)` })).toBeVisible();
    await expect(page.getByText("Written elsewhere.")).toBeVisible();

    expect((await api.delete(`/api/v1/content/${item.id}`)).status()).toBe(200);
    expect((await api.get(`/api/v1/content/${item.id}`)).status()).toBe(404);
  } finally {
    await api.dispose();
  }

  // The reference: Scalar's renderer from our own origin, under the pages' CSP, listing the endpoints.
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto("/me/tokens");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  await expect(page.getByText("Create an item").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("A section and a page of its items").first()).toBeVisible();
  // The one violation expected: the renderer's zod tries Function("") in a try to see whether it
  // may compile validators; the CSP refuses it, as it should, and it validates without (C6).
  const problems = cspProblemsOf(testInfo);
  const probe = problems.filter((p) => /violates script-src: eval \(http:\/\/[^)]*\/api\/docs\/scalar\.js/.test(p));
  expect(probe.length).toBeLessThanOrEqual(1);
  problems.splice(0, problems.length, ...problems.filter((p) => !probe.includes(p)));
  expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e) && !/eval/.test(e))).toEqual([]);
});

test("D2 the API reference is for signed-in people: others are sent to sign in and brought back", async ({ page, isMobile }) => {
  test.skip(isMobile, "server behaviour: checked once, by the desktop project");
  await page.goto("/api/docs");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fapi%2Fdocs/);
});
