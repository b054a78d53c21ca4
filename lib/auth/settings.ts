import "server-only";
/**
 * Authentication settings (M4, M6), set by webmasters: one JSON value in `settings`
 * under "authentication". Read on every sign-in and by imports and profile edits (a
 * duplicate mobile number is refused only while mobile codes are enabled, M6).
 */
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { settings } from "@/db/schema";
import { type AuthenticationSettings, authenticationSettingsSchema } from "./schemas";

export { authenticationSettingsSchema, type AuthenticationSettings };


export const AUTHENTICATION_SETTINGS_KEY = "authentication";

/** The current settings; defaults for anything not set (or stored in an older shape). */
export async function getAuthenticationSettings(given?: Db): Promise<AuthenticationSettings> {
  const db = given ?? (await getDb());
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, AUTHENTICATION_SETTINGS_KEY)).limit(1);
  const parsed = authenticationSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : authenticationSettingsSchema.parse({});
}
