import type { Page } from "@playwright/test";
import { expect, hydrated, signIn } from "./fixtures";

/** What the comment specs (comments, moderation) do on the real pages. */
export const slow = { timeout: 30_000 }; // many pages on a shared two-core machine

export async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), slow);
}

/** Opens an item from its section's listing, as a reader would. */
export async function openItem(page: Page, section: string, title: string) {
  await page.goto(`/sections/${section}`);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible(slow);
  await hydrated(page);
}

export const commentsRegion = (page: Page) => page.getByRole("region", { name: /^Comments/ });
export const commentBy = (page: Page, name: string, text: string) =>
  commentsRegion(page).getByRole("article", { name: `Comment by ${name}` }).filter({ hasText: text });
