import "server-only";
/**
 * B1: the access explainer against the reference model, for one person of a random
 * organisation (lib/access/model.test.ts calls it for every person). For every section,
 * item, group and group file:
 *   - the verdict equals the model's (C2, S4–S6, G1, G3, G6, G7);
 *   - the paths are exactly the organisation file's own: every listed path is a real
 *     membership, role, team chain, openness or group standing, and none is missing;
 *   - a verdict and its paths never disagree (a refusal lists no path, a view at least one),
 *     and a refusal says what blocks it.
 * The expected paths are enumerated here from the file alone, sharing no code with the
 * explainer or the predicates.
 */
import type { Db } from "@/db/client";
import { explainAccess } from "@/lib/access/explain/explain";
import { personExposure } from "@/lib/access/exposure/person";
import type { AccessPath, Explanation, GroupGrant, SectionGrant } from "@/lib/access/explain/types";
import type { OrgFile } from "@/lib/org-file/schema";
import type { PersonModel, ReferenceModel } from "./reference-model";

/** Asks as a webmaster would, so every name is readable and every path shown. */
const EVERYTHING: { id: string; audience: "organisational"; isWebmaster: true } = {
  id: "00000000-0000-4000-8000-000000000000",
  audience: "organisational",
  isWebmaster: true,
};

export interface ExplainIds {
  sectionId: Map<string, number>;
  contentId: Map<string, string>;
  groupId: Map<string, number>;
  /** By "groupSlug/fileName". */
  fileId: Map<string, string>;
  teamKeyOf: Map<number, string>;
}

