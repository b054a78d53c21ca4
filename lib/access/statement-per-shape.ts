import "server-only";
/**
 * Statements built once per viewer *shape* instead of once per request. Putting a page's
 * statement together is not free: drizzle walks every predicate to write the text (the group
 * page's is 7-8 kB with 30-odd parameters, 0.75 ms of a 4.6 ms API read). The text depends
 * only on the shape of the person it is for (audience, webmaster, whether their grant roots
 * were read), never on who they are: the predicates only ever put the viewer's id and grant
 * roots into SQL as values, and branch on the rest (as lib/notifications/access.ts relies on
 * too). So a statement is built for a stand-in subject whose id and grant roots are
 * placeholders, prepared, and executed with each viewer's own values.
 *
 * A viewer narrowed to some sections (B2, withinSections) has no shape here: its statements
 * are built per call, as before. statement-per-shape.test.ts proves, for every shape, that the
 * filled statement is the text and values that building it for the viewer gives.
 */
import { sql } from "drizzle-orm";
import { intArrayText } from "@/db/sql";
import type { AccessSubject, Audience } from "./types";

export interface SubjectShape {
  audience: Audience;
  isWebmaster: boolean;
  hasGrantRoots: boolean;
}

/** The viewer's shape, or null when its statements must be built for it alone (B2). */
export function shapeOf(viewer: AccessSubject): SubjectShape | null {
  if (viewer.withinSections) return null;
  return { audience: viewer.audience, isWebmaster: viewer.isWebmaster, hasGrantRoots: viewer.grantRoots !== undefined };
}

/**
 * The stand-in subject of a shape: its id is the placeholder "viewerId", its grant roots (when
 * the shape has them) "grantRoots" (db/sql.ts intArray writes a placeholder as an int[] value).
 */
export function placeholderSubject(shape: SubjectShape): AccessSubject {
  return {
    id: sql.placeholder("viewerId") as unknown as string,
    audience: shape.audience,
    isWebmaster: shape.isWebmaster,
    ...(shape.hasGrantRoots ? { grantRoots: sql.placeholder("grantRoots") as unknown as number[] } : {}),
  };
}

/** The values a shape's statement is executed with for `viewer`. */
export function subjectValues(viewer: AccessSubject): { viewerId: string; grantRoots?: string } {
  return { viewerId: viewer.id, ...(viewer.grantRoots ? { grantRoots: intArrayText(viewer.grantRoots) } : {}) };
}

/** A name for the shape, for a prepared statement's name: "organisational_w_g". */
export function shapeName(shape: SubjectShape): string {
  return `${shape.audience}_${shape.isWebmaster ? "w" : "p"}_${shape.hasGrantRoots ? "g" : "n"}`;
}

/**
 * `build(db, subject)` once per database handle and shape (at most 8 statements for a
 * handle), answered for a viewer; null for a viewer without a shape (build it per call).
 */
export function preparedPerShape<Db extends object, Q>(build: (db: Db, subject: AccessSubject, shape: SubjectShape) => Q): (db: Db, viewer: AccessSubject) => Q | null {
  const built = new WeakMap<Db, Map<string, Q>>();
  return (db, viewer) => {
    const shape = shapeOf(viewer);
    if (!shape) return null;
    let forDb = built.get(db);
    if (!forDb) built.set(db, (forDb = new Map()));
    const key = shapeName(shape);
    let query = forDb.get(key);
    if (!query) forDb.set(key, (query = build(db, placeholderSubject(shape), shape)));
    return query;
  };
}
