import { cache } from "react";
import { requireViewer } from "@/lib/access/viewer";
import { getGroupManagement } from "@/lib/groups/manage-queries";

/**
 * The group being managed, once per request (G5): 404 for whoever may not see it — for a
 * secret group's outsider the same answer as an unknown address (C5) — 403 for those who see it but do not administer it.
 */
export const managedGroup = cache(async (rawSlug: string) => {
  const viewer = await requireViewer();
  return { viewer, lookup: await getGroupManagement(viewer, decodeURIComponent(rawSlug)) };
});
