/**
 * A whole-number setting from the environment, read the one way every such setting is:
 * unset or blank is the default; anything but a whole number within [1, max] is a message
 * that stops start-up (instrumentation.ts). No imports: middleware reads settings too.
 */
export type WholeNumberReading = { ok: true; value: number } | { ok: false; message: string };

export function readWholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, max: number): WholeNumberReading {
  const raw = env[name]?.trim();
  if (!raw) return { ok: true, value: fallback };
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    return { ok: false, message: `${name} must be a whole number from 1 to ${max}; it is ${JSON.stringify(env[name])}.` };
  }
  return { ok: true, value: Number(raw) };
}
