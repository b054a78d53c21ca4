/**
 * B4: the exposure report's inputs (client-safe): whose report (a person, a team or a partner
 * organisation, chosen in one picker and carried in the address), and the filters and pages
 * of its two tables, read leniently from the address (a value not understood is said so and
 * dropped, never an error page).
 */
import { z } from "zod";
import type { ExposureSubject, ExposureSubjectKind } from "@/lib/access/exposure/types";
import { INT_MAX, searchText } from "@/lib/validation/text";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^[1-9][0-9]{0,9}$/;
export const ORGANISATION_MAX = 200;


export const SUBJECT_KIND_LABELS: Record<ExposureSubjectKind, string> = { person: "Person", team: "Team", organisation: "Partner organisation" };

/** The subject from the page's address (?person=, ?team= or ?organisation=), or null. */
export function subjectFromParams(params: Record<string, string | string[] | undefined>): ExposureSubject | null {
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);
  const person = one(params.person);
  if (person !== null) return UUID.test(person) ? { kind: "person", id: person.toLowerCase() } : null;
  const team = one(params.team);
  if (team !== null) return INT.test(team) && Number(team) <= INT_MAX ? { kind: "team", id: Number(team) } : null;
  const organisation = one(params.organisation)?.trim();
  if (organisation) return organisation.length <= ORGANISATION_MAX ? { kind: "organisation", name: organisation } : null;
  return null;
}

/** The subject's own address parameters. */
export function subjectParams(subject: ExposureSubject): Record<string, string> {
  if (subject.kind === "person") return { person: subject.id };
  if (subject.kind === "team") return { team: String(subject.id) };
  return { organisation: subject.name };
}

/** How a section or group is reached, for the "Access through" filter. */
export const THROUGH = ["member", "team", "role", "open", "group-member", "public", "webmaster"] as const;
export type Through = (typeof THROUGH)[number];
export const THROUGH_LABELS: Record<Through, string> = {
  member: "Membership in their own name",
  team: "A team",
  role: "A section role",
  open: "Open to all organisational people",
  "group-member": "Group membership",
  public: "A public group",
  webmaster: "Being a webmaster",
};

export const SHOW = ["all", "sections", "groups"] as const;
export type Show = (typeof SHOW)[number];
export const SHOW_LABELS: Record<Show, string> = { all: "Sections and groups", sections: "Sections only", groups: "Groups only" };

export const FILTER_MAX = 100;
export const PAGE_SIZE = 100;

export interface ExposureFilters {
  q: string;
  through: Through | "";
  show: Show;
  /** 1-based pages of the sections and of the groups table. */
  sectionsPage: number;
  groupsPage: number;
}

/** The filters from the address, and what was not understood (said on the page, then ignored). */
export function filtersFromParams(params: Record<string, string | string[] | undefined>): { filters: ExposureFilters; problems: string[] } {
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
  const problems: string[] = [];
  const q = searchText(FILTER_MAX, `Type at most ${FILTER_MAX} characters to filter by name.`).safeParse(one(params.q));
  if (!q.success) problems.push(q.error.issues[0]?.message ?? "The name filter was not understood.");
  const throughText = one(params.through);
  const through = (THROUGH as readonly string[]).includes(throughText) ? (throughText as Through) : "";
  if (throughText && !through) problems.push("The “Access through” choice was not understood, so every way in is shown.");
  const showText = one(params.show);
  const show = (SHOW as readonly string[]).includes(showText) ? (showText as Show) : "all";
  if (showText && show !== showText) problems.push("The “Show” choice was not understood, so sections and groups are shown.");
  const page = (name: string) => {
    const text = one(params[name]);
    if (!text) return 1;
    if (INT.test(text) && Number(text) <= INT_MAX) return Number(text);
    problems.push("That page number was not understood, so the first page is shown.");
    return 1;
  };
  return { filters: { q: q.success ? q.data : "", through, show, sectionsPage: page("spage"), groupsPage: page("gpage") }, problems };
}

/** The filters' own address parameters (pages excluded), for links that keep them. */
export function filterParams(f: ExposureFilters): Record<string, string> {
  return { ...(f.q ? { q: f.q } : {}), ...(f.through ? { through: f.through } : {}), ...(f.show !== "all" ? { show: f.show } : {}) };
}

/** The picker's search and the report's choice (the action checks it names someone before the page loads it). */
export const exposureSubjectSearch = z.object({ query: searchText(100, "Type at most 100 characters.") });

export const CHOOSE_SUBJECT = "Choose a person, team or partner organisation from the list.";

export const exposureSubjectInput = z.object({
  subject: z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("person"), id: z.string().regex(UUID) }),
      z.object({ kind: z.literal("team"), id: z.number().int().min(1).max(INT_MAX) }),
      z.object({ kind: z.literal("organisation"), name: z.string().trim().min(1).max(ORGANISATION_MAX) }),
    ],
    { error: CHOOSE_SUBJECT },
  ),
});

/** The form's own value: the chosen option (null until one is chosen). */
export const exposureFormSchema = z
  .object({
    subject: z.object({ kind: z.enum(["person", "team", "organisation"]), key: z.string(), label: z.string(), detail: z.string().nullable() }).nullable(),
  })
  .superRefine((form, ctx) => {
    if (!form.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: CHOOSE_SUBJECT });
  });
export type ExposureForm = z.infer<typeof exposureFormSchema>;

/** An option of the picker. `key` is the person's or team's id, or the organisation's name. */
export interface ExposureChoice {
  kind: ExposureSubjectKind;
  key: string;
  label: string;
  /** An e-mail address, "12 members", "5 people". */
  detail: string | null;
}

export function choiceSubject(choice: ExposureChoice): ExposureSubject {
  if (choice.kind === "person") return { kind: "person", id: choice.key };
  if (choice.kind === "team") return { kind: "team", id: Number(choice.key) };
  return { kind: "organisation", name: choice.key };
}
