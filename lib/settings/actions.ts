"use server";
/**
 * Webmaster settings (E5 external user access, apps on or off for everyone, M8 audit retention). Each is a
 * defineAction: viewer re-read, input parsed, webmaster checked inside the transaction,
 * the change and the value it replaced recorded in the audit log.
 */
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions";
import { writeSetting } from "./mutations";
import { APPS_ENABLED_KEY, AUDIT_RETENTION_KEY, EXTERNAL_ACCESS_KEY, appsEnabledInput, auditRetentionInput, externalAccessInput } from "./schemas";

export const setExternalAccessAction = defineAction({
  name: "settings.externalAccess.set",
  input: externalAccessInput,
  authorize: "settings.manage",
  run: async ({ input, tx }) => {
    const before = await writeSetting(tx, EXTERNAL_ACCESS_KEY, input);
    revalidatePath("/", "layout");
    return { before };
  },
  audit: (input, result) => ({ target: { type: "setting", id: EXTERNAL_ACCESS_KEY }, details: { before: result.before, after: input } }),
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
