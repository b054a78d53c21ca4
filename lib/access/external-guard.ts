import "server-only";
/** E5's route guard for app pages (see ./external-access.ts for the rule and how apps use it). */
import { forbidden } from "next/navigation";
import type { ExternalApp } from "@/lib/settings/schemas";
import { externalMayUse } from "./external-access";
import type { Viewer } from "./types";
import { requireViewer } from "./viewer";

/** The signed-in viewer, or 403 (app/forbidden.tsx) when `app` is off for them (E5). */
export async function requireExternalApp(app: ExternalApp): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!(await externalMayUse(viewer, app))) forbidden();
  return viewer;
}
