import "server-only";
/**
 * People administration writes (M2, M3, P2, P3, M6). Each runs inside the transaction of a
 * server action (lib/people/actions.ts) that has already checked the viewer; each refuses
 * a bad input with a clear message, and ActionError rolls the whole action back.
 */
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailChanges, locations, people, welcomeLinks } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { getAuthenticationSettings } from "@/lib/auth/settings";
import { enqueueMails, isSingleAddress, queueMail } from "@/lib/mail/outbox";
import { renderConfirmEmailChange, renderEmailNowChanged } from "@/lib/mail/templates/own-email-change";
import { linkExpiryText as expiryText } from "@/lib/mail/link-expiry";
import { publicOrigin as siteOrigin } from "@/lib/site-url";
import { renderWelcome } from "@/lib/mail/templates/welcome";
import { planWelcome } from "./admin-queries";
import { activeWebmasterIds, wayInProblems } from "./way-in";
import { type EmailChangeLinkState, emailChangeLinkState, type WelcomeLinkState, welcomeLinkState } from "./link-states";
import { endOtherSessions } from "@/lib/security/mutations";
import { PROFILE_TEXT_KEYS, type ProfileTextField, storedText } from "./profile-fields";
import { type OwnEmailChangeInput, type OwnProfileInput, type PeopleFilter, type PersonFields, choicesToAccount, normaliseMobile } from "./schemas";
import { EMAIL_CHANGE_LINK_MS, EMAIL_CHANGE_PATH, WELCOME_LINK_MS, WELCOME_PATH, hashLinkToken, hashWelcomeToken, newLinkToken, newWelcomeToken } from "./welcome-token";

export const DUPLICATE_EMAIL_MESSAGE = "Someone else already uses this e-mail address. Each person needs their own.";
export const DUPLICATE_MOBILE_MESSAGE =
  "Someone else already uses this mobile number. While sign-in codes by text message are on, each person needs their own number (M6).";

/** The stored values of the person form (P1, P2: external ⇒ no other role). */
async function accountValues(tx: Db, input: PersonFields, personId: string | null) {
  const { audience, roles } = choicesToAccount(input.roles);
  const mobile = normaliseMobile(input.mobile) || null;
  const locationId = input.locationId ? Number(input.locationId) : null;

  const [sameEmail] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(sql`lower(${people.email}) = lower(${input.email})`, personId ? ne(people.id, personId) : undefined))
    .limit(1);
  if (sameEmail) throw new ActionError(DUPLICATE_EMAIL_MESSAGE, "email");

  if (locationId !== null) {
    const [location] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, locationId));
    if (!location) throw new ActionError("This location no longer exists. Choose another.", "locationId");
  }

  await assertMobileFree(tx, mobile, personId);
  // The profile's text (M3): a field left out is left as it is.
  const profile: Partial<Record<ProfileTextField, string | null>> = {};
  for (const field of PROFILE_TEXT_KEYS) if (input[field] !== undefined) profile[field] = storedText(input[field]);
  return { name: input.name, email: input.email, audience, roles, mobile, locationId, ...profile, ...(input.showMobile !== undefined ? { showMobile: input.showMobile } : {}) };
}

/** M6: duplicate mobile numbers only matter while mobile sign-in codes are on. `mobile` is normalised. */
async function assertMobileFree(tx: Db, mobile: string | null, personId: string | null): Promise<void> {
  if (!mobile || !(await getAuthenticationSettings(tx)).mobileCodes) return;
  const [sameMobile] = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        sql`regexp_replace(${people.mobile}, '[^0-9+]', '', 'g') = ${mobile}`,
        personId ? ne(people.id, personId) : undefined,
      ),
    )
    .limit(1);
  if (sameMobile) throw new ActionError(DUPLICATE_MOBILE_MESSAGE, "mobile");
}

/** M3: quick creation. The person is unauthorised, with no password, until their welcome link is used (P3). */
export async function createPerson(tx: Db, input: PersonFields): Promise<{ id: string }> {
  const values = await accountValues(tx, input, null);
  const [row] = await tx.insert(people).values(values).onConflictDoNothing().returning({ id: people.id });
  if (!row) throw new ActionError(DUPLICATE_EMAIL_MESSAGE, "email");
  return row;
}

