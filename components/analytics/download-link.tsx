import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/** A view's CSV (GET /api/analytics/export), beside its table: a plain link, so it downloads without scripts. */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mt-2">
      <a href={href} download className={buttonClass.link}>
        {children}
      </a>
    </p>
  );
}
