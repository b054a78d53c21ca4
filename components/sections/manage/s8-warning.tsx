"use client";
import type { ReactNode } from "react";
import { FormCheckbox } from "@/components/ui/fields";
import { S8_ACKNOWLEDGEMENT } from "@/lib/sections/schemas";

/**
 * S8: says who is external and asks for the acknowledgement before external people are
 * given access: the form's `acknowledgeExternal` box, inside an ActionForm.
 */
export function S8Warning({ summary }: { summary: ReactNode }) {
  return (
    <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
      <p className="font-semibold">{summary}</p>
      <div className="mt-3">
        <FormCheckbox name="acknowledgeExternal" label={S8_ACKNOWLEDGEMENT} />
      </div>
    </div>
  );
}
