/**
 * What a read answers for one thing a page shows (C5): the thing, "forbidden" when it
 * exists but the viewer may not see it (403), or "not-found" for unknown ids and for what
 * must not even be admitted to exist, such as secret-group content (404). Pages turn it
 * into a response with `found()` (lib/page-lookup.ts).
 */
export type Lookup<T> = { status: "ok"; value: T } | { status: "forbidden" } | { status: "not-found" };

export const FORBIDDEN = { status: "forbidden" } as const satisfies Lookup<never>;
export const NOT_FOUND = { status: "not-found" } as const satisfies Lookup<never>;

export function ok<T>(value: T): Lookup<T> {
  return { status: "ok", value };
}

/** A page's title for a lookup: the thing's own, or the title of the 403/404 page. */
export function lookupTitle<T>(lookup: Lookup<T>, title: (value: T) => string): string {
  return lookup.status === "ok" ? title(lookup.value) : lookup.status === "forbidden" ? "Access denied" : "Page not found";
}
