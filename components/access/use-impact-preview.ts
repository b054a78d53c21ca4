"use client";
/**
 * B4: the impact preview a form shows before a section access change is saved: fetched
 * whenever the change chosen changes (`key`; null while nothing is chosen), and again after a
 * save finds the effect changed (`refresh`). The fingerprint goes back with the save, which
 * then goes ahead only while the effect is still this one (lib/sections/impact.ts).
 */
import { useEffect, useState } from "react";
import type { AccessImpact } from "@/lib/access/impact/impact";
import { type ActionResult, problemOf } from "@/lib/action-result";

export interface ImpactPreview {
  impact: AccessImpact;
  fingerprint: string;
}

export function useImpactPreview(key: string | null, fetchPreview: () => Promise<ActionResult<ImpactPreview>>) {
  const [preview, setPreview] = useState<ImpactPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    setPreview(null);
    setProblem(null);
    if (key === null) return;
    let live = true;
    void fetchPreview().then((r) => {
      if (!live) return;
      if (r.ok) setPreview(r.data);
      else setProblem(problemOf(r));
    });
    return () => {
      live = false;
    };
    // The change is `key`; fetchPreview is a new function on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  return { preview, problem, refresh: () => setRound((n) => n + 1) };
}
