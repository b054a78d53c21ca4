import type { Locator, Page } from "@playwright/test";

/**
 * A field's error as the form layer shows it (components/ui/action-form.tsx, Q1 Q3): beside
 * its field, announced as "Error: …", and again in the error summary at the top of the form,
 * as a link to the field (GOV.UK's pattern). The words are on screen twice, so a test says
 * which it means: `fieldError` the one beside the field, `summaryLink` the summary's link.
 */
export function fieldError(scope: Page | Locator, message: string | RegExp): Locator {
  return scope.getByText(typeof message === "string" ? `Error: ${message}` : new RegExp(`Error: (?:${message.source.replace(/^\^/, "")})`, message.flags));
}

/** The error summary of the form in `scope` (fixtures' formError, within a dialog or a region). */
export function errorSummary(scope: Page | Locator): Locator {
  return scope.getByRole("alert").filter({ hasText: "There is a problem" });
}

/** The error summary's link to a field with this error (following it focuses the field). */
export function summaryLink(scope: Page | Locator, message: string | RegExp): Locator {
  return errorSummary(scope).getByRole("link", { name: message });
}
