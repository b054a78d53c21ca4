"use server";
/**
 * Webmaster settings (E5 external user access, apps on or off for everyone, M8 audit retention, D1 analytics retention and Matomo). Each is a
 * defineAction: viewer re-read, input parsed, webmaster checked inside the transaction,
 * the change and the value it replaced recorded in the audit log.
 */
import { revalidatePath } from "next/cache";
import { defineAction, defineReadAction } from "@/lib/actions";
import { measureExternalAccessImpact } from "@/lib/access/impact/group-impact";
import { rolledBack } from "@/lib/access/impact/rollback";
import { previewed, refuseUnlessAsPreviewed } from "@/lib/previewed-impact";
import { writeSetting } from "@/lib/settings/mutations";
import {
  ANALYTICS_RETENTION_KEY,
  APPS_ENABLED_KEY,
  AUDIT_RETENTION_KEY,
  EXTERNAL_ACCESS_KEY,
  MATOMO_KEY,
  analyticsRetentionInput,
  appsEnabledInput,
  auditRetentionInput,
  externalAccessInput,
  externalAccessSwitches,
  matomoBase,
  matomoInput,
} from "@/lib/settings/schemas";

export const setExternalAccessAction = defineAction({
  name: "settings.externalAccess.set",
  input: externalAccessInput,
  authorize: "settings.manage",
  run: async ({ input: { impactFingerprint, ...switches }, tx }) => {
    // B4: as previewed (previewExternalAccessImpact), or refused with the figures to check again.
    if (impactFingerprint !== undefined) refuseUnlessAsPreviewed(await measureExternalAccessImpact(tx, switches), impactFingerprint);
    const before = await writeSetting(tx, EXTERNAL_ACCESS_KEY, switches);
    revalidatePath("/", "layout");
    return { before };
  },
  audit: ({ impactFingerprint: _confirmed, ...after }, result) => ({ target: { type: "setting", id: EXTERNAL_ACCESS_KEY }, details: { before: result.before, after } }),
});

/** B4: what saving the switches like this gives external people, or takes from them, without saving it. */
export const previewExternalAccessImpact = defineReadAction({
  input: externalAccessSwitches,
  authorize: "settings.manage",
  run: async ({ input, db }) => previewed(await rolledBack(db, (tx) => measureExternalAccessImpact(tx, input))),
});

/** An app switched off is absent for everyone at once (the viewer reads the setting on every request). */
export const setAppsEnabledAction = defineAction({
  name: "settings.appsEnabled.set",
  input: appsEnabledInput,
  authorize: "settings.manage",
  run: async ({ input, tx }) => {
    const before = await writeSetting(tx, APPS_ENABLED_KEY, input);
    revalidatePath("/", "layout");
    return { before };
  },
  audit: (input, result) => ({ target: { type: "setting", id: APPS_ENABLED_KEY }, details: { before: result.before, after: input } }),
});

export const setAuditRetentionAction = defineAction({
  name: "settings.auditRetention.set",
  input: auditRetentionInput,
  authorize: "settings.manage",
  run: async ({ input, tx }) => {
    const days = input.days === "" ? null : Number(input.days);
    const before = await writeSetting(tx, AUDIT_RETENTION_KEY, { days });
    revalidatePath("/admin/audit");
    return { before, days };
  },
  audit: (_input, result) => ({ target: { type: "setting", id: AUDIT_RETENTION_KEY }, details: { before: result.before, after: { days: result.days } } }),
});

/** D1: how long the analytics' day figures are kept; the rollup (lib/analytics/rollup.ts) deletes older ones on its next run. */
export const setAnalyticsRetentionAction = defineAction({
  name: "settings.analyticsRetention.set",
  input: analyticsRetentionInput,
  authorize: "settings.manage",
  run: async ({ input, tx }) => {
    const months = Number(input.months);
    const before = await writeSetting(tx, ANALYTICS_RETENTION_KEY, { months });
    revalidatePath("/analytics");
    return { before, months };
  },
  audit: (_input, result) => ({ target: { type: "setting", id: ANALYTICS_RETENTION_KEY }, details: { before: result.before, after: { months: result.months } } }),
});

/** D1: send page views to the organisation's Matomo too, or stop (both fields empty); lib/analytics/matomo.ts sends them. */
export const setMatomoAction = defineAction({
  name: "settings.matomo.set",
  input: matomoInput,
  authorize: "settings.manage",
  run: async ({ input, tx }) => {
    const after = input.url === "" ? { url: null, siteId: null } : { url: matomoBase(input.url), siteId: Number(input.siteId) };
    const before = await writeSetting(tx, MATOMO_KEY, after);
    revalidatePath("/analytics");
    return { before, after };
  },
  audit: (_input, result) => ({ target: { type: "setting", id: MATOMO_KEY }, details: { before: result.before, after: result.after } }),
});
