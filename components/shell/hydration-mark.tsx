"use client";
/**
 * Marks the document once React has hydrated it (html[data-hydrated]). Browser tests wait
 * for it before typing into a form or pressing a button that needs script: on a slow
 * machine, text typed into a field before React takes it over is lost, and a click on a
 * button that only script handles does nothing.
 */
import { useEffect } from "react";

export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