/**
 * M3: editing. A changed e-mail address ends the person's sessions (sessions_valid_from)
 * and their unused welcome links (they were sent to the old address); so does a change
 * of audience or roles, so that no session carries the old rights a moment longer.
 */
export async function updatePerson(
  tx: Db,
  viewer: Pick<Viewer, "id">,
  input: PersonFields & { personId: string },
): Promise<{ emailChanged: boolean; accessChanged: boolean }> {
  const [before] = await tx
    .select({
      email: people.email,
      audience: people.audience,
      roles: people.roles,
      blocked: people.blocked,
      authorised: sql<boolean>`${people.authorisedAt} is not null`,
    })
    .from(people)
    .where(eq(people.id, input.personId))
    .for("update");
  if (!before) throw new ActionError("This person no longer exists.");
  const values = await accountValues(tx, input, input.personId);
  // P3: never one's own role, never the last active webmaster (./way-in.ts, shared with the import).
  const wasWebmaster = before.roles.includes("webmaster");
  if (wasWebmaster && !values.roles.includes("webmaster")) {
    const state = { webmaster: true, blocked: before.blocked, authorised: before.authorised };
    const [problem] = wayInProblems(viewer.id, [{ id: input.personId, before: state, after: { ...state, webmaster: false } }], await activeWebmasterIds(tx));
    if (problem) throw new ActionError(problem.message, "roles");
  }
  const emailChanged = before.email.toLowerCase() !== values.email.toLowerCase();
  const accessChanged = before.audience !== values.audience || [...before.roles].sort().join() !== [...values.roles].sort().join();
  const now = new Date();
  await tx
    .update(people)
    .set({ ...values, updatedAt: now, ...(emailChanged ? { sessionsValidFrom: now } : {}) })
    .where(eq(people.id, input.personId));
  if (emailChanged) {
    await tx
      .update(welcomeLinks)
      .set({ supersededAt: now })
      .where(and(eq(welcomeLinks.personId, input.personId), isNull(welcomeLinks.usedAt), isNull(welcomeLinks.supersededAt)));
  }
  return { emailChanged, accessChanged };
}

export const MOBILE_NEEDS_PASSWORD_MESSAGE = "Enter your password: changing the mobile number that receives sign-in codes needs it.";

/** Whether saving `mobile` would change the person's mobile number (then the password is asked for). */
export async function ownMobileChanges(db: Db, personId: string, mobile: string): Promise<boolean> {
  const [row] = await db.select({ mobile: people.mobile }).from(people).where(eq(people.id, personId)).limit(1);
  return !!row && normaliseMobile(mobile) !== normaliseMobile(row.mobile ?? "");
}

/**
 * E3: a person changes their own profile (never their e-mail, audience, roles or
 * organisation). A changed mobile number needs the password (sign-in codes go to it),
 * checked by the action before its transaction (`passwordRechecked`, lib/auth/recheck.ts),
 * and, while mobile codes are on, must be no one else's (M6). Answers the fields changed.
 */
export async function updateOwnProfile(tx: Db, viewer: Pick<Viewer, "id">, input: OwnProfileInput, passwordRechecked: boolean): Promise<{ changed: string[] }> {
  const [before] = await tx
    .select({
      name: people.name,
      jobTitle: people.jobTitle,
      workPhone: people.workPhone,
      about: people.about,
      mobile: people.mobile,
      showMobile: people.showMobile,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
    })
    .from(people)
    .where(eq(people.id, viewer.id))
    .for("update");
  if (!before) throw new ActionError("Your account no longer exists.");
  const after = {
    name: input.name,
    jobTitle: storedText(input.jobTitle),
    workPhone: storedText(input.workPhone),
    about: storedText(input.about),
    mobile: normaliseMobile(input.mobile) || null,
    // P6: left out, it stays as it is.
    showMobile: input.showMobile ?? before.showMobile,
  };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) =>
    k === "mobile" ? (after.mobile ?? "") !== normaliseMobile(before.mobile ?? "") : after[k] !== before[k],
  );
  if (changed.includes("mobile")) {
    // Also when the number changed after the action decided no password was needed.
    if (before.hasPassword && !passwordRechecked) throw new ActionError(MOBILE_NEEDS_PASSWORD_MESSAGE, "password");
    await assertMobileFree(tx, after.mobile, viewer.id);
  }
  if (changed.length) {
    await tx
      .update(people)
      .set({ ...Object.fromEntries(changed.map((k) => [k, after[k]])), updatedAt: new Date() })
      .where(eq(people.id, viewer.id));
  }
  return { changed };
}

