import { anotherBrowser, expect, expectAccessible, followMainNav, test } from "./fixtures";
import { fieldError } from "./form-errors";
import { commentBy, commentsRegion, openItem, signedIn, slow } from "./comment-pages";
import { scenarioFor } from "./scenarios";

/**
 * Moderation through the real pages (K1 K2 K3 M8), desktop and phone, with axe: a comment
 * is reported, its section's manager hides it from /moderation with a reason and restores
 * it; its author sees the reason, others "Hidden by a moderator" and not one byte of the
 * text; then the manager turns the item's comments off and on. Each project has its own
 * item and people (demo data); e2e/comments.spec.ts uses other items.
 */
const SCENARIOS = {
  desktop: {
    section: "riverside-care",
    item: "Joint training: moving and handling",
    manager: { email: "nadia.ali@northmoor.example", name: "Nadia Ali" },
    external: { email: "olivia.grant@riverside-care.example", name: "Olivia Grant" },
    staff: { email: "kwame.asante@northmoor.example", name: "Kwame Asante" },
  },
  phone: {
    section: "volunteers",
    item: "Meet our volunteers: Margaret",
    manager: { email: "lucy.hart@northmoor.example", name: "Lucy Hart" },
    external: { email: "peter.lang@volunteers.example", name: "Peter Lang" },
    staff: { email: "sam.mensah@northmoor.example", name: "Sam Mensah" },
  },
} as const;

const scenario = (projectName: string) => scenarioFor(SCENARIOS, projectName);

test("K2 K3 M8 a section manager hides a reported comment with a reason from /moderation and restores it; K1 turns comments off and on", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const s = scenario(testInfo.project.name);
  const tag = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const text = `Careless remark ${tag}`;

  // The staff member writes; the external person reports it.
  const staffContext = await anotherBrowser(browser, testInfo);
  const staff = await staffContext.newPage();
  await signedIn(staff, s.staff.email);
  await openItem(staff, s.section, s.item);
  await commentsRegion(staff).getByLabel("Your comment").fill(text);
  await commentsRegion(staff).getByRole("button", { name: "Post comment" }).click();
  await expect(commentBy(staff, s.staff.name, text)).toBeVisible(slow);

  const externalContext = await anotherBrowser(browser, testInfo);
  const external = await externalContext.newPage();
  await signedIn(external, s.external.email);
  await openItem(external, s.section, s.item);
  await commentBy(external, s.staff.name, text).getByRole("button", { name: `Report the comment by ${s.staff.name}` }).click();
  await external.getByRole("dialog").getByLabel("Why are you reporting it?").fill(`Unkind ${tag}`);
  await external.getByRole("dialog").getByRole("button", { name: "Send report" }).click();
  await expect(external.getByText("Thank you: the moderators will look at this comment.")).toBeVisible(slow);

  // K3: the manager finds it in the queue, from the header.
  await signedIn(page, s.manager.email);
  await followMainNav(page, "Moderation");
  await expect(page.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible(slow);
  const reported = page.getByRole("article", { name: `Reported comment by ${s.staff.name}` }).filter({ hasText: text });
  await expect(reported).toBeVisible();
  await expect(reported.getByText(`Unkind ${tag}`)).toBeVisible();
  await expect(reported.getByRole("link", { name: s.item })).toBeVisible();
  // K3: reporters are never named.
  await expect(reported.getByText(s.external.name)).toHaveCount(0);
  await expectAccessible(page);

  // K2: hiding needs a reason.
  await reported.getByRole("button", { name: `Hide the comment by ${s.staff.name}` }).click();
  const dialog = page.getByRole("dialog", { name: "Hide this comment" });
  await dialog.getByRole("button", { name: "Hide comment" }).click();
  await expect(fieldError(dialog, /Give the reason for hiding this comment/)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByLabel("Reason for hiding it").fill(`Personal remarks ${tag}`);
  await dialog.getByRole("button", { name: "Hide comment" }).click();
  const hidden = page.getByRole("article", { name: `Hidden comment by ${s.staff.name}` }).filter({ hasText: text });
  await expect(hidden).toBeVisible(slow);
  await expect(page.getByRole("article", { name: `Reported comment by ${s.staff.name}` }).filter({ hasText: text })).toHaveCount(0);
  await expectAccessible(page);

  // Others see "Hidden by a moderator", and not one byte of the text or the reason.
  await external.reload();
  const seen = commentsRegion(external).getByRole("article", { name: `Comment by ${s.staff.name}` }).filter({ hasText: "Hidden by a moderator." });
  await expect(seen.first()).toBeVisible(slow);
  const html = await external.content();
  expect(html).not.toContain(text);
  expect(html).not.toContain(`Personal remarks ${tag}`);
  await expectAccessible(external);
  // Its author sees the reason (and their text), and not who reported it.
  await staff.reload();
  const own = commentBy(staff, s.staff.name, text);
  await expect(own.getByText(`Reason: Personal remarks ${tag}`)).toBeVisible(slow);
  expect(await staff.content()).not.toContain(s.external.name);

  // K2: restore from the queue.
  await hidden.getByRole("button", { name: `Restore the comment by ${s.staff.name}` }).click();
  await expect(page.getByRole("article", { name: `Hidden comment by ${s.staff.name}` }).filter({ hasText: text })).toHaveCount(0, slow);
  await external.reload();
  await expect(commentBy(external, s.staff.name, text)).toBeVisible(slow);

  // K1: the manager turns comments off on the item; the box goes and the server refuses.
  await openItem(page, s.section, s.item);
  await commentsRegion(page).getByRole("button", { name: "Turn comments off" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn comments off" }).click();
  await expect(commentsRegion(page).getByText("Comments are turned off for this item.")).toBeVisible(slow);
  await expectAccessible(page);
  // The external person's page was loaded with comments on: their comment is refused.
  await commentsRegion(external).getByLabel("Your comment").fill(`Too late ${tag}`);
  await commentsRegion(external).getByRole("button", { name: "Post comment" }).click();
  await expect(external.getByRole("alert").filter({ hasText: "Comments are turned off for this item." })).toBeVisible(slow);
  await external.reload();
  await expect(commentsRegion(external).getByText("Comments are turned off for this item.")).toBeVisible(slow);
  await expect(commentsRegion(external).getByLabel("Your comment")).toHaveCount(0);
  await expect(external.getByText(`Too late ${tag}`)).toHaveCount(0);
  await expectAccessible(external);

  // And on again.
  await commentsRegion(page).getByRole("button", { name: "Turn comments on" }).click();
  await expect(commentsRegion(page).getByLabel("Your comment")).toBeVisible(slow);

  // Tidy: the staff member deletes their comment.
  await staff.reload();
  await commentBy(staff, s.staff.name, text).getByRole("button", { name: "Delete your comment" }).click();
  await staff.getByRole("dialog").getByRole("button", { name: "Delete comment" }).click();
  await expect(commentBy(staff, s.staff.name, text)).toHaveCount(0, slow);
  await staffContext.close();
  await externalContext.close();
});
