import "server-only";
/**
 * C7: the places the events page offers as a filter, and the name of the one chosen, each only
 * as the viewer may see it (C3, C5, G1): their reachable sections (the tops of what they may
 * view, as the sections index lists them, read by the page; a filter includes the
 * sections below) and their own groups. A place they may not see has no name here, so the page
 * says nothing of it, and its events are none (lib/content/events.ts decides them alike).
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { groupMembers, groups, sections } from "@/db/schema";
import { visibleGroups, visibleSections } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { type PlaceFilter, placeValue } from "./event-params";

/** One's own groups are a handful; a select of more would not be read anyway. */
const GROUP_CHOICES_MAX = 200;

export interface PlaceChoice {
  /** "section:<slug>" or "group:<slug>" (./event-params.ts). */
  value: string;
  label: string;
}

export interface PlaceChoices {
  sections: PlaceChoice[];
  groups: PlaceChoice[];
}

/**
 * `reachable`: the viewer's reachable sections as lib/sections/queries.ts#listReachableSections
 * answers them (the caller reads them: the sections' reads sit above the content's).
 */
export async function listPlaceChoices(viewer: AccessSubject, reachable: readonly { slug: string; title: string }[]): Promise<PlaceChoices> {
  const db = await getDb();
  const own = await db
    .select({ slug: groups.slug, name: groups.name })
    .from(groups)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.personId, viewer.id)))
    .where(visibleGroups(viewer))
    .orderBy(asc(groups.name), asc(groups.id))
    .limit(GROUP_CHOICES_MAX);
  return {
    sections: reachable.map((s) => ({ value: placeValue({ kind: "section", slug: s.slug }), label: s.title })),
    groups: own.map((g) => ({ value: placeValue({ kind: "group", slug: g.slug }), label: g.name })),
  };
}

/** The chosen place's name when the viewer may see the place (a section they may view, a group shown to them), else null. */
export async function placeName(viewer: AccessSubject, place: PlaceFilter): Promise<string | null> {
  const db = await getDb();
  if (place.kind === "section") {
    const [row] = await db.select({ name: sections.title }).from(sections).where(and(eq(sections.slug, place.slug), visibleSections(viewer))).limit(1);
    return row?.name ?? null;
  }
  const [row] = await db.select({ name: groups.name }).from(groups).where(and(eq(groups.slug, place.slug), visibleGroups(viewer))).limit(1);
  return row?.name ?? null;
}

/** Kept for the select: the choice made, when it is a place the viewer may see but not among the offered ones (a section below a reachable one). */
export function withChosen(choices: PlaceChoices, place: PlaceFilter | null, name: string | null): PlaceChoices {
  if (!place || name === null) return choices;
  const value = placeValue(place);
  const list = place.kind === "section" ? choices.sections : choices.groups;
  if (list.some((c) => c.value === value)) return choices;
  const added = [{ value, label: name }, ...list];
  return place.kind === "section" ? { ...choices, sections: added } : { ...choices, groups: added };
}

