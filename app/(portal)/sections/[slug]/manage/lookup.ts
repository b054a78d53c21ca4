import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import { requireViewer } from "@/lib/access/viewer";
import { getSectionManagement } from "@/lib/sections/queries";

/** The section being managed, once per request; 403 (nothing of it) for anyone who may not manage it. */
export const managedSection = cache(async (rawSlug: string) => {
  const viewer = await requireViewer();
  const result = await getSectionManagement(viewer, decodeURIComponent(rawSlug));
  if (result === "not-found") notFound();
  if (result === "forbidden") forbidden();
  return { viewer, section: result };
});
