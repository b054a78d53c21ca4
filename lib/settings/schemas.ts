/**
 * Webmaster settings' shapes, shared by the forms (client) and the server. Each is
 * stored as one JSON value in `settings` under its key.
 */
import { z } from "zod";
import { impactFingerprint } from "@/lib/validation/impact";

/** E5: the seven "External user access" switches; all off by default. */
export const EXTERNAL_APPS = ["groups", "ideas", "messageWall", "queries", "users", "teams", "locations"] as const;
export type ExternalApp = (typeof EXTERNAL_APPS)[number];
export const EXTERNAL_ACCESS_KEY = "externalAccess";

export const EXTERNAL_APP_LABELS: Record<ExternalApp, { label: string; hint: string }> = {
  groups: { label: "Groups", hint: "Browse, join public groups and ask to join private ones. External people can never create groups." },
  ideas: { label: "Ideas", hint: "Read, submit and vote on ideas." },
  messageWall: { label: "Message Wall", hint: "Read the wall and post short messages." },
  queries: { label: "Queries", hint: "Ask the organisation questions and read the answers." },
  users: { label: "Users", hint: "The people directory and other people's profiles." },
  teams: { label: "Teams", hint: "The Teams directory and every team's page." },
  locations: { label: "Locations", hint: "The locations directory." },
};

export const externalAccessSchema = z.object({
  groups: z.boolean().default(false),
  ideas: z.boolean().default(false),
  messageWall: z.boolean().default(false),
  queries: z.boolean().default(false),
  users: z.boolean().default(false),
  teams: z.boolean().default(false),
  locations: z.boolean().default(false),
});
export type ExternalAccess = z.infer<typeof externalAccessSchema>;

/** The form's input: every switch given, nothing else. */
export const externalAccessInput = z.strictObject({
  groups: z.boolean(),
  ideas: z.boolean(),
  messageWall: z.boolean(),
  queries: z.boolean(),
  users: z.boolean(),
  teams: z.boolean(),
  locations: z.boolean(),
  /** B4: the fingerprint of what the change does, as previewed (previewExternalAccessImpact). */
  impactFingerprint: impactFingerprint.optional(),
});
/** The switches alone, as stored and as previewed. */
export const externalAccessSwitches = externalAccessInput.omit({ impactFingerprint: true });

/**
 * E5 and the apps' own switch: webmasters turn an app off for everyone (then it is absent
 * for all: no link, no page, no action, no entry in search or feeds). All on by default.
 */
export const SWITCHABLE_APPS = ["ideas", "messageWall", "queries"] as const;
export type SwitchableApp = (typeof SWITCHABLE_APPS)[number];
export const APPS_ENABLED_KEY = "appsEnabled";

export const SWITCHABLE_APP_LABELS: Record<SwitchableApp, { label: string; hint: string }> = {
  ideas: { label: "Ideas", hint: "People submit ideas, vote on them and follow their progress." },
  messageWall: { label: "Message Wall", hint: "Short posts to the whole organisation, with comments and favourites." },
  queries: { label: "Queries", hint: "Questions to the teams that accept them, answered and resolved." },
};

export function isSwitchableApp(app: string): app is SwitchableApp {
  return (SWITCHABLE_APPS as readonly string[]).includes(app);
}

export const appsEnabledSchema = z.object({
  ideas: z.boolean().default(true),
  messageWall: z.boolean().default(true),
  queries: z.boolean().default(true),
});
export type AppsEnabled = z.infer<typeof appsEnabledSchema>;

/** The form's input: every app's switch given, nothing else. */
export const appsEnabledInput = z.strictObject({ ideas: z.boolean(), messageWall: z.boolean(), queries: z.boolean() });

/** M8: how long audit events are kept. */
export const AUDIT_RETENTION_KEY = "auditRetention";

