import { cache } from "react";
import { requireViewer } from "@/lib/access/viewer";
import { found } from "@/lib/page-lookup";
import { getSectionManagement } from "@/lib/sections/queries";

/** The section being managed, once per request; 403 (nothing of it) for anyone who may not manage it. */
export const managedSection = cache(async (rawSlug: string) => {
  const viewer = await requireViewer();
  const section = found(await getSectionManagement(viewer, decodeURIComponent(rawSlug)));
  return { viewer, section };
});
