import { XSS_PAYLOADS } from "../lib/content/testing/xss-payloads";
import { anotherBrowser, expect, expectAccessible, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { commentBy, commentsRegion, openItem, signedIn, slow } from "./comment-pages";
import { scenarioFor } from "./scenarios";
import { expectNothingRan, replayAction, watch } from "./tripwire";

/**
 * Comments through the real pages (K1 K3 E3 C4), desktop and phone, with axe on each page.
 * Desktop and phone run at once on one database, so each has its own item and people
 * (demo data: lib/org-file/demo-org.json); e2e/moderation.spec.ts uses other items.
 */
const SCENARIOS = {
  desktop: {
    section: "riverside-care",
    item: "Riverside Care welcomes twelve new home-care workers",
    external: { email: "erin.cole@riverside-care.example", name: "Erin Cole" },
    staff: { email: "kwame.asante@northmoor.example", name: "Kwame Asante" },
  },
  phone: {
    section: "volunteers",
    item: "Thank you: 4,000 volunteer hours this summer",
    external: { email: "margaret.hughes@volunteers.example", name: "Margaret Hughes" },
    staff: { email: "sam.mensah@northmoor.example", name: "Sam Mensah" },
  },
} as const;

const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);

test("K1 E3 an external person comments, edits, deletes, replies and reports; the listing counts the comments (C4)", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const s = scenario(testInfo.project.name);
  const tag = `${testInfo.project.name} ${Date.now().toString(36)}`;

  // Someone else has written first.
  const staffContext = await anotherBrowser(browser, testInfo);
  const staff = await staffContext.newPage();
  await signedIn(staff, s.staff.email);
  await openItem(staff, s.section, s.item);
  await commentsRegion(staff).getByLabel("Your comment").fill(`Staff note ${tag}`);
  await commentsRegion(staff).getByRole("button", { name: "Post comment" }).click();
  await expect(commentBy(staff, s.staff.name, `Staff note ${tag}`)).toBeVisible(slow);

  // K1 E3: the external person comments, plain text with a link.
  await signedIn(page, s.external.email);
  await openItem(page, s.section, s.item);
  const region = commentsRegion(page);
  await expect(region.getByRole("heading", { level: 2, name: /^Comments \(\d+\)$/ })).toBeVisible();
  await expectAccessible(page);
  // Q3: empty is refused with a message beside the box.
  await region.getByRole("button", { name: "Post comment" }).click();
  await expect(fieldError(region, "Write your comment first.")).toBeVisible();
  await region.getByLabel("Your comment").fill(`First thoughts ${tag}: see https://example.org/training.`);
  await region.getByRole("button", { name: "Post comment" }).click();
  const mine = commentBy(page, s.external.name, `First thoughts ${tag}`);
  await expect(mine).toBeVisible(slow);
  await expect(region.getByRole("status").filter({ hasText: "Your comment is posted." })).toBeVisible();
  await expect(mine.getByRole("link", { name: "https://example.org/training" })).toHaveAttribute("rel", "nofollow ugc noopener");
  await expectAccessible(page);

  // K2: edit one's own: marked edited.
  await mine.getByRole("button", { name: "Edit your comment" }).click();
  const editBox = mine.getByLabel("Your comment");
  await editBox.fill(`Second thoughts ${tag}`);
  await expectAccessible(page);
  await mine.getByRole("button", { name: "Save changes" }).click();
  const edited = commentBy(page, s.external.name, `Second thoughts ${tag}`);
  await expect(edited).toBeVisible(slow);
  await expect(edited.getByText("edited")).toBeVisible();

  // K2: delete one's own (no replies: it goes), after a confirmation.
  await edited.getByRole("button", { name: "Delete your comment" }).click();
  await expect(page.getByRole("dialog", { name: "Delete your comment?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("dialog").getByRole("button", { name: "Delete comment" }).click();
  await expect(commentBy(page, s.external.name, `Second thoughts ${tag}`)).toHaveCount(0, slow);

  // K1: reply to the staff comment (one level).
  const theirs = commentBy(page, s.staff.name, `Staff note ${tag}`);
  await theirs.getByRole("button", { name: `Reply to the comment by ${s.staff.name}` }).click();
  await theirs.getByLabel(`Your reply to ${s.staff.name}`).fill(`A reply ${tag}`);
  await theirs.getByRole("button", { name: "Post reply" }).click();
  const replies = region.getByRole("list", { name: `Replies to ${s.staff.name}` });
  await expect(replies.getByRole("article", { name: `Comment by ${s.external.name}` }).filter({ hasText: `A reply ${tag}` })).toBeVisible(slow);
  // Replies take no replies.
  await expect(replies.getByRole("button", { name: /^Reply/ })).toHaveCount(0);

  // K3: report the staff comment: a reason is required.
  await commentBy(page, s.staff.name, `Staff note ${tag}`).getByRole("button", { name: `Report the comment by ${s.staff.name}` }).click();
  const dialog = page.getByRole("dialog", { name: "Report this comment" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(fieldError(dialog, "Say why you are reporting this comment.")).toBeVisible();
  await expectAccessible(page);
  await dialog.getByLabel("Why are you reporting it?").fill(`Not relevant ${tag}`);
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Thank you: the moderators will look at this comment.")).toBeVisible(slow);
  // Nobody reports their own comment.
  await expect(commentBy(page, s.external.name, `A reply ${tag}`).getByRole("button", { name: /^Report/ })).toHaveCount(0);

  // Newest or oldest first: the order is in the address.
  await region.getByRole("link", { name: "Oldest first" }).click();
  await expect(page).toHaveURL(/comments=oldest/);
  await expect(commentsRegion(page).getByRole("link", { name: "Oldest first" })).toHaveAttribute("aria-current", "true");

  // C4: the section's listing shows the item's count.
  await page.goto(`/sections/${s.section}`);
  const listed = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: s.item }) });
  await expect(listed.getByText(/\d+ comments?$/)).toBeVisible();
  await expectAccessible(page);

  // Tidy: the staff member deletes their note; it keeps its place as deleted under the reply.
  await staff.reload();
  await commentBy(staff, s.staff.name, `Staff note ${tag}`).getByRole("button", { name: "Delete your comment" }).click();
  await staff.getByRole("dialog").getByRole("button", { name: "Delete comment" }).click();
  await expect(commentsRegion(staff).getByText("This comment was deleted.").first()).toBeVisible(slow);
  await staffContext.close();
});

