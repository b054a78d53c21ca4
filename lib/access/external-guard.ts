import "server-only";
/** E5's route guard for app pages (see ./external-access.ts for the rule and how apps use it). */
import { notFound } from "next/navigation";
import type { ExternalApp } from "@/lib/settings/schemas";
import { externalMayUse } from "./external-access";
import type { Viewer } from "./types";
import { requireViewer } from "./viewer";

/**
 * The signed-in viewer, or 404 when `app` is off for them (E5) or for everyone: an app
 * someone may not use is absent, as a page that does not exist, never a half page.
 */
export async function requireExternalApp(app: ExternalApp): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!(await externalMayUse(viewer, app))) notFound();
  return viewer;
}