/** D1: how long the analytics' day figures are kept (raw views go after a week regardless). */
export const ANALYTICS_RETENTION_KEY = "analyticsRetention";
export const MIN_ANALYTICS_MONTHS = 1;
export const MAX_ANALYTICS_MONTHS = 120;
export const analyticsRetentionSchema = z.object({ months: z.number().int().min(MIN_ANALYTICS_MONTHS).max(MAX_ANALYTICS_MONTHS).default(25) });
export type AnalyticsRetention = z.infer<typeof analyticsRetentionSchema>;
/** The form's input: a whole number of months as typed. */
export const analyticsRetentionInput = z.object({
  months: z
    .string()
    .trim()
    .regex(/^\d+$/, "Enter a whole number of months, such as 25.")
    .refine((v) => Number(v) >= MIN_ANALYTICS_MONTHS, `Keep figures for at least ${MIN_ANALYTICS_MONTHS} month, so that the last weeks can always be compared.`)
    .refine((v) => Number(v) <= MAX_ANALYTICS_MONTHS, `Enter at most ${MAX_ANALYTICS_MONTHS} months (10 years).`),
});
/**
 * D1: page views sent to the organisation's own Matomo too (off unless both are set). The
 * address is where Matomo answers (its matomo.php below it); https, or http on this machine.
 */
export const MATOMO_KEY = "matomo";
export const matomoSchema = z.object({ url: z.string().nullable().default(null), siteId: z.number().int().positive().nullable().default(null) });
export type MatomoSetting = z.infer<typeof matomoSchema>;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** The form's input: the address and site id as typed; both empty turns sending off. */
export const matomoInput = z
  .object({ url: z.string().trim().max(500, "Enter an address of at most 500 characters."), siteId: z.string().trim() })
  .superRefine((input, ctx) => {
    if (input.url === "" && input.siteId === "") return;
    if (input.url === "") ctx.addIssue({ code: "custom", path: ["url"], message: "Enter your Matomo's address, or clear the site id to stop sending." });
    else {
      const problem = matomoUrlProblem(input.url);
      if (problem) ctx.addIssue({ code: "custom", path: ["url"], message: problem });
    }
    if (input.siteId === "") ctx.addIssue({ code: "custom", path: ["siteId"], message: "Enter the site id Matomo gave this site, such as 3." });
    else if (!/^\d{1,9}$/.test(input.siteId) || Number(input.siteId) < 1) ctx.addIssue({ code: "custom", path: ["siteId"], message: "The site id is a whole number from 1, such as 3." });
  });

function matomoUrlProblem(typed: string): string | null {
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return "Enter the whole address, such as https://matomo.example.org/.";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) return "Use an https address (http only for a Matomo on this machine).";
  if (url.username || url.password) return "Leave the user name and password out of the address.";
  if (url.search || url.hash) return "Leave out anything after ? or #: only Matomo's own address.";
  return null;
}

/** Matomo's base address as stored: the address given, without matomo.php, ending in one slash. */
export function matomoBase(typed: string): string {
  const url = new URL(typed);
  url.pathname = url.pathname.replace(/(matomo|piwik)\.php$/, "").replace(/\/*$/, "/");
  return url.href;
}

export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 36_500;

/** Stored: {days: n} (n ≥ 30), or {days: null} to keep every event. */
export const auditRetentionSchema = z.object({ days: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).nullable().default(null) });
export type AuditRetention = z.infer<typeof auditRetentionSchema>;

/** The form's input: a number of days as typed; empty keeps every event. */
export const auditRetentionInput = z.object({
  days: z
    .string()
    .trim()
    .regex(/^\d*$/, "Enter a whole number of days, such as 365, or leave the box empty to keep every event.")
    .refine((v) => v === "" || Number(v) >= MIN_RETENTION_DAYS, `Keep events for at least ${MIN_RETENTION_DAYS} days, so that recent events can always be looked into.`)
    .refine((v) => v === "" || Number(v) <= MAX_RETENTION_DAYS, `Enter at most ${MAX_RETENTION_DAYS} days (100 years), or leave the box empty to keep every event.`),
});