// ---------------------------------------------------------------------------------------
// XSS: the corpus through comments (C6's tripwire, e2e/tripwire.ts, on plain text).
// ---------------------------------------------------------------------------------------

test.describe("XSS through comments", () => {
  // The comment renderer alone, as if the Content-Security-Policy were missing.
  test.use({ bypassCSP: true });

  test("K1 C6 50+ XSS payloads written as comments run nothing and make no markup", async ({ page }, testInfo) => {
    test.skip(!testInfo.project.name.startsWith("desktop"), "one run is enough: the renderer is the same on a phone");
    test.setTimeout(300_000);
    const wire = watch(page);
    await signedIn(page, SCENARIOS.desktop.external.email);
    await openItem(page, "riverside-referrals", "How to make a referral");
    const itemUrl = page.url();
    const region = commentsRegion(page);
    await region.getByLabel("Your comment").fill("XSS corpus placeholder");
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
      region.getByRole("button", { name: "Post comment" }).click(),
    ]);
    // The form's own arguments (what the comment is on: K1's comment target), with a new id and body each time.
    const [first] = JSON.parse(request.postData() ?? "[]") as Record<string, unknown>[];
    let saved = 1;
    for (const payload of XSS_PAYLOADS) {
      const answer = await replayAction(page, request, [{ ...first, id: crypto.randomUUID(), body: `${payload.name}: ${payload.html}` }]);
      // Q3: a payload with a NUL or another control character is refused with a message, nothing written.
      if (answer.includes('"ok":true')) saved++;
      else expect(answer, payload.name).toContain("control characters");
    }
    expect(saved).toBeGreaterThan(45);
    // Oldest first, page by page: every payload is shown, as text.
    let next: string | null = `${itemUrl}?comments=oldest`;
    let seen = 0;
    // The tripwire judges the pages that show the payloads: what happened while signing in
    // and posting the placeholder (pages no payload had reached) is not theirs to answer for.
    wire.errors.length = 0;
    while (next) {
      await page.goto(next);
      const bodies = commentsRegion(page).getByRole("article");
      seen += await bodies.count();
      const markup = await commentsRegion(page)
        .locator("article p")
        .evaluateAll((nodes) =>
          nodes.flatMap((p) =>
            Array.from(p.querySelectorAll("*")).flatMap((el) => {
              const problems: string[] = [];
              if (!["A", "SPAN", "TIME"].includes(el.tagName)) problems.push(`<${el.tagName.toLowerCase()}>`);
              for (const attr of Array.from(el.attributes)) if (!["href", "rel", "class", "datetime"].includes(attr.name)) problems.push(`${attr.name} on <${el.tagName.toLowerCase()}>`);
              if (el instanceof HTMLAnchorElement && !["http:", "https:"].includes(el.protocol)) problems.push(`link to ${el.protocol}`);
              return problems;
            }),
          ),
        );
      expect(markup).toEqual([]);
      await expectNothingRan(page, wire, `comments page ${new URL(page.url()).search}`);
      const more = commentsRegion(page).getByRole("navigation", { name: "More comments" }).getByRole("link", { name: "Later comments →" });
      next = (await more.count()) ? new URL((await more.getAttribute("href"))!, itemUrl).href : null;
    }
    expect(seen).toBeGreaterThanOrEqual(saved);
  });
});
