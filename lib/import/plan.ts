import "server-only";
/**
 * M6: what an import file would change, worked out in memory from the file's raw rows
 * and the current state of the database (./queries.ts loads it): every problem by row
 * and field, and for every valid row whether it creates, updates (which fields) or
 * leaves a record unchanged. Nothing here writes; ./mutations.ts applies a plan that
 * has no problems, and rows that would change nothing are neither written nor counted.
 */
import { isSingleAddress } from "@/lib/mail/outbox";
import { PROFILE_TEXT_KEYS, type ProfileText, normaliseProfileText, profileTextProblem, storedText } from "@/lib/people/profile-fields";
import { isActiveWebmaster, type WayInChange, wayInProblems } from "@/lib/people/way-in";
import { hasControlCharacters } from "@/lib/validation/text";
import type { ImportKind, ImportProblem, RawRow, RawValue } from "./formats";

export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const KEY_HINT = "Keys are 1–100 letters, digits, dots, dashes or underscores, starting with a letter or digit.";
const MAX_NAME = 200;
const MOBILE_PATTERN = /^\+?[0-9][0-9 ().-]{2,29}$/;

export interface LocationState {
  id: number;
  key: string;
  name: string;
  address: string | null;
}
export interface TeamState {
  id: number;
  key: string;
  name: string;
  parentId: number | null;
}
/** A person's fields an import reads and writes (the profile's text too: jobTitle, organisation, workPhone, about). */
interface PersonFields extends ProfileText {
  importKey: string | null;
  email: string;
  name: string;
  audience: "organisational" | "external";
  webmaster: boolean;
  blocked: boolean;
  mobile: string | null;
  locationId: number | null;
}
export interface PersonState extends PersonFields {
  id: string;
  /** The account can sign in (authorised_at is set): with webmaster and not blocked, a way in (P3). */
  authorised: boolean;
  /** team id → is admin */
  teams: Map<number, boolean>;
}
export interface ImportState {
  locations: LocationState[];
  teams: TeamState[];
  /** Only loaded for a people import. */
  people: PersonState[];
  mobileCodes: boolean;
}

export interface PlannedChange {
  row: number;
  /** The row's key (or e-mail for people without one), for the preview. */
  label: string;
  action: "create" | "update";
  fields: string[];
}

export interface LocationWrite {
  id: number | null;
  key: string;
  name: string;
  /** P6: the address after the import (a file without an address column keeps each location's). */
  address: string | null;
}
export interface TeamWrite {
  id: number | null;
  key: string;
  name: string;
  parentKey: string | null;
}
export interface PersonWrite extends PersonFields {
  id: string | null;
  emailChanged: boolean;
  /** The whole membership, when it changes: team id → is admin. */
  teams: Map<number, boolean> | null;
}

export interface ImportPlan {
  kind: ImportKind;
  rows: number;
  problems: ImportProblem[];
  changes: PlannedChange[];
  unchanged: number;
  locations: LocationWrite[];
  teams: TeamWrite[];
  teamTreeChanged: boolean;
  people: PersonWrite[];
}

const lower = (s: string) => s.toLowerCase();

function text(values: RawRow["values"], field: string): string | undefined {
  const v = values[field];
  return v === undefined ? undefined : Array.isArray(v) ? v.join(";") : v;
}
function list(values: RawRow["values"], field: string): string[] | undefined {
  const v: RawValue | undefined = values[field];
  return v === undefined ? undefined : Array.isArray(v) ? v : v.split(";").map((s) => s.trim()).filter(Boolean);
}

/** Digits with a leading "+" kept: "+44 7700 900123" and "+447700900123" are one number. */
export function normaliseMobile(mobile: string): string {
  return mobile.replace(/[^0-9+]/g, "");
}

class Collector {
  problems: ImportProblem[] = [];
  bad = new Set<number>();
  add(row: number, field: string | null, message: string) {
    this.problems.push({ row, field, message });
    this.bad.add(row);
  }
}

function checkKey(c: Collector, row: number, key: string | undefined, field = "key"): key is string {
  if (!key) {
    c.add(row, field, "A key is required.");
    return false;
  }
  if (!KEY_PATTERN.test(key)) {
    c.add(row, field, `"${key}" is not a valid key. ${KEY_HINT}`);
    return false;
  }
  return true;
}

function checkName(c: Collector, row: number, name: string | undefined): name is string {
  if (!name) c.add(row, "name", "A name is required.");
  else if (name.length > MAX_NAME) c.add(row, "name", `The name is ${name.length} characters long; at most ${MAX_NAME} are allowed.`);
  else return true;
  return false;
}

