import { headers } from "next/headers";
import { addressConfig, recordAllowlistRefusal } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST, isAddressAllowed, resolveClientAddress } from "@/lib/security/ip";

export const dynamic = "force-dynamic";

/**
 * M7: where middleware sends a request from an address not on PORTICO_IP_ALLOWLIST
 * (a rewrite, so the address bar is unchanged): records it (M8) and answers 403 with no
 * page content. Asked for directly from an allowed address, there is nothing here.
 */
async function refused(): Promise<Response> {
  const h = await headers();
  const config = addressConfig();
  const address = resolveClientAddress(h, config);
  if (isAddressAllowed(address, config)) return new Response("Not found", { status: 404 });
  await recordAllowlistRefusal(address, h.get("x-portico-refused-path"));
  return new Response(REFUSED_BY_ALLOWLIST, { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export { refused as GET, refused as POST, refused as PUT, refused as PATCH, refused as DELETE, refused as OPTIONS };
