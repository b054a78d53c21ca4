import "server-only";
/**
 * Authentication settings (M4, M6), set by webmasters: one JSON value in `settings`
 * under "authentication". Read on every sign-in and by imports and profile edits (a
 * duplicate mobile number is refused only while mobile codes are enabled, M6).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { settings } from "@/db/schema";

export const authenticationSettingsSchema = z.object({
  /** Shown on every alert of the sign-in screens (M4); empty = no link. */
  itSupportUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/, message: "Enter a web address starting with https:// or http://" })]).default(""),
  /** Who must set up two-factor sign-in with an authenticator app (M4). */
  requireTwoFactor: z.enum(["nobody", "webmasters", "everyone"]).default("nobody"),
  /** One-time codes sent to the person's mobile may be used as a second factor (M4, M6). */
  mobileCodes: z.boolean().default(false),
});
export type AuthenticationSettings = z.infer<typeof authenticationSettingsSchema>;

export const AUTHENTICATION_SETTINGS_KEY = "authentication";

/** The current settings; defaults for anything not set (or stored in an older shape). */
export async function getAuthenticationSettings(given?: Db): Promise<AuthenticationSettings> {
  const db = given ?? (await getDb());
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, AUTHENTICATION_SETTINGS_KEY)).limit(1);
  const parsed = authenticationSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : authenticationSettingsSchema.parse({});
}
