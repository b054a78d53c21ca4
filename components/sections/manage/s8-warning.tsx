"use client";
import type { ComponentPropsWithRef, ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { S8_ACKNOWLEDGEMENT } from "@/lib/sections/schemas";

/** S8: says who is external and asks for the acknowledgement before external people are given access. */
export function S8Warning({ summary, error, ...checkbox }: { summary: ReactNode; error?: string } & Omit<ComponentPropsWithRef<"input">, "type">) {
  return (
    <div className="border-l-4 border-amber-500 bg-amber-50 p-4">
      <p className="font-semibold">{summary}</p>
      <div className="mt-3">
        <Checkbox label={S8_ACKNOWLEDGEMENT} error={error} {...checkbox} />
      </div>
    </div>
  );
}
