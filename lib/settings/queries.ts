import "server-only";
/** Reading webmaster settings (one JSON value per key); anything unset or malformed reads as its defaults. */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { settings } from "@/db/schema";
import { AUDIT_RETENTION_KEY, type AuditRetention, EXTERNAL_ACCESS_KEY, type ExternalAccess, auditRetentionSchema, externalAccessSchema } from "./schemas";

async function readSetting<S extends z.ZodType>(key: string, schema: S, given?: Db): Promise<z.output<S>> {
  const db = given ?? (await getDb());
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  const parsed = schema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}

export function getExternalAccess(db?: Db): Promise<ExternalAccess> {
  return readSetting(EXTERNAL_ACCESS_KEY, externalAccessSchema, db);
}

export function getAuditRetention(db?: Db): Promise<AuditRetention> {
  return readSetting(AUDIT_RETENTION_KEY, auditRetentionSchema, db);
}
