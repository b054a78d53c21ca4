/**
 * People administration (M1, M2, M3, P2, P3): the inputs of the webmaster's user table,
 * person form and welcome link, shared by the forms (zodResolver) and the server actions.
 */
import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-rules";
import { plainText, withoutControlCharacters } from "@/lib/validation/text";
import { profileText } from "./profile-fields";

export const PEOPLE_FILTERS = ["all", "authorised", "unauthorised", "blocked", "external", "organisational"] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];
export const PEOPLE_SORTS = ["name", "email", "lastAccess"] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

export const FILTER_LABELS: Record<PeopleFilter, string> = {
  all: "All people",
  authorised: "Authorised users",
  unauthorised: "Unauthorised users",
  blocked: "Blocked users",
  external: "External users",
  organisational: "Organisational users",
};
export const SORT_LABELS: Record<PeopleSort, string> = { name: "Name", email: "E-mail", lastAccess: "Last access (most recent first)" };

/** The user table's address bar: anything unknown falls back to the defaults. */
export const peopleListParams = z.object({
  filter: z.enum(PEOPLE_FILTERS).catch("all"),
  sort: z.enum(PEOPLE_SORTS).catch("name"),
  q: z
    .string()
    .catch("")
    .transform((s) => withoutControlCharacters(s).trim().slice(0, 200)),
  after: z.string().max(600).optional().catch(undefined),
});
export type PeopleListParams = z.infer<typeof peopleListParams>;

/** Ticked rows: at most one page's worth at a time (the table shows 50). */
export const MAX_BULK = 200;
const personIds = z
  .array(z.uuid("Choose people from the list"))
  .min(1, "Tick at least one person")
  .max(MAX_BULK, `Tick at most ${MAX_BULK} people at a time`)
  .transform((ids) => [...new Set(ids)]);

/** M2: the filter the bulk action was started from is part of the rule. */
export const bulkWelcomeInput = z.object({ personIds, filter: z.enum(PEOPLE_FILTERS) });
export const bulkBlockInput = z.object({ personIds, blocked: z.boolean() });

/** The global role boxes of the person form (P1, P2). */
export const GLOBAL_ROLE_CHOICES = ["organisational", "webmaster", "external"] as const;
export type GlobalRoleChoice = (typeof GLOBAL_ROLE_CHOICES)[number];