/** P3: blocking ends every session at its next request (loadViewer refuses a blocked person). */
export async function setBlocked(tx: Db, viewer: Pick<Viewer, "id">, personIds: string[], blocked: boolean): Promise<{ changed: string[] }> {
  if (blocked) {
    // P3: never oneself, never the last active webmaster (./way-in.ts, shared with the import).
    const active = await activeWebmasterIds(tx);
    const state = { webmaster: true, blocked: false, authorised: true };
    const changes = [...new Set([...personIds.filter((id) => active.includes(id)), ...(personIds.includes(viewer.id) ? [viewer.id] : [])])].map((id) => ({
      id,
      before: state,
      after: { ...state, blocked: true },
    }));
    const [problem] = wayInProblems(viewer.id, changes, active);
    if (problem) throw new ActionError(problem.id === viewer.id ? `${problem.message} Untick your own row.` : problem.message, "personIds");
  }
  const now = new Date();
  const changed = await tx
    .update(people)
    .set({ blocked, updatedAt: now, ...(blocked ? { sessionsValidFrom: now } : {}) })
    .where(and(inArray(people.id, personIds), eq(people.blocked, !blocked)))
    .returning({ id: people.id });
  return { changed: changed.map((r) => r.id) };
}


/**
 * M2, P3: sends a welcome e-mail to the planned recipients. For each: every older link
 * is superseded, a new one is stored (its hash only), the account becomes unauthorised
 * again with no password and no live session until the new link is used, and the mail
 * is queued in this transaction (lib/mail/outbox.ts: one plain address, or nothing).
 */
export async function sendWelcomes(
  tx: Db,
  viewer: Pick<Viewer, "id">,
  input: { personIds: string[]; filter: PeopleFilter },
  now: Date = new Date(),
): Promise<{ sent: string[]; skipped: Record<string, number> }> {
  const plan = await planWelcome(tx, viewer, input, { lock: true });
  const usable = plan.recipients.filter((r) => isSingleAddress(r.email));
  const skipped = { ...plan.skipped, unusableAddress: plan.recipients.length - usable.length };
  if (usable.length === 0) return { sent: [], skipped };

  const ids = usable.map((r) => r.id);
  const expiresAt = new Date(now.getTime() + WELCOME_LINK_MS);
  await tx
    .update(welcomeLinks)
    .set({ supersededAt: now })
    .where(and(inArray(welcomeLinks.personId, ids), isNull(welcomeLinks.usedAt), isNull(welcomeLinks.supersededAt)));
  await tx
    .update(people)
    .set({ authorisedAt: null, passwordHash: null, welcomeSentAt: now, sessionsValidFrom: now, updatedAt: now })
    .where(inArray(people.id, ids));

  const origin = siteOrigin();
  const links = usable.map((r) => ({ ...r, ...newWelcomeToken() }));
  await tx.insert(welcomeLinks).values(links.map((l) => ({ tokenHash: l.tokenHash, personId: l.id, createdAt: now, expiresAt })));
  const expiresText = expiryText(expiresAt);
  const messages = await Promise.all(
    links.map(async (l) => ({
      idempotencyKey: `welcome:${l.id}:${l.tokenHash.slice(0, 32)}`,
      recipientId: l.id,
      to: l.email,
      ...(await renderWelcome({ name: l.name, url: `${origin}${WELCOME_PATH}/${l.token}`, expiresText })),
    })),
  );
  await enqueueMails(tx, messages);
  return { sent: ids, skipped };
}

