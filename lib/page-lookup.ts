import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { Lookup } from "./lookup";

/** The looked-up thing, or the 403 page (exists, may not be viewed) or 404 page (unknown or secret), C5. */
export function found<T>(lookup: Lookup<T>): T {
  if (lookup.status === "not-found") notFound();
  if (lookup.status === "forbidden") forbidden();
  return lookup.value;
}
