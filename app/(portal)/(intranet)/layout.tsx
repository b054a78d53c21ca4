import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/access/viewer";
import { EXTRANET_HOME } from "@/lib/routes";

/** E1: intranet-only pages. External people go to the extranet home, whatever middleware did. */
export default async function IntranetLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (viewer.audience === "external") redirect(EXTRANET_HOME);
  return children;
}
