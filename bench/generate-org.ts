/**
 * Builds a believable organisation file of a given size (ORG-FILE.md shapes), seeded so
 * that the same size gives the same organisation.
 */
import type { OrgFile } from "../lib/org-file/schema";

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateOrg(size: { people: number; teams: number; sections: number; content: number; passwords?: boolean }, seed = 1): OrgFile {
  const rnd = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;

  const teams = Array.from({ length: size.teams }, (_, i) => ({
    key: `team-${i}`,
    name: `Team ${i}`,
    parent: i < 4 ? null : `team-${Math.floor(rnd() * i)}`,
  }));
  const locations = Array.from({ length: 8 }, (_, i) => ({ key: `loc-${i}`, name: `Office ${i}` }));
  const people = Array.from({ length: size.people }, (_, i) => {
    const external = i % 5 === 4;
    const myTeams = [...new Set([pick(teams).key, ...(rnd() < 0.3 ? [pick(teams).key] : [])])];
    return {
      email: `person${i}@${external ? "partner" : "org"}.example`,
      name: `Person ${i}`,
      audience: (external ? "external" : "organisational") as "external" | "organisational",
      ...(i === 0 ? { roles: ["webmaster" as const] } : {}),
      ...(size.passwords === false ? {} : { password: `password-${i}-long` }),
      teams: myTeams,
      ...(rnd() < 0.05 ? { teamAdmin: [myTeams[0]!] } : {}),
      location: pick(locations).key,
      ...(i % 97 === 3 ? { blocked: true } : {}),
    };
  });
  const sections = Array.from({ length: size.sections }, (_, i) => ({
    slug: `section-${i}`,
    title: `Section ${i}`,
    parent: i < 5 ? null : `section-${Math.floor(rnd() * i)}`,
    restricted: rnd() < 0.2,
    members: Array.from({ length: 3 }, () => pick(people).email).filter((e, j, all) => all.indexOf(e) === j),
    teams: rnd() < 0.5 ? [{ team: pick(teams).key, includeChildren: rnd() < 0.5 }] : [],
    roles: [{ person: people[(i * 7) % people.length]!.email, role: pick(["manager", "editor", "author"] as const) }],
  }));
  const types = ["news", "policy", "page", "blog", "event", "poll"] as const;
  const content = Array.from({ length: size.content }, (_, i) => {
    const type = types[i % types.length]!;
    const home = pick(sections).slug;
    const share = rnd() < 0.1 ? pick(sections).slug : null;
    return {
      key: `c${i}`,
      type,
      title: `Item ${i}`,
      body: `<p>Body of item ${i}</p>`,
      section: home,
      ...(share && share !== home ? { sharedInto: [share] } : {}),
      author: pick(people).email,
      status: (rnd() < 0.1 ? "draft" : "published") as "draft" | "published",
      ...(type === "poll" ? { options: ["Yes", "No"] } : {}),
      ...(type === "event" ? { startsAt: "2026-12-01T10:00:00Z", place: "Hall" } : {}),
    };
  });
  return { teams, locations, people, sections, content, groups: [] };
}