/** Each key (lower-cased for e-mails) that appears on more than one row: a problem on every such row. */
function duplicates(c: Collector, rows: { row: number; value: string | undefined }[], field: string, what: string) {
  // One number per value; a list only for the (rare) values seen again.
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (const { row, value } of rows) {
    if (!value) continue;
    const k = field === "email" ? lower(value) : value;
    const at = first.get(k);
    if (at === undefined) first.set(k, row);
    else if (repeated.has(k)) repeated.get(k)!.push(row);
    else repeated.set(k, [at, row]);
  }
  for (const [value, at] of repeated) {
    for (const row of at) c.add(row, field, `The ${what} "${value}" appears on rows ${at.join(", ")}: each ${what} may appear only once in a file.`);
  }
}

function finish(kind: ImportKind, rows: RawRow[], c: Collector, rest: Omit<ImportPlan, "kind" | "rows" | "problems">): ImportPlan {
  c.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { kind, rows: rows.length, problems: c.problems, ...rest };
}

export function planLocations(rows: RawRow[], state: ImportState): ImportPlan {
  const c = new Collector();
  const byKey = new Map(state.locations.map((l) => [l.key, l]));
  duplicates(c, rows.map((r) => ({ row: r.row, value: text(r.values, "key") })), "key", "key");
  const writes: LocationWrite[] = [];
  const changes: PlannedChange[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const key = text(r.values, "key");
    const name = text(r.values, "name");
    const address = text(r.values, "address")?.replace(/\r\n?/g, "\n").trim();
    const keyOk = checkKey(c, r.row, key);
    const nameOk = checkName(c, r.row, name);
    const addressOk = checkAddress(c, r.row, address);
    if (!keyOk || !nameOk || !addressOk || c.bad.has(r.row)) continue;
    const existing = byKey.get(key);
    if (!existing) {
      writes.push({ id: null, key, name, address: address || null });
      changes.push({ row: r.row, label: key, action: "create", fields: address ? ["name", "address"] : ["name"] });
      continue;
    }
    const fields = [
      ...(existing.name !== name ? ["name"] : []),
      ...(address !== undefined && (existing.address ?? "") !== address ? ["address"] : []),
    ];
    if (fields.length) {
      writes.push({ id: existing.id, key, name, address: address === undefined ? existing.address : address || null });
      changes.push({ row: r.row, label: key, action: "update", fields });
    } else unchanged++;
  }
  return finish("locations", rows, c, { changes, unchanged, locations: writes, teams: [], teamTreeChanged: false, people: [] });
}

/** P6: an address of at most 500 characters and 8 lines, without control characters (line breaks aside). */
function checkAddress(c: Collector, row: number, address: string | undefined): boolean {
  if (address === undefined || address === "") return true;
  if (address.length > 500) c.add(row, "address", `The address is ${address.length} characters long; at most 500 are allowed.`);
  else if (address.split("\n").length > 8) c.add(row, "address", "The address has more than 8 lines.");
  else if (hasControlCharacters(address, true)) c.add(row, "address", "The address holds control characters: remove them.");
  else return true;
  return false;
}

