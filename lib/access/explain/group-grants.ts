import "server-only";
import type { GroupGrant } from "./types";

/**
 * G1 G3 G5 E5: how a person reads a group's content: membership, and a public group's openness
 * to every organisational person and, while the Groups switch is on, to external people.
 * Webmasters' reading of everything is a path of its own (S4), not a group grant.
 */
export function groupGrants(person: { audience: "organisational" | "external" }, group: { admin: boolean | null; visibility: "public" | "private" | "secret"; switchOn: boolean }): GroupGrant[] {
  const grants: GroupGrant[] = [];
  if (group.admin !== null) grants.push({ kind: "member", admin: group.admin });
  if (group.visibility === "public") {
    if (person.audience === "organisational") grants.push({ kind: "public" });
    else if (group.switchOn) grants.push({ kind: "public-with-switch" });
  }
  return grants;
}
