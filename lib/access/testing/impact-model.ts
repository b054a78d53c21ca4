import "server-only";
/**
 * B4: what the reference model says a change gives (before → after) or removes (after →
 * before): the people (not blocked, not webmasters: they see nothing, or everything, either
 * way) who can view a section or read a group's content (G1 G3) after who could not before,
 * how many of them are external, which sections and groups, and the published items any of
 * them can view after who could not before. The impact previews are tested against it.
 */
import { expect } from "vitest";
import type { OrgFile } from "@/lib/org-file/schema";
import type { AccessImpact, ImpactSide } from "../impact/impact";
import { referenceModel } from "./reference-model";

export function expectedSide(from: OrgFile, to: OrgFile): Omit<ImpactSide, "sample"> {
  const [a, b] = [referenceModel(from), referenceModel(to)];
  const people = new Set<string>();
  let external = 0;
  const sections = new Set<string>();
  const groups = new Set<string>();
  const items = new Set<string>();
  const readGroups = (m: ReturnType<typeof a.forPerson>, org: OrgFile) => org.groups.map((g) => g.slug).filter((slug) => m.groupPageAnswer(slug) === "full");
  for (const person of from.people) {
    if (person.blocked) continue;
    const [before, after] = [a.forPerson(person.email), b.forPerson(person.email)];
    if (before.isWebmaster) continue;
    const had = new Set(before.visibleSections());
    const gained = after.visibleSections().filter((slug) => !had.has(slug));
    const read = new Set(readGroups(before, from));
    const gainedGroups = readGroups(after, to).filter((slug) => !read.has(slug));
    if (!gained.length && !gainedGroups.length) continue;
    people.add(person.email);
    if (person.audience === "external") external++;
    gained.forEach((slug) => sections.add(slug));
    gainedGroups.forEach((slug) => groups.add(slug));
    const saw = new Set(before.visiblePublishedItems());
    after.visiblePublishedItems().filter((k) => !saw.has(k)).forEach((k) => items.add(k));
  }
  return { people: people.size, externalPeople: external, sections: sections.size, groups: groups.size, items: items.size };
}

/** Checks a preview's two sides against the model's difference between `from` and `to`, and that it names who is counted (up to 50). */
export function expectImpactAsModelled(impact: AccessImpact, from: OrgFile, to: OrgFile, what: string): void {
  const { sample: gives, ...givesCounts } = impact.gives;
  const { sample: removes, ...removesCounts } = impact.removes;
  expect(givesCounts, `gives: ${what}`).toEqual(expectedSide(from, to));
  expect(removesCounts, `removes: ${what}`).toEqual(expectedSide(to, from));
  expect(gives.length, "the names behind the disclosure").toBe(Math.min(givesCounts.people, 50));
  expect(removes.length).toBe(Math.min(removesCounts.people, 50));
}