export function planTeams(rows: RawRow[], state: ImportState): ImportPlan {
  const c = new Collector();
  const byKey = new Map(state.teams.map((t) => [t.key, t]));
  const keyOfId = new Map(state.teams.map((t) => [t.id, t.key]));
  duplicates(c, rows.map((r) => ({ row: r.row, value: text(r.values, "key") })), "key", "key");
  const fileKeys = new Set(rows.map((r) => text(r.values, "key")).filter((k): k is string => !!k));

  // The tree after the import: every team's parent key.
  const parentOf = new Map<string, string | null>(state.teams.map((t) => [t.key, t.parentId === null ? null : keyOfId.get(t.parentId)!]));
  const candidates: { r: RawRow; key: string; name: string; parentKey: string | null }[] = [];
  for (const r of rows) {
    const key = text(r.values, "key");
    const name = text(r.values, "name");
    const keyOk = checkKey(c, r.row, key);
    const nameOk = checkName(c, r.row, name);
    const parentRaw = text(r.values, "parent");
    let parentKey: string | null = parentRaw === undefined ? (keyOk ? (parentOf.get(key) ?? null) : null) : parentRaw || null;
    if (parentKey !== null && keyOk) {
      if (parentKey === key) {
        c.add(r.row, "parent", "A team cannot be its own parent.");
        parentKey = null;
      } else if (!fileKeys.has(parentKey) && !byKey.has(parentKey)) {
        c.add(r.row, "parent", `There is no team with the key "${parentKey}" in the file or in Portico.`);
        parentKey = null;
      }
    }
    if (!keyOk || !nameOk) continue;
    parentOf.set(key, parentKey);
    candidates.push({ r, key, name, parentKey });
  }
  // Cycles: walk up from every team the file names; a walk that comes back is a cycle.
  for (const { r, key } of candidates) {
    const seen = new Set<string>([key]);
    let at = parentOf.get(key) ?? null;
    while (at !== null) {
      if (at === key) {
        c.add(r.row, "parent", `Team parents form a cycle: ${[...seen].join(" → ")} → ${key}. Teams must form a tree.`);
        break;
      }
      if (seen.has(at)) break; // a cycle above this team, reported on its own rows
      seen.add(at);
      at = parentOf.get(at) ?? null;
    }
  }
  const writes: TeamWrite[] = [];
  const changes: PlannedChange[] = [];
  let unchanged = 0;
  let treeChanged = false;
  for (const { r, key, name, parentKey } of candidates) {
    if (c.bad.has(r.row)) continue;
    const existing = byKey.get(key);
    if (!existing) {
      writes.push({ id: null, key, name, parentKey });
      changes.push({ row: r.row, label: key, action: "create", fields: parentKey ? ["name", "parent"] : ["name"] });
      treeChanged = true;
      continue;
    }
    const fields: string[] = [];
    if (existing.name !== name) fields.push("name");
    const currentParent = existing.parentId === null ? null : keyOfId.get(existing.parentId)!;
    if (currentParent !== parentKey) fields.push("parent");
    if (fields.length === 0) {
      unchanged++;
      continue;
    }
    if (fields.includes("parent")) treeChanged = true;
    writes.push({ id: existing.id, key, name, parentKey });
    changes.push({ row: r.row, label: key, action: "update", fields });
  }
  return finish("teams", rows, c, { changes, unchanged, locations: [], teams: writes, teamTreeChanged: treeChanged, people: [] });
}

const ROLE_WORDS = new Set(["webmaster", "organisational", "external"]);