export const WELCOME_LINK_MESSAGES: Record<Exclude<WelcomeLinkState, "usable">, string> = {
  used: "This link has already been used to set a password. Sign in with your e-mail address and that password. If you have forgotten it, ask your Portico administrator to send you a new welcome e-mail.",
  superseded: "A newer welcome e-mail has been sent to you, so this link no longer works. Use the link in the most recent welcome e-mail.",
  expired: "This link has expired: welcome links work for 7 days. Ask your Portico administrator to send you a new welcome e-mail.",
  unknown: "This link is not valid. Check that you copied the whole address from the e-mail, or ask your Portico administrator for a new welcome e-mail.",
  blocked: "This account is blocked, so this link cannot be used. Contact your Portico administrator.",
};

/**
 * P3: completes a welcome link — sets the password (argon2id, hashed before this is
 * called), marks the link used and the account authorised, and ends any older session.
 * The link row is locked, so two submissions of one link cannot both succeed.
 */
export async function completeWelcome(
  tx: Db,
  token: string,
  passwordHash: string,
  now: Date = new Date(),
): Promise<{ ok: true; personId: string; email: string } | { ok: false; state: Exclude<WelcomeLinkState, "usable">; personId?: string }> {
  const tokenHash = hashWelcomeToken(token);
  await tx.select({ h: welcomeLinks.tokenHash }).from(welcomeLinks).where(eq(welcomeLinks.tokenHash, tokenHash)).for("update");
  const link = await welcomeLinkState(tokenHash, tx, now);
  if (link.state !== "usable") return { ok: false, state: link.state, personId: link.personId };
  await tx.update(welcomeLinks).set({ usedAt: now }).where(eq(welcomeLinks.tokenHash, tokenHash));
  await tx.update(people).set({ passwordHash, authorisedAt: now, sessionsValidFrom: now, updatedAt: now }).where(eq(people.id, link.personId!));
  return { ok: true, personId: link.personId!, email: link.email! };
}

// A person's own e-mail change.

export const EMAIL_CHANGE_NO_PASSWORD_MESSAGE =
  "Your account has no Portico password, so its e-mail address cannot be changed here. Ask your Portico administrator to change it.";
export const EMAIL_CHANGE_SSO_MESSAGE =
  "You sign in through your organisation’s single sign-on, which knows you by your e-mail address, so it cannot be changed here. Ask your Portico administrator to change it.";
export const EMAIL_CHANGE_WRONG_PASSWORD_MESSAGE = "Your current password is not right. Nothing was changed.";
export const EMAIL_CHANGE_SAME_MESSAGE = "This is already your e-mail address. Enter the new address you want to use.";

/**
 * Own e-mail change: asks for the person's own e-mail address to change. The password was
 * checked before, under the sign-in rate limits, by the action (lib/auth/recheck.ts), so
 * nothing is said about addresses to someone without it; the new address must be a
 * different one that no one else has.
 * Older waiting requests are replaced, and the confirmation link is queued to the NEW
 * address. Nothing else changes until the link is followed.
 */
export async function requestOwnEmailChange(
  tx: Db,
  viewer: Pick<Viewer, "id">,
  input: OwnEmailChangeInput,
  now: Date = new Date(),
): Promise<{ sentTo: string; expiresAt: Date }> {
  const [person] = await tx
    .select({
      name: people.name,
      email: people.email,
      hash: people.passwordHash,
      usesSso: sql<boolean>`exists (select 1 from sessions s where s.person_id = "people"."id" and s.via = 'sso')`,
    })
    .from(people)
    .where(eq(people.id, viewer.id))
    .for("update");
  if (!person) throw new ActionError("Your account no longer exists.");
  if (!person.hash) throw new ActionError(EMAIL_CHANGE_NO_PASSWORD_MESSAGE);
  if (person.usesSso) throw new ActionError(EMAIL_CHANGE_SSO_MESSAGE);
  if (input.newEmail.toLowerCase() === person.email.toLowerCase()) throw new ActionError(EMAIL_CHANGE_SAME_MESSAGE, "newEmail");
  const [taken] = await tx.select({ id: people.id }).from(people).where(sql`lower(${people.email}) = lower(${input.newEmail})`).limit(1);
  if (taken) throw new ActionError(DUPLICATE_EMAIL_MESSAGE, "newEmail");

  await tx
    .update(emailChanges)
    .set({ supersededAt: now })
    .where(and(eq(emailChanges.personId, viewer.id), isNull(emailChanges.usedAt), isNull(emailChanges.supersededAt)));
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_LINK_MS);
  await tx.insert(emailChanges).values({ tokenHash, personId: viewer.id, oldEmail: person.email, newEmail: input.newEmail, createdAt: now, expiresAt });
  const mail = await renderConfirmEmailChange({ name: person.name, url: `${siteOrigin()}${EMAIL_CHANGE_PATH}/${token}`, expiresText: expiryText(expiresAt) });
  // queueMail refuses anything but one plain address (the schema already did).
  await queueMail(tx, { idempotencyKey: `email-change:${viewer.id}:${tokenHash.slice(0, 32)}`, recipientId: viewer.id, to: input.newEmail, ...mail });
  return { sentTo: input.newEmail, expiresAt };
}

