import { expect, expectAccessible, signIn, test } from "./fixtures";

/**
 * D4 C4 E4: search from the header, on desktop and phone — results with their type, place,
 * date and highlighted words, the type facets, a quoted phrase, no results with suggestions,
 * punctuation only — group files by their text, ideas and wall posts, the tag and author
 * filters and a tag's page (D7), and none for external people (no box; /search answers 403). What no
 * searcher may find is checked raw, HTML and RSC, by e2e/no-leaks.spec.ts.
 * (Demo data: lib/org-file/demo-org.json. Read-only: desktop and phone run together.)
 */
const STAFF = "marcus.bell@northmoor.example";
const EXTERNAL = "erin.cole@riverside-care.example";

test("an organisational person searches from the header, narrows by type, and is told clearly when nothing matches", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, STAFF);
  await page.waitForURL((url) => url.pathname === "/");

  const box = page.getByRole("search", { name: "Site" }).getByRole("combobox", { name: "Search the portal" });
  // Suggestions as one types, chosen by keyboard: a section and an item by their titles' words.
  await box.pressSequentially("hybrid work");
  const suggestions = page.getByRole("listbox", { name: "Suggestions" });
  await expect(suggestions.getByRole("option", { name: /Hybrid working policy/ })).toBeVisible();
  await expect(page.getByRole("search", { name: "Site" }).getByRole("status")).toContainText(/\d+ suggestions?/);
  await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await expect(suggestions.getByRole("option", { selected: true })).toContainText("Hybrid working policy");
  await expectAccessible(page);
  await box.press("Enter");
  await page.waitForURL((url) => /^\/content\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1, name: "Hybrid working policy" })).toBeVisible();
  // Escape closes the list; Enter then searches.
  await box.fill("");
  await box.pressSequentially("policies");
  await expect(suggestions).toBeVisible();
  await box.press("Escape");
  await expect(suggestions).toBeHidden();
  await box.press("Enter");
  await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "policies");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const results = page.getByRole("list", { name: "Results" });
  // Stemming: "policies" finds "policy"; the title's word is marked.
  const annualLeave = results.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Annual leave policy" }) });
  await expect(annualLeave).toBeVisible();
  await expect(annualLeave.locator("mark").first()).toHaveText(/^policy$/i);
  await expect(annualLeave).toContainText("Policy in");
  await expect(annualLeave).toContainText("Published");
  await expectAccessible(page);

  // The type facets: each with its count; choosing one narrows the results and is marked current.
  const types = page.getByRole("navigation", { name: "Result types" });
  await types.getByRole("link", { name: /^Policies \(\d+\)$/ }).click();
  await page.waitForURL((url) => url.searchParams.get("type") === "policy");
  await expect(types.getByRole("link", { name: /^Policies/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("main").getByRole("status")).toContainText("among policies");
  for (const label of await results.getByRole("listitem").locator("p:first-child").allInnerTexts()) expect(label).toMatch(/^Policy/);

  // Names that match: sections and groups by their names, as their directories show them.
  await page.goto("/search?q=social");
  const names = page.getByRole("region", { name: "Names that match" });
  await expect(names.locator('a[href="/sections/adult-social-care"]')).toHaveText("Adult Social Care");
  await expect(names.locator('a[href="/groups/social-club"]')).toHaveText("Staff social club");

  // A quoted phrase.
  await page.goto(`/search?q=${encodeURIComponent('"annual leave"')}`);
  await expect(results.getByRole("link", { name: "Annual leave policy" })).toBeVisible();
  await expect(results.getByRole("listitem")).toHaveCount(1);

  // A draft someone else wrote is not found (C4); nothing matches: suggestions, not an error.
  await page.goto(`/search?q=${encodeURIComponent("Christmas opening hours")}`);
  await expect(page.getByRole("main").getByRole("status")).toContainText("No results");
  await expect(page.getByText("Nothing you can open matches.")).toBeVisible();
  await expectAccessible(page);

  // Only punctuation: said so.
  await page.goto(`/search?q=${encodeURIComponent("!!! ???")}`);
  await expect(page.getByRole("main").getByRole("status")).toContainText("has no words to search for");
  // Too long: refused with a message beside the box.
  await page.goto(`/search?q=${"x".repeat(300)}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("at most 200 characters");
  await expect(page.getByRole("searchbox", { name: "Search for" })).toHaveAttribute("aria-invalid", "true");
});

test("D4 D7: group files by their text, ideas and wall posts; not a secret group's document; filters by tag and author; a tag's page", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, STAFF);
  await page.waitForURL((url) => url.pathname === "/");
  const results = page.getByRole("list", { name: "Results" });

  // A public group's PDF, found by words in its text (read on upload, G7), in its group.
  await page.goto(`/search?q=${encodeURIComponent("gas heating")}`);
  const carbon = results.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Carbon baseline 2026.pdf" }) });
  await expect(carbon).toContainText("Group file in the group Green champions");
  await expectAccessible(page);
  await carbon.getByRole("link", { name: "Carbon baseline 2026.pdf" }).click();
  await page.waitForURL((url) => /^\/groups\/green-champions\/files\/[0-9a-f-]{36}$/.test(url.pathname));

  // Ideas, by the type facet; a wall post, named by its author.
  await page.goto("/search?q=cycle");
  await page.getByRole("navigation", { name: "Result types" }).getByRole("link", { name: /^Ideas \(\d+\)$/ }).click();
  await page.waitForURL((url) => url.searchParams.get("type") === "idea");
  await expect(results.getByRole("link", { name: "Secure cycle parking at Northgate Depot" })).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent("flu jabs")}`);
  await expect(results.getByRole("listitem").first()).toContainText(/^Wall post/);
  await expect(results.getByRole("link", { name: /^Wall post by / }).first()).toHaveAttribute("href", /^\/wall\/[0-9a-f-]{36}$/);

  // G1 G6: a secret group's document is not found by its words (its member would find it).
  await page.goto(`/search?q=${encodeURIComponent("directorate structure options")}`);
  await expect(page.getByRole("main")).not.toContainText("Directorate structure options.pdf");

  // D7: narrowed by a tag; then by an author, from a result's byline.
  await page.goto(`/search?q=policy&tag=${encodeURIComponent("HR Policy")}`);
  await expect(page.getByRole("list", { name: "Filters in use" })).toContainText("Tagged “hr policy”");
  await expect(results.getByRole("link", { name: "Annual leave policy" })).toBeVisible();
  await expect(results.getByRole("link", { name: "Acceptable use of IT" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Tag" })).toHaveValue("hr policy");
  await expectAccessible(page);
  const leave = results.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Annual leave policy" }) });
  await leave.getByRole("link", { name: /search only their items/ }).click();
  await page.waitForURL((url) => /^[0-9a-f-]{36}$/.test(url.searchParams.get("author") ?? ""));
  await expect(page.getByRole("list", { name: "Filters in use" })).toContainText("Written by");

  // A tag's page, reached from an item's tags.
  await page.goto("/search?q=winter");
  await results.getByRole("link", { name: "Winter service goes live on 1 November" }).click();
  await page.waitForURL((url) => /^\/content\/[0-9a-f-]{36}$/.test(url.pathname));
  await page.getByRole("region", { name: "Tags" }).getByRole("link", { name: "winter service" }).click();
  await page.waitForURL((url) => url.pathname === "/tags/winter%20service");
  await expect(page.getByRole("heading", { level: 1, name: "Tagged “winter service”" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Winter service goes live on 1 November" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Priority gritting routes 2026/27" })).toBeVisible();
  await expectAccessible(page);
  // A tag on nothing one may view (only on the secret group's own item) reads like one that does not exist.
  await page.goto("/tags/options%20appraisal");
  await expect(page.getByText("Nothing you can view has this tag.")).toBeVisible();
  await page.goto("/tags/no-such-tag-anywhere");
  await expect(page.getByText("Nothing you can view has this tag.")).toBeVisible();
});

test("E4: external people have no search box, and /search answers 403", async ({ page }) => {
  await signIn(page, EXTERNAL);
  await page.waitForURL((url) => url.pathname === "/extranet");
  await expect(page.getByRole("search")).toHaveCount(0);
  const response = await page.goto("/search?q=care");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Access denied")).toBeVisible();
});