// One plain address: the same shape lib/mail/outbox.ts accepts (no lists, display
// names, quoted local parts or line breaks), so a welcome e-mail can only ever go to it.
const PLAIN_EMAIL = /^[A-Za-z0-9#$&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9#$&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z][A-Za-z0-9-]*$/;

/** One plain e-mail address, as the person form, the own e-mail change and the outbox accept it. */
export const plainEmail = z
  .string()
  .trim()
  .min(1, "Enter an e-mail address")
  .max(254, "Enter an e-mail address of at most 254 characters")
  .regex(PLAIN_EMAIL, "Enter one e-mail address like name@example.org — no names, quotes, spaces or lists");

const personName = (empty: string) => plainText(200, { required: empty, tooLong: "Enter a name of at most 200 characters" });
const mobileField = z
  .string()
  .trim()
  .max(40, "Enter a mobile number of at most 40 characters")
  .refine((v) => v === "" || /^\+?[0-9 ()-]{6,}$/.test(v), "Enter a mobile number using digits, spaces and an optional + at the start, like +44 7700 900123");

export const personFields = z
  .object({
    name: personName("Enter the person’s name"),
    email: plainEmail,
    roles: z.array(z.enum(GLOBAL_ROLE_CHOICES)).max(3),
    mobile: mobileField,
    locationId: z.string().refine((v) => v === "" || /^[0-9]{1,9}$/.test(v), "Choose a location from the list"),
    /** P6: show the mobile number on the profile. Left out (older callers): unchanged on an update, hidden on creation. */
    showMobile: z.boolean().optional(),
    // The profile (M3). Left out (older callers): unchanged on an update, empty on creation.
    jobTitle: profileText("jobTitle").optional(),
    organisation: profileText("organisation").optional(),
    workPhone: profileText("workPhone").optional(),
    about: profileText("about").optional(),
  })
  .superRefine((value, ctx) => {
    const roles = new Set(value.roles);
    // P2: external is exclusive — the form un-ticks the others, and the server refuses a mix.
    if (roles.has("external") && roles.size > 1) {
      ctx.addIssue({ code: "custom", path: ["roles"], message: "External cannot be combined with other roles: an external user has no other global role" });
    } else if (!roles.has("external") && !roles.has("organisational")) {
      ctx.addIssue({ code: "custom", path: ["roles"], message: "Tick Organisational or External: every person has exactly one audience" });
    }
  });
export type PersonFields = z.infer<typeof personFields>;

export const createPersonInput = personFields;
export const updatePersonInput = z.intersection(z.object({ personId: z.uuid() }), personFields);
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;

/**
 * E3: what everyone may change on their own profile. The department or organisation is
 * set by webmasters and imports (an external person does not choose which agency they
 * are from); e-mail, audience and roles are never changed here. A changed mobile number
 * asks for the password (it is where sign-in codes go) and, while mobile sign-in codes
 * are on, must be no one else's (M6); the server decides both against the stored number.
 */
export const ownProfileInput = z.object({
  name: personName("Enter your name"),
  jobTitle: profileText("jobTitle"),
  workPhone: profileText("workPhone"),
  mobile: mobileField,
  /** P6: "Show my mobile number on my profile" (hidden by default). Left out: unchanged. */
  showMobile: z.boolean().optional(),
  about: profileText("about"),
  password: z.string().max(200, "Enter a shorter password"),
});
export type OwnProfileInput = z.infer<typeof ownProfileInput>;

/** Removing a profile image: one's own (no personId), or anyone's for a webmaster. */
export const removeProfileImageInput = z.object({ personId: z.uuid().optional() });

/** Mobile numbers compare by their digits (and a leading +): "+44 7700-900123" = "+447700900123". */
export function normaliseMobile(value: string): string {
  const trimmed = value.trim();
  return trimmed ? (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/[^0-9]/g, "") : "";
}

/** How the stored audience and roles read as the form's boxes, and back (P1, P2). */
export function rolesToChoices(audience: "organisational" | "external", roles: readonly string[]): GlobalRoleChoice[] {
  if (audience === "external") return ["external"];
  return roles.includes("webmaster") ? ["organisational", "webmaster"] : ["organisational"];
}
export function choicesToAccount(choices: readonly GlobalRoleChoice[]): { audience: "organisational" | "external"; roles: "webmaster"[] } {
  if (choices.includes("external")) return { audience: "external", roles: [] };
  return { audience: "organisational", roles: choices.includes("webmaster") ? ["webmaster"] : [] };
}

/** A link's token as e-mails carry it (43 base64url characters, lib/people/welcome-token.ts). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const linkToken = z.string().regex(LINK_TOKEN, "This link is not complete. Open it again from the e-mail.");

/** The welcome link's form (P3). */
export const completeWelcomeInput = z
  .object({
    token: linkToken,
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "Enter the same password twice" });
export type CompleteWelcomeInput = z.infer<typeof completeWelcomeInput>;

/**
 * Own e-mail change: a person asks to change their own e-mail address. The current password is
 * asked again; the link goes to the new address, and only following it changes anything.
 */
export const ownEmailChangeInput = z.object({
  newEmail: plainEmail,
  currentPassword: z.string().min(1, "Enter your current password").max(200, "Enter a shorter password"),
});
export type OwnEmailChangeInput = z.infer<typeof ownEmailChangeInput>;

/** Confirming an own e-mail change: the link's token. */
export const confirmEmailChangeInput = z.object({
  token: linkToken,
});
