import "server-only";
/**
 * M7 on the server paths: the same allowlist middleware applies, checked again where
 * pages, actions and route handlers read the viewer (lib/access/viewer.ts, lib/actions.ts,
 * the route handlers), so a request that never went through middleware is refused too.
 * Refusals are recorded in the audit log (M8), at most once a minute per address.
 */
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/mutations";
import { safeErrorSummary } from "@/lib/errors";
import { type AddressConfig, isAddressAllowed, readAddressConfig, resolveClientAddress } from "./ip";

let cached: { key: string; config: AddressConfig } | null = null;

/** The operator's configuration, read from the environment (validated at start-up). */
export function addressConfig(env: Record<string, string | undefined> = process.env): AddressConfig {
  const key = `${env.PORTICO_IP_ALLOWLIST ?? ""}\n${env.PORTICO_TRUSTED_PROXIES ?? ""}\n${env.PORTICO_PEER_STAMP ?? ""}`;
  if (cached?.key === key) return cached.config;
  const result = readAddressConfig(env);
  // Start-up refuses a bad value (instrumentation.ts); should one appear later, fail closed.
  const config: AddressConfig = result.ok ? result.config : { allowlist: [], trustedProxies: [], peerStamped: false };
  cached = { key, config };
  return config;
}

async function requestHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch {
    return null; // outside a request (tests, scripts, the worker)
  }
}

/** The client's address for the request being served, or null (unknown, or no request). */
export async function requestClientAddress(): Promise<string | null> {
  const h = await requestHeaders();
  return h ? resolveClientAddress(h, addressConfig()) : null;
}

const lastRecorded = new Map<string, number>();
const RECORD_EVERY_MS = 60_000;

/** M8: one audit row per refused address per minute, so a flood cannot flood the log. */
export async function recordAllowlistRefusal(address: string | null, path: string | null, now = Date.now()): Promise<void> {
  const key = address ?? "unknown";
  if (now - (lastRecorded.get(key) ?? 0) < RECORD_EVERY_MS) return;
  lastRecorded.set(key, now);
  if (lastRecorded.size > 10_000) lastRecorded.clear();
  try {
    await recordAudit(await getDb(), { actor: null, action: "security.ip-allowlist.refused", address, details: { path } });
  } catch (error) {
    console.error(`ip allowlist: could not record a refusal: ${safeErrorSummary(error)}`);
  }
}

/**
 * True when this request may be served. Outside a request (tests, scripts) there is no
 * address to check and nothing is refused.
 */
export async function requestAllowed(): Promise<boolean> {
  const config = addressConfig();
  if (!config.allowlist) return true;
  const h = await requestHeaders();
  if (!h) return true;
  const address = resolveClientAddress(h, config);
  if (isAddressAllowed(address, config)) return true;
  await recordAllowlistRefusal(address, h.get("x-invoke-path") ?? h.get("next-url") ?? null);
  return false;
}

/** For pages, layouts and route handlers: answers 403 (app/forbidden.tsx) to an address not on the list. */
export async function enforceAllowlist(): Promise<void> {
  if (!(await requestAllowed())) forbidden();
}