export const EMAIL_CHANGE_LINK_MESSAGES: Record<Exclude<EmailChangeLinkState, "usable">, string> = {
  used: "This link has already been used: your e-mail address was changed with it. Nothing more to do.",
  superseded: "You asked again for a change of e-mail address, so this link no longer works. Use the link in the most recent e-mail.",
  expired: "This link has expired: links to confirm a new e-mail address work for 24 hours. Ask again on your Security page.",
  unknown: "This link is not valid. Check that you copied the whole address from the e-mail, or ask again on your Security page.",
  "other-account": "This link is for another account. Sign out, then sign in as the person who asked for the change and open the link again.",
  outdated: "Your e-mail address has been changed since you asked, so this link no longer works. Ask again on your Security page if you still want to change it.",
  taken: "Someone else now uses this e-mail address, so it cannot become yours. Ask again on your Security page with another address.",
};

/**
 * Own e-mail change: follows the confirmation link, signed in as the person who asked.
 * The link is locked and checked, then used: the address changes, every other session of
 * the person ends (this one stays), unused welcome links (sent to the old address) stop
 * working, and the notice is queued to the OLD address. A link that cannot be used
 * changes nothing.
 */
export async function confirmOwnEmailChange(
  tx: Db,
  viewer: Pick<Viewer, "id" | "sessionId">,
  token: string,
  now: Date = new Date(),
): Promise<{ oldEmail: string; newEmail: string; endedSessions: number }> {
  const tokenHash = hashLinkToken(token);
  await tx.select({ h: emailChanges.tokenHash }).from(emailChanges).where(eq(emailChanges.tokenHash, tokenHash)).for("update");
  await tx.select({ id: people.id }).from(people).where(eq(people.id, viewer.id)).for("update");
  const link = await emailChangeLinkState(viewer, tokenHash, tx, now);
  if (link.state !== "usable") throw new ActionError(EMAIL_CHANGE_LINK_MESSAGES[link.state]);
  const oldEmail = link.oldEmail!;
  const newEmail = link.newEmail!;
  await tx.update(emailChanges).set({ usedAt: now }).where(eq(emailChanges.tokenHash, tokenHash));
  await tx.update(people).set({ email: newEmail, updatedAt: now }).where(eq(people.id, viewer.id));
  await tx
    .update(welcomeLinks)
    .set({ supersededAt: now })
    .where(and(eq(welcomeLinks.personId, viewer.id), isNull(welcomeLinks.usedAt), isNull(welcomeLinks.supersededAt)));
  const ended = await endOtherSessions(tx, viewer.id, viewer.sessionId, now);
  if (isSingleAddress(oldEmail)) {
    const notice = await renderEmailNowChanged({ newEmail, signInUrl: `${siteOrigin()}/login` });
    await queueMail(tx, { idempotencyKey: `email-changed:${viewer.id}:${tokenHash.slice(0, 32)}`, recipientId: viewer.id, to: oldEmail, ...notice });
  }
  return { oldEmail, newEmail, endedSessions: ended };
}
