import "server-only";
/** Reading webmaster settings (one JSON value per key); anything unset or malformed reads as its defaults. */
import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { settings } from "@/db/schema";
import {
  APPS_ENABLED_KEY,
  ANALYTICS_RETENTION_KEY,
  AUDIT_RETENTION_KEY,
  MATOMO_KEY,
  type MatomoSetting,
  type AnalyticsRetention,
  type AppsEnabled,
  type AuditRetention,
  EXTERNAL_ACCESS_KEY,
  type ExternalAccess,
  appsEnabledSchema,
  analyticsRetentionSchema,
  auditRetentionSchema,
  externalAccessSchema,
  matomoSchema,
} from "./schemas";

async function readSetting<S extends z.ZodType>(key: string, schema: S, given?: Db): Promise<z.output<S>> {
  const db = given ?? (await getDb());
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  const parsed = schema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}

export function getExternalAccess(db?: Db): Promise<ExternalAccess> {
  return readSetting(EXTERNAL_ACCESS_KEY, externalAccessSchema, db);
}

export function getAppsEnabled(db?: Db): Promise<AppsEnabled> {
  return readSetting(APPS_ENABLED_KEY, appsEnabledSchema, db);
}

/** Both settings that decide who may use an app (E5 switches, apps on for everyone), in one read. */
export async function getAppAccessSettings(given?: Db): Promise<{ externalAccess: ExternalAccess; appsEnabled: AppsEnabled }> {
  const db = given ?? (await getDb());
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [EXTERNAL_ACCESS_KEY, APPS_ENABLED_KEY]));
  return appAccessFromValues(rows.find((r) => r.key === EXTERNAL_ACCESS_KEY)?.value, rows.find((r) => r.key === APPS_ENABLED_KEY)?.value);
}

/** The two settings from their stored values (anything unset or malformed reads as its defaults). */
export function appAccessFromValues(externalValue: unknown, enabledValue: unknown): { externalAccess: ExternalAccess; appsEnabled: AppsEnabled } {
  const external = externalAccessSchema.safeParse(externalValue ?? {});
  const enabled = appsEnabledSchema.safeParse(enabledValue ?? {});
  return {
    externalAccess: external.success ? external.data : externalAccessSchema.parse({}),
    appsEnabled: enabled.success ? enabled.data : appsEnabledSchema.parse({}),
  };
}

export function getAuditRetention(db?: Db): Promise<AuditRetention> {
  return readSetting(AUDIT_RETENTION_KEY, auditRetentionSchema, db);
}

export function getAnalyticsRetention(db?: Db): Promise<AnalyticsRetention> {
  return readSetting(ANALYTICS_RETENTION_KEY, analyticsRetentionSchema, db);
}

/** D1: where page views are sent too, if anywhere. */
export function getMatomo(db?: Db): Promise<MatomoSetting> {
  return readSetting(MATOMO_KEY, matomoSchema, db);
}