export function checkExplanations(ctx: {
  db: Db;
  org: OrgFile;
  model: ReferenceModel;
  m: PersonModel;
  personId: string;
  ids: ExplainIds;
  same: (surface: string, expected: unknown, actual: unknown) => void;
}): Promise<unknown>[] {
  const { db, org, model, m, personId, ids, same } = ctx;
  const me = m.email.toLowerCase();
  const person = org.people.find((p) => p.email.toLowerCase() === me)!;
  const myTeams = [...new Set(person.teams ?? [])];
  const switchOn = org.settings?.externalAccess?.groups === true;
  const slugOf = new Map([...ids.sectionId].map(([slug, id]) => [id, slug]));
  const groupSlugOf = new Map([...ids.groupId].map(([slug, id]) => [id, slug]));
  const teamKey = (id: number) => ids.teamKeyOf.get(id) ?? `?${id}`;
  const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort();

  // ------- The paths, from the organisation file -------
  function expectedSectionPaths(via: string, slug: string): string[] {
    const chain = model.sectionAndAncestors(slug);
    const out: string[] = [];
    if (m.audience === "organisational" && !chain.some((s) => s.restricted)) out.push(`${via}:${slug}:open`);
    for (const s of chain) {
      if ((s.members ?? []).some((e) => e.toLowerCase() === me)) out.push(`${via}:${slug}:member@${s.slug}`);
      for (const r of s.roles ?? []) if (r.person.toLowerCase() === me) out.push(`${via}:${slug}:role:${r.role}@${s.slug}`);
      for (const grant of s.teams ?? []) {
        for (const team of myTeams) {
          const above = model.teamAndAncestors(team).slice(1);
          const k = above.indexOf(grant.team);
          if (team === grant.team) out.push(`${via}:${slug}:team:${team}>${grant.includeChildren ? "+" : ""}@${s.slug}`);
          else if (grant.includeChildren && k >= 0) out.push(`${via}:${slug}:team:${team}>${above.slice(0, k + 1).join(">")}+@${s.slug}`);
        }
      }
    }
    return out;
  }
  function expectedGroupPaths(via: string, slug: string): string[] {
    const group = model.group(slug)!;
    const membership = group.members.find((x) => x.person.toLowerCase() === me);
    const out: string[] = [];
    if (membership) out.push(`group:${via}:${slug}:member${membership.admin ? ":admin" : ""}`);
    if (group.visibility === "public") {
      if (m.audience === "organisational") out.push(`group:${via}:${slug}:public`);
      else if (switchOn) out.push(`group:${via}:${slug}:public-with-switch`);
    }
    return out;
  }
  function expectedItemPaths(key: string): string[] {
    const item = model.item(key)!;
    const out: string[] = [];
    if (item.status === "draft") {
      if (item.author.toLowerCase() === me) out.push("draft-author");
      if (item.section !== undefined) {
        for (const s of model.sectionAndAncestors(item.section)) {
          for (const r of s.roles ?? []) if (r.person.toLowerCase() === me && (r.role === "editor" || r.role === "manager")) out.push(`draft-role:${r.role}@${s.slug}`);
        }
      }
      if (item.group !== undefined && model.group(item.group)!.members.some((x) => x.person.toLowerCase() === me && x.admin)) out.push(`draft-group-admin:${item.group}`);
      return out;
    }
    if (item.section !== undefined) out.push(...expectedSectionPaths("home", item.section));
    for (const s of item.sharedInto ?? []) out.push(...expectedSectionPaths("share", s));
    if (item.group !== undefined) out.push(...expectedGroupPaths("home", item.group));
    return out;
  }

  // ------- The paths, as the explainer listed them -------
  const sectionGrantText = (g: SectionGrant): string => {
    switch (g.kind) {
      case "webmaster":
        return "webmaster";
      case "open":
        return "open";
      case "member":
        return `member@${slugOf.get(g.at.id)}`;
      case "role":
        return `role:${g.role}@${slugOf.get(g.at.id)}`;
      case "team":
        return `team:${teamKey(g.team.id)}>${g.up.map((t) => teamKey(t.id)).join(">")}${g.includeChildren ? "+" : ""}@${slugOf.get(g.at.id)}`;
    }
  };
  const groupGrantText = (g: GroupGrant): string => (g.kind === "member" ? `member${g.admin ? ":admin" : ""}` : g.kind);
  const pathText = (p: AccessPath): string => {
    switch (p.kind) {
      case "webmaster":
      case "draft-author":
        return p.kind;
      case "section":
        return `${p.via}:${slugOf.get(p.section.id)}:${sectionGrantText(p.grant)}`;
      case "group":
        return `group:${p.via}:${groupSlugOf.get(p.group.id)}:${groupGrantText(p.grant)}`;
      case "draft-role":
        return `draft-role:${p.role}@${slugOf.get(p.at.id)}`;
      case "draft-group-admin":
        return `draft-group-admin:${groupSlugOf.get(p.group.id)}`;
      case "hidden-place":
        return `hidden-place:${p.place}`; // never for a webmaster's question: a failure below
    }
  };

  const check = async (surface: string, explanation: Explanation | null, canView: boolean, expectedPaths: string[]) => {
    if (!explanation) return same(`${surface} answers`, "an explanation", null);
    same(`${surface}.canView (the pages' verdict)`, canView, explanation.canView);
    const paths = explanation.paths.map(pathText);
    same(`${surface}.paths (every path, and only real ones)`, uniqueSorted([...(m.isWebmaster ? ["webmaster"] : []), ...(canView ? expectedPaths : [])]), uniqueSorted(paths));
    same(`${surface}: a path is listed exactly when the view is granted`, canView, paths.length > 0);
    same(`${surface}: a refusal says what blocks it`, !canView, explanation.blocks.length > 0);
    if (!canView) same(`${surface}: a refusal offers a change that would grant it`, true, explanation.remedies.length > 0);
  };

  const checks: Promise<unknown>[] = [];
  for (const s of org.sections) {
    checks.push(
      explainAccess(db, EVERYTHING, personId, { kind: "section", id: ids.sectionId.get(s.slug)! }).then(async (e) => {
        await check(`explainAccess(section "${s.slug}")`, e, m.canViewSection(s.slug), expectedSectionPaths("self", s.slug));
        // S5: an organisational refusal names the restricted sections at or above it.
        const restricted = e?.blocks.flatMap((b) => (b.kind === "restricted" ? b.restricted.map((r) => slugOf.get(r.id)!) : [])) ?? [];
        if (e && !e.canView && m.audience === "organisational") {
          same(`explainAccess(section "${s.slug}") restricted sections (S5)`, model.sectionAndAncestors(s.slug).filter((x) => x.restricted).map((x) => x.slug).sort(), restricted.sort());
        }
      }),
    );
  }
  for (const c of org.content) {
    checks.push(
      explainAccess(db, EVERYTHING, personId, { kind: "item", id: ids.contentId.get(c.key)! }).then((e) =>
        check(`explainAccess(item "${c.key}")`, e, m.canViewItem(c.key), expectedItemPaths(c.key)),
      ),
    );
  }
  for (const g of org.groups) {
    checks.push(
      explainAccess(db, EVERYTHING, personId, { kind: "group", id: ids.groupId.get(g.slug)! }).then(async (e) => {
        await check(`explainAccess(group "${g.slug}")`, e, m.groupPageAnswer(g.slug) === "full", expectedGroupPaths("self", g.slug));
        same(`explainAccess(group "${g.slug}").groupListed (G1 G3)`, m.canSeeGroup(g.slug), e?.groupListed);
      }),
    );
    for (const f of g.files ?? []) {
      checks.push(
        explainAccess(db, EVERYTHING, personId, { kind: "file", id: ids.fileId.get(`${g.slug}/${f.name}`)! }).then((e) =>
          check(`explainAccess(file "${g.slug}/${f.name}")`, e, m.groupFilesAnswer(g.slug) === "ok", expectedGroupPaths("file", g.slug)),
        ),
      );
    }
  }
  // B4: the person's exposure report lists exactly the sections and groups the model says they
  // view, each with the same paths as the explainer, and counts their published items.
  checks.push(
    personExposure(db, EVERYTHING, personId).then((r) => {
      if (!r) return same("personExposure answers", "a report", null);
      const webmaster = m.isWebmaster ? ["webmaster"] : [];
      // Compared as JSON: the same keys in the same order.
      const byKey = (entries: [string, string[]][]) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const sections = byKey(r.sections.map((x): [string, string[]] => [slugOf.get(x.section.id)!, uniqueSorted(x.reasons.map((reason) => pathText(reason.path)))]));
      const expectedSections = byKey(
        org.sections.filter((x) => m.canViewSection(x.slug)).map((x): [string, string[]] => [x.slug, uniqueSorted([...webmaster, ...expectedSectionPaths("self", x.slug)])]),
      );
      same("personExposure sections and their paths (B4)", expectedSections, sections);
      const groups = byKey(r.groups.map((x): [string, string[]] => [groupSlugOf.get(x.group.id)!, uniqueSorted(x.reasons.map((reason) => pathText(reason.path)))]));
      const expectedGroups = byKey(
        org.groups.filter((g) => m.groupPageAnswer(g.slug) === "full").map((g): [string, string[]] => [g.slug, uniqueSorted([...webmaster, ...expectedGroupPaths("self", g.slug)])]),
      );
      same("personExposure groups and their paths (B4)", expectedGroups, groups);
      same("personExposure published items (B4)", org.content.filter((c) => c.status === "published" && m.canViewItem(c.key)).length, r.items);
    }),
  );
  return checks;
}
