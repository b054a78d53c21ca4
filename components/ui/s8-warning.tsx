"use client";
import type { ReactNode } from "react";
import { FormCheckbox } from "@/components/ui/fields";

/**
 * S8: says who is external and asks for the acknowledgement before external people are
 * given access (to a section, a group): the form's `acknowledgeExternal` box, inside an ActionForm.
 */
export function S8Warning({ summary, acknowledgement }: { summary: ReactNode; acknowledgement: string }) {
  return (
    <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
      <p className="font-semibold">{summary}</p>
      <div className="mt-3">
        <FormCheckbox name="acknowledgeExternal" label={acknowledgement} />
      </div>
    </div>
  );
}