/** M6, P3: `importerId` is the webmaster running the import (their own way in is kept). */
export function planPeople(rows: RawRow[], state: ImportState, importerId: string | null = null): ImportPlan {
  const c = new Collector();
  const byKey = new Map<string, PersonState>();
  const byEmail = new Map<string, PersonState>();
  for (const p of state.people) {
    if (p.importKey) byKey.set(p.importKey, p);
    byEmail.set(lower(p.email), p);
  }
  const teamByKey = new Map(state.teams.map((t) => [t.key, t.id]));
  const locationByKey = new Map(state.locations.map((l) => [l.key, l.id]));
  duplicates(c, rows.map((r) => ({ row: r.row, value: text(r.values, "key") })), "key", "key");
  duplicates(c, rows.map((r) => ({ row: r.row, value: text(r.values, "email") })), "email", "e-mail address");

  type Candidate = { r: RawRow; write: PersonWrite; existing: PersonState | null };
  const candidates: Candidate[] = [];
  for (const r of rows) {
    const v = r.values;
    const row = r.row;
    const keyRaw = text(v, "key") || null;
    if (keyRaw !== null) checkKey(c, row, keyRaw);
    const email = text(v, "email") ?? "";
    if (!email) c.add(row, "email", "An e-mail address is required.");
    else if (!isSingleAddress(email)) {
      c.add(row, "email", `"${email}" is not one plain e-mail address (name@example.org); lists, display names and quoted forms are not accepted.`);
    }
    const name = text(v, "name");
    checkName(c, row, name);
    const audience = text(v, "audience");
    if (audience !== "organisational" && audience !== "external") {
      c.add(row, "audience", audience ? `"${audience}" is not an audience: use organisational or external.` : "An audience is required: organisational or external.");
    }
    const roles = list(v, "roles");
    for (const role of roles ?? []) if (!ROLE_WORDS.has(role)) c.add(row, "roles", `"${role}" is not a global role: use webmaster (or leave empty).`);
    const wantsWebmaster = roles?.includes("webmaster");
    if (audience === "external" && (wantsWebmaster || roles?.includes("organisational"))) {
      c.add(row, "roles", "An external person cannot hold any other global role (P2): remove the other roles or make the person organisational.");
    } else if (audience === "organisational" && roles?.includes("external")) {
      c.add(row, "roles", "The external role is exclusive (P2): set the audience to external and remove the other roles, or remove external.");
    }
    const blockedRaw = text(v, "blocked");
    let blocked: boolean | undefined;
    if (blockedRaw !== undefined) {
      const b = blockedRaw.toLowerCase();
      if (["true", "yes", "1"].includes(b)) blocked = true;
      else if (["false", "no", "0", ""].includes(b)) blocked = false;
      else c.add(row, "blocked", `"${blockedRaw}" is not yes or no: use true or false.`);
    }
    const mobileRaw = text(v, "mobile");
    if (mobileRaw && !MOBILE_PATTERN.test(mobileRaw)) c.add(row, "mobile", `"${mobileRaw}" is not a phone number (digits, spaces, dashes, brackets and a leading +).`);
    const locationKey = text(v, "location");
    let locationId: number | null | undefined;
    if (locationKey !== undefined) {
      locationId = locationKey ? (locationByKey.get(locationKey) ?? null) : null;
      if (locationKey && locationId === null) c.add(row, "location", `There is no location with the key "${locationKey}". Import the locations first.`);
    }
    // The profile's text: a column left out keeps what is stored; an empty cell clears it.
    const given: Partial<ProfileText> = {};
    for (const field of PROFILE_TEXT_KEYS) {
      const raw = text(v, field);
      if (raw === undefined) continue;
      const value = normaliseProfileText(raw);
      const problem = profileTextProblem(field, value);
      if (problem) c.add(row, field, problem);
      given[field] = storedText(value);
    }
    const teamKeys = list(v, "teams");
    const adminKeys = list(v, "teamAdmin");
    const unknown = (k: string) => !teamByKey.has(k);
    const unknownTeams = teamKeys?.some(unknown) || adminKeys?.some(unknown) ? [...new Set([...(teamKeys ?? []), ...(adminKeys ?? [])])].filter(unknown) : [];
    if (unknownTeams.length) {
      c.add(row, teamKeys?.some((k) => unknownTeams.includes(k)) ? "teams" : "teamAdmin", `There is no team with the key ${unknownTeams.map((k) => `"${k}"`).join(", ")}. Import the teams first.`);
    }
    if (adminKeys && !teamKeys) c.add(row, "teamAdmin", "teamAdmin needs the teams column: list the person's teams too.");
    const notMember = (adminKeys ?? []).filter((k) => teamKeys && !teamKeys.includes(k));
    if (notMember.length) c.add(row, "teamAdmin", `teamAdmin may only name teams the person is in: ${notMember.join(", ")} is not in teams.`);

    // Who the row is.
    let existing: PersonState | null = null;
    if (email && isSingleAddress(email)) {
      const holder = byEmail.get(lower(email)) ?? null;
      const keyed = keyRaw ? (byKey.get(keyRaw) ?? null) : null;
      if (keyed) {
        existing = keyed;
        if (holder && holder.id !== keyed.id) {
          c.add(row, "email", `"${email}" is already the e-mail address of another person${holder.importKey ? ` (key "${holder.importKey}")` : ""}.`);
        }
      } else if (holder) {
        if (keyRaw && holder.importKey && holder.importKey !== keyRaw) {
          c.add(row, "email", `"${email}" is already the e-mail address of the person with key "${holder.importKey}", not "${keyRaw}".`);
        }
        existing = holder;
      }
    }
    if (c.bad.has(row) || !name || (audience !== "organisational" && audience !== "external")) continue;

    const external = audience === "external";
    const webmaster = external ? false : roles === undefined ? (existing?.webmaster ?? false) : !!wantsWebmaster;
    let membership: Map<number, boolean> | null = null;
    if (teamKeys) {
      membership = new Map(teamKeys.map((k) => [teamByKey.get(k)!, adminKeys ? adminKeys.includes(k) : (existing?.teams.get(teamByKey.get(k)!) ?? false)]));
    }
    // M6: an address is the same whatever its letter case; a row that only changes the case keeps the stored one.
    const emailChanged = existing !== null && lower(existing.email) !== lower(email);
    const write: PersonWrite = {
      id: existing?.id ?? null,
      importKey: keyRaw ?? existing?.importKey ?? null,
      email: existing && !emailChanged ? existing.email : email,
      name,
      audience,
      webmaster,
      blocked: blocked ?? existing?.blocked ?? false,
      mobile: mobileRaw === undefined ? (existing?.mobile ?? null) : mobileRaw || null,
      locationId: locationId === undefined ? (existing?.locationId ?? null) : locationId,
      ...(Object.fromEntries(PROFILE_TEXT_KEYS.map((f) => [f, f in given ? given[f]! : (existing?.[f] ?? null)])) as ProfileText),
      emailChanged,
      teams: membership,
    };
    candidates.push({ r, write, existing });
  }

  // M6: while mobile codes are on, one number belongs to one person.
  if (state.mobileCodes) {
    const finalMobile = new Map<string, { rows: number[]; others: number }>();
    const touched = new Set(candidates.map((x) => x.existing?.id).filter(Boolean));
    const note = (mobile: string | null, row: number | null) => {
      if (!mobile) return;
      const n = normaliseMobile(mobile);
      const entry = finalMobile.get(n) ?? { rows: [], others: 0 };
      if (row === null) entry.others++;
      else entry.rows.push(row);
      finalMobile.set(n, entry);
    };
    for (const p of state.people) if (!touched.has(p.id)) note(p.mobile, null);
    for (const x of candidates) note(x.write.mobile, x.r.row);
    for (const [number, { rows: at, others }] of finalMobile) {
      if (at.length + others < 2) continue;
      const where = [at.length > 1 ? `rows ${at.join(", ")} of this file` : null, others ? `${others === 1 ? "another person" : `${others} other people`} in Portico` : null]
        .filter(Boolean)
        .join(" and ");
      for (const row of at) {
        c.add(row, "mobile", `The mobile number ${number} is also used by ${where}. While mobile sign-in codes are enabled, each mobile number must belong to one person (M6).`);
      }
    }
  }

  // P3, M6: an import never takes away the last way in, the person screens' rules (lib/people/way-in.ts).
  const rowOfPerson = new Map<string, number>();
  const wayIn: WayInChange[] = [];
  for (const { r, write, existing } of candidates) {
    if (!existing) continue; // a new account is not authorised yet: never a way in, never one taken away
    rowOfPerson.set(existing.id, r.row);
    wayIn.push({
      id: existing.id,
      before: { webmaster: existing.webmaster, blocked: existing.blocked, authorised: existing.authorised },
      after: { webmaster: write.webmaster, blocked: write.blocked, authorised: existing.authorised && !write.emailChanged },
    });
  }
  const activeWebmasters = state.people.filter((p) => isActiveWebmaster(p)).map((p) => p.id);
  for (const problem of wayInProblems(importerId ?? "", wayIn, activeWebmasters)) {
    c.add(rowOfPerson.get(problem.id)!, problem.field, problem.message);
  }

  const writes: PersonWrite[] = [];
  const changes: PlannedChange[] = [];
  let unchanged = 0;
  for (const { r, write, existing } of candidates) {
    if (c.bad.has(r.row)) continue;
    const label = write.importKey ?? write.email;
    if (!existing) {
      writes.push({ ...write, teams: write.teams ?? new Map() });
      changes.push({ row: r.row, label, action: "create", fields: [] });
      continue;
    }
    const fields: string[] = [];
    if (existing.importKey !== write.importKey) fields.push("key");
    if (existing.email !== write.email) fields.push("email");
    if (existing.name !== write.name) fields.push("name");
    if (existing.audience !== write.audience) fields.push("audience");
    if (existing.webmaster !== write.webmaster) fields.push("roles");
    if (existing.blocked !== write.blocked) fields.push("blocked");
    if (existing.mobile !== write.mobile) fields.push("mobile");
    if (existing.locationId !== write.locationId) fields.push("location");
    for (const f of PROFILE_TEXT_KEYS) if (existing[f] !== write[f]) fields.push(f);
    if (write.teams && !sameMembership(existing.teams, write.teams)) fields.push("teams");
    else write.teams = null;
    if (fields.length === 0) {
      unchanged++;
      continue;
    }
    writes.push(write);
    changes.push({ row: r.row, label, action: "update", fields });
  }
  return finish("people", rows, c, { changes, unchanged, locations: [], teams: [], teamTreeChanged: false, people: writes });
}

function sameMembership(a: Map<number, boolean>, b: Map<number, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [team, admin] of a) if (b.get(team) !== admin) return false;
  return true;
}

export function planImport(kind: ImportKind, rows: RawRow[], state: ImportState, importerId: string | null = null): ImportPlan {
  return kind === "people" ? planPeople(rows, state, importerId) : kind === "teams" ? planTeams(rows, state) : planLocations(rows, state);
}
