import "server-only";
/**
 * SSO over OpenID Connect (M5): configured by environment. Filled in by step 5.
 */
import type { NextAuthConfig } from "next-auth";

export function ssoProviders(): NextAuthConfig["providers"] {
  return [];
}

export function ssoCallbacks(): Partial<NonNullable<NextAuthConfig["callbacks"]>> {
  return {};
}
