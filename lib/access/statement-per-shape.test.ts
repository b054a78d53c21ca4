/**
 * P4 (performance) without a change of rule: a statement built once per viewer shape
 * (./statement-per-shape.ts) and filled with a viewer's values is, for every shape, the very
 * text and values that building it for that viewer gives. This is what makes the cache safe:
 * were any predicate to read the viewer's id or grant roots in JavaScript (to branch, compare
 * or format them) instead of putting them into SQL, the two would differ here.
 */
import { randomUUID } from "node:crypto";
import { fillPlaceholders, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import * as schema from "@/db/schema";
import { contentItemQuery } from "@/lib/content/item";
import { groupPageQuery } from "@/lib/groups/queries";
import { sectionQuery } from "@/lib/sections/queries";
import { type SubjectShape, placeholderSubject, shapeOf, subjectValues } from "./statement-per-shape";
import type { AccessSubject } from "./types";

const db = drizzle.mock({ schema }) as unknown as Db;
const ITEM = randomUUID();

/** A value of the statement's own: the placeholder `name` in the template, `value` for a viewer. */
type Value = <T>(name: string, value: T) => T;
const asPlaceholder: Value = (name) => sql.placeholder(name) as never;
const asItself: Value = (_name, value) => value;

/** Every statement built once per shape, with the values of its own it is executed with. */
const statements: Record<string, { build: (subject: AccessSubject, value: Value) => { toSQL(): { sql: string; params: unknown[] } }; values: Record<string, unknown> }> = {
  "group page (G1 G3 G6)": { build: (subject, value) => groupPageQuery(db, subject, value("slug", "team-news")), values: { slug: "team-news" } },
  "section page (S4-S7 C3)": { build: (subject, value) => sectionQuery(db, subject, value("slug", "policies")), values: { slug: "policies" } },
  "section page with its listing (S4-S7 C3)": {
    build: (subject, value) => sectionQuery(db, subject, value("slug", "policies"), { content: {} }),
    values: { slug: "policies" },
  },
  "item page (C2 C5 G6)": { build: (subject, value) => contentItemQuery(db, subject, value("id", ITEM)), values: { id: ITEM } },
};

const shapes: SubjectShape[] = (["organisational", "external"] as const).flatMap((audience) =>
  [false, true].flatMap((isWebmaster) => [false, true].map((hasGrantRoots) => ({ audience, isWebmaster, hasGrantRoots }))),
);

function viewersOf(shape: SubjectShape): AccessSubject[] {
  const grants = [[], [3], [7, 1, 12]];
  return grants.map((roots) => ({ id: randomUUID(), audience: shape.audience, isWebmaster: shape.isWebmaster, ...(shape.hasGrantRoots ? { grantRoots: roots } : {}) }));
}

describe("statements built once per viewer shape", () => {
  for (const [name, statement] of Object.entries(statements)) {
    it(`${name}: for every shape, the filled statement is what building it for the viewer gives`, () => {
      for (const shape of shapes) {
        const template = statement.build(placeholderSubject(shape), asPlaceholder).toSQL();
        for (const viewer of viewersOf(shape)) {
          expect(shapeOf(viewer)).toEqual(shape);
          const own = statement.build(viewer, asItself).toSQL();
          expect(template.sql, JSON.stringify(shape)).toBe(own.sql);
          expect(fillPlaceholders(template.params, { ...subjectValues(viewer), ...statement.values }), JSON.stringify(viewer)).toEqual(own.params);
        }
      }
    });
  }

  it("B2: a viewer narrowed to some sections has no shape (its statements are built for it alone)", () => {
    expect(shapeOf({ id: randomUUID(), audience: "organisational", isWebmaster: false, withinSections: [4] })).toBeNull();
  });
});
