import "server-only";
/**
 * B4: what a change to who may view what does, in one shape for every kind of change (a
 * section's members, teams, Restricted setting or place; a group's visibility; the external
 * access switches): who gains and who loses access, to how many sections, groups and published
 * items, and for the switches which apps and directories external people gain or lose.
 * Plain data, so the forms that show it can import the types.
 */
import { createHash } from "node:crypto";

/** One direction of a change: who it gives (or takes) access to, to what. */
export interface ImpactSide {
  people: number;
  /** Of `people`, how many are external (S6, S8). */
  externalPeople: number;
  sections: number;
  /** Groups whose content they can read after (gives) or no longer can (removes), G1 G3. */
  groups: number;
  /** Published items that at least one of them can view after (gives) or no longer can (removes). */
  items: number;
  /** The first people by name (at most IMPACT_SAMPLE), for the names behind the disclosure. */
  sample: { id: string; name: string; audience: "organisational" | "external" }[];
}

/** E5: an app or directory that external people gain or lose with a switch, and how many of them. */
export interface AppChange {
  app: string;
  label: string;
  change: "gives" | "removes";
  people: number;
}

export interface AccessImpact {
  gives: ImpactSide;
  removes: ImpactSide;
  /** Only the external access switches change these. */
  apps: AppChange[];
}

export const IMPACT_SAMPLE = 50;

export const noSide = (): ImpactSide => ({ people: 0, externalPeople: 0, sections: 0, groups: 0, items: 0, sample: [] });

/** A side as the database answered it (counts may come back as strings, the sample as JSON text). */
export function sideFromRow(row: { people: unknown; external_people: unknown; sections?: unknown; groups?: unknown; items: unknown; sample: unknown }): ImpactSide {
  const sample = (typeof row.sample === "string" ? JSON.parse(row.sample) : row.sample) as ImpactSide["sample"];
  return {
    people: Number(row.people),
    externalPeople: Number(row.external_people),
    sections: Number(row.sections ?? 0),
    groups: Number(row.groups ?? 0),
    items: Number(row.items),
    sample,
  };
}

/**
 * What the person confirmed, in 64 hex digits: the figures and the people named. The save
 * measures the change again in its own transaction and goes ahead only when this is the same
 * (B4: nothing changed in between), so a preview can never be confirmed for a different effect.
 */
export function impactFingerprint(impact: AccessImpact): string {
  const side = (s: ImpactSide) => [s.people, s.externalPeople, s.sections, s.groups, s.items, s.sample.map((p) => p.id)];
  const apps = impact.apps.map((a) => [a.app, a.change, a.people]);
  return createHash("sha256").update(JSON.stringify([side(impact.gives), side(impact.removes), apps])).digest("hex");
}
