"use client";
/** K4: an on/off button (favourite, follow): aria-pressed says its state, so its name stays the same. */
import { buttonClass } from "@/components/ui/button";

export function ToggleButton({ label, pressed, busy, onToggle }: { label: string; pressed: boolean; busy: boolean; onToggle: () => void }) {
  return (
    <button type="button" aria-pressed={pressed} aria-busy={busy || undefined} onClick={onToggle} className={`${buttonClass.secondary} gap-2 ${pressed ? "bg-brand-50" : ""}`}>
      <span aria-hidden="true">{pressed ? "✓" : "+"}</span>
      <span>{label}</span>
    </button>
  );
}
