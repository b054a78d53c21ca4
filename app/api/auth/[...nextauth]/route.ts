import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";

// M7: Auth.js's endpoints read no viewer, so they check the allowlist themselves.
const refused = () => new Response(REFUSED_BY_ALLOWLIST, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(request: NextRequest) {
  return (await requestAllowed()) ? handlers.GET(request) : refused();
}

export async function POST(request: NextRequest) {
  return (await requestAllowed()) ? handlers.POST(request) : refused();
}
