/**
 * The group actions (G1–G5, E5, S8, M8), called as a browser calls them: through
 * defineAction, the viewer re-read from the database on every call. Expectations are
 * written from the rules (SPEC G1–G5, E5, S8, C5), not read from the code. A refused or
 * bad call must answer clearly AND leave the group tables exactly as they were.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Connection, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import type { OrgFile } from "@/lib/org-file/schema";
import { expandDueEvents } from "@/lib/notifications/fan-out";
import { type Harness, createHarness, expectUnchanged, signInAs, viewerOf as loadedViewerOf } from "@/lib/testing/harness";

// The picker's search is E4/E5's (lib/access/pickers.test.ts); here only who may use it.
const searchPeople = vi.hoisted(() => vi.fn(async () => [] as unknown[]));
vi.mock("@/lib/people/search", () => ({ searchPeople }));

const actions = await import("./actions");
const { REFUSED_MESSAGE } = await import("@/lib/actions");
const { LAST_ADMIN_MESSAGE } = await import("./mutations");
const queries = await import("./manage-queries");
const { membershipState } = await import("./membership-state");

const E = (local: string) => `${local}@groups.test`;

const ORG = {
  people: [
    { email: E("web"), name: "Wendy Webmaster", audience: "organisational", roles: ["organisational", "webmaster"] },
    { email: E("admin1"), name: "Ada Admin", audience: "organisational" },
    { email: E("admin2"), name: "Bea Admin", audience: "organisational" },
    { email: E("member"), name: "Mel Member", audience: "organisational" },
    { email: E("stranger"), name: "Sid Stranger", audience: "organisational" },
    { email: E("ext"), name: "Xena External", audience: "external" },
    { email: E("ext-member"), name: "Xavi External-Member", audience: "external" },
    { email: E("blocked"), name: "Bo Blocked", audience: "organisational", blocked: true },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
  groups: [
    { slug: "open", name: "Open House", description: "", visibility: "public", members: [{ person: E("admin1"), admin: true }, { person: E("member") }] },
    {
      slug: "club",
      name: "Book Club",
      description: "Reading together",
      visibility: "private",
      members: [{ person: E("admin1"), admin: true }, { person: E("admin2"), admin: true }, { person: E("ext-member") }],
    },
    { slug: "hidden", name: "Hidden Project", description: "", visibility: "secret", members: [{ person: E("admin1"), admin: true }] },
    { slug: "solo", name: "Solo Circle", description: "", visibility: "private", members: [{ person: E("admin1"), admin: true }, { person: E("member") }] },
  ],
  content: [
    { key: "club-news", type: "news", title: "Club news", body: "<p>Chapter one</p>", group: "club", author: E("admin1"), status: "published" },
    { key: "club-poll", type: "poll", title: "Next book", body: "", group: "club", author: E("admin1"), status: "published", options: ["Dune", "Emma"] },
    { key: "club-shared", type: "news", title: "Shared club news", body: "", group: "club", sharedInto: ["news"], author: E("admin1"), status: "published" },
  ],
  settings: { externalAccess: { groups: false } },
} satisfies Partial<OrgFile> & Record<string, unknown>;

let h: Harness;
let conn: Connection;

const GROUP_TABLES = [schema.groups, schema.groupMembers, schema.groupJoinRequests, schema.groupInvitations, schema.content, schema.outboxMessages, schema.notificationEvents];

const group = (slug: string) => {
  const id = h.ids.groups.get(slug);
  if (id === undefined) throw new Error(`no group ${slug}`);
  return id;
};
const person = (local: string) => h.person(E(local));
const as = (local: string) => signInAs(E(local));

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await conn.db.execute(query));
}
async function membersOf(slug: string): Promise<string[]> {
  const list = await rows<{ email: string; is_admin: boolean }>(
    sql`select p.email, gm.is_admin from group_members gm join people p on p.id = gm.person_id where gm.group_id = ${group(slug)} order by p.email`,
  );
  return list.map((r) => `${r.email.split("@")[0]}${r.is_admin ? " (admin)" : ""}`);
}
async function adminCount(slug: string): Promise<number> {
  const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from group_members where group_id = ${group(slug)} and is_admin`);
  return row!.n;
}
/** What reached this person's inbox, once the notifications recorded so far were expanded (K5: the worker does it after the commit). */
async function mailTo(local: string): Promise<{ subject: string; text: string; html: string }[]> {
  await expandDueEvents(conn.db);
  return rows(sql`select subject, text, html from outbox_messages where to_address = ${E(local)} order by id`);
}
async function lastAudit(): Promise<{ action: string; target_type: string | null; target_id: string | null; details: Record<string, unknown> }> {
  const [row] = await rows<{ action: string; target_type: string | null; target_id: string | null; details: Record<string, unknown> }>(
    sql`select action, target_type, target_id, details from audit_events order by id desc limit 1`,
  );
  return row!;
}
async function setGroupsSwitch(on: boolean) {
  await conn.db.execute(sql`update settings set value = jsonb_set(value, '{groups}', ${on ? "true" : "false"}::jsonb) where key = 'externalAccess'`);
}
async function setVisibility(slug: string, visibility: "public" | "private" | "secret") {
  await conn.db.execute(sql`update groups set visibility = ${visibility} where id = ${group(slug)}`);
}

function expectOk<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.data;
}
function expectRefused(result: ActionResult<unknown>) {
  expect(result).toEqual({ ok: false, formError: REFUSED_MESSAGE });
}
function fieldError(result: ActionResult<unknown>, field: string): string {
  expect(result.ok).toBe(false);
  const message = !result.ok ? result.fieldErrors?.[field] : undefined;
  expect(message, `field error on ${field} in ${JSON.stringify(result)}`).toEqual(expect.any(String));
  return message!;
}
function formError(result: ActionResult<unknown>): string {
  expect(result.ok).toBe(false);
  return (!result.ok && result.formError) || "";
}

beforeAll(async () => {
  h = await createHarness();
  conn = h.conn;
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.load(ORG, { reset: true });
  // K5: requests and invitations are e-mailed as each person prefers (the daily digest by
  // default); here everyone wants them at once, so each test reads its mail straight away.
  await conn.db.execute(sql`
    insert into notification_preferences (person_id, kind, delivery)
    select p.id, k::notification_kind, 'immediate' from people p, unnest(array['group_request', 'group_invitation']) k
    on conflict do nothing`);
});

describe("G5 E5 creating a group", () => {
  it("G5 an organisational person creates a group, its address from its name, and is its first admin (audited, M8)", async () => {
    await as("stranger");
    const created = expectOk(await actions.createGroupAction({ name: "Café & Cake Lovers", description: "Fridays", visibility: "private" }));
    expect(created.slug).toBe("cafe-and-cake-lovers");
    await h.refreshIds();
    expect(await membersOf("cafe-and-cake-lovers")).toEqual(["stranger (admin)"]);
    const [row] = await rows<{ created_by: string; visibility: string }>(sql`select created_by, visibility::text from groups where slug = 'cafe-and-cake-lovers'`);
    expect(row).toEqual({ created_by: person("stranger"), visibility: "private" });
    expect(await lastAudit()).toMatchObject({ action: "group.create", target_type: "group", target_id: String(created.id), details: { slug: "cafe-and-cake-lovers", visibility: "private" } });
  });

  it("E5 external people never create groups, with or without the Groups switch; nothing is written", async () => {
    for (const on of [false, true]) {
      await setGroupsSwitch(on);
      await as("ext");
      const result = await expectUnchanged(GROUP_TABLES, () => actions.createGroupAction({ name: "Partners", description: "", visibility: "public" }));
      expectRefused(result);
      expect((await lastAudit()).action).toBe("group.create.refused");
    }
  });

  it("G5 a name whose address is taken gets a clear message on the name, and nothing is written", async () => {
    await as("stranger");
    const result = await expectUnchanged(GROUP_TABLES, () => actions.createGroupAction({ name: "  CLUB!", description: "", visibility: "public" }));
    expect(fieldError(result, "name")).toMatch(/\/groups\/club already exists/);
  });

  it("Q3 bad input gets a message per field and changes nothing", async () => {
    await as("stranger");
    const cases: [unknown, string][] = [
      [{ name: "", description: "", visibility: "public" }, "name"],
      [{ name: "x".repeat(121), description: "", visibility: "public" }, "name"],
      [{ name: "Line\nbreak", description: "", visibility: "public" }, "name"],
      [{ name: "Fine", description: "d".repeat(2001), visibility: "public" }, "description"],
      [{ name: "Fine", description: "", visibility: "hidden" }, "visibility"],
      [{ name: "!!!", description: "", visibility: "public" }, "name"],
      [{ name: "New", description: "", visibility: "public" }, "name"],
      [{ name: "Invitations", description: "", visibility: "public" }, "name"],
    ];
    for (const [input, field] of cases) {
      const result = await expectUnchanged(GROUP_TABLES, () => actions.createGroupAction(input));
      expect(fieldError(result, field).length).toBeGreaterThan(5);
    }
  });
});

describe("G1 G3 E5 joining and requesting", () => {
  it("G1 anyone organisational joins a public group; a second Join is answered, not doubled", async () => {
    await as("stranger");
    expect(expectOk(await actions.joinGroupAction({ groupId: group("open") }))).toEqual({ outcome: "joined" });
    expect(expectOk(await actions.joinGroupAction({ groupId: group("open") }))).toEqual({ outcome: "already-member" });
    expect(await membersOf("open")).toContain("stranger");
    expect((await lastAudit()).action).toBe("group.join");
  });

  it("G3 E5 external people join a public group only with the Groups switch on", async () => {
    await as("ext");
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.joinGroupAction({ groupId: group("open") })));
    await setGroupsSwitch(true);
    expectOk(await actions.joinGroupAction({ groupId: group("open") }));
    expect(await membersOf("open")).toContain("ext");
  });

  it("G1 private and secret groups cannot be joined directly; a secret group answers as a missing one (C5)", async () => {
    await as("stranger");
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.joinGroupAction({ groupId: group("club") })));
    const secret = await expectUnchanged(GROUP_TABLES, () => actions.joinGroupAction({ groupId: group("hidden") }));
    const missing = await expectUnchanged(GROUP_TABLES, () => actions.joinGroupAction({ groupId: 999_999 }));
    expect(secret).toEqual(missing);
  });

  it("G1 a request to a private group, with a message, is pending and its admins (only) are e-mailed", async () => {
    await as("stranger");
    const data = expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "I love books.\nPlease let me in." }));
    expect(data.outcome).toBe("requested");
    const [request] = await rows<{ status: string; message: string }>(sql`select status::text, message from group_join_requests where person_id = ${person("stranger")}`);
    expect(request).toEqual({ status: "pending", message: "I love books.\nPlease let me in." });
    for (const admin of ["admin1", "admin2"]) {
      const [mail] = await mailTo(admin);
      expect(mail!.subject).toBe("Sid Stranger asks to join Book Club");
      expect(mail!.text).toContain("I love books.");
      expect(mail!.text).toContain("/groups/club/manage");
    }
    expect(await mailTo("ext-member")).toEqual([]);
    expect(await mailTo("stranger")).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: "group.request", target_id: String(group("club")), details: { outcome: "requested" } });
  });

  it("G1 asking twice leaves one pending request (one per person and group)", async () => {
    await as("stranger");
    expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "" }));
    expect(expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "again" })).outcome).toBe("already-requested");
    expect(await rows(sql`select 1 from group_join_requests where person_id = ${person("stranger")}`)).toHaveLength(1);
  });

  it("G1 C5 a request to a group that became secret meanwhile is answered like a missing group; nothing is written", async () => {
    await setVisibility("club", "secret");
    await as("stranger");
    const secret = await expectUnchanged(GROUP_TABLES, () => actions.requestToJoinGroupAction({ groupId: group("club"), message: "hi" }));
    const missing = await expectUnchanged(GROUP_TABLES, () => actions.requestToJoinGroupAction({ groupId: 999_999, message: "hi" }));
    expect(secret).toEqual(missing);
    expectRefused(secret);
  });

  it("Q3 a message over 500 characters is refused with a message; nothing is written", async () => {
    await as("stranger");
    const result = await expectUnchanged(GROUP_TABLES, () => actions.requestToJoinGroupAction({ groupId: group("club"), message: "m".repeat(501) }));
    expect(fieldError(result, "message")).toMatch(/500 characters/);
  });

  it("G3 E5 external people ask to join a private group only with the Groups switch", async () => {
    await as("ext");
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.requestToJoinGroupAction({ groupId: group("club"), message: "" })));
    await setGroupsSwitch(true);
    expect(expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "" })).outcome).toBe("requested");
  });

  it("G1 the requester cancels their own request; someone without one is refused", async () => {
    await as("stranger");
    expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "" }));
    expectOk(await actions.cancelGroupRequestAction({ groupId: group("club") }));
    expect(await rows(sql`select status::text from group_join_requests where person_id = ${person("stranger")}`)).toEqual([{ status: "cancelled" }]);
    await as("member");
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.cancelGroupRequestAction({ groupId: group("club") })));
  });
});

describe("G1 G5 deciding requests", () => {
  async function requestFrom(local: string, slug = "club"): Promise<number> {
    await as(local);
    return expectOk(await actions.requestToJoinGroupAction({ groupId: group(slug), message: "please" })).requestId!;
  }

  it("G5 an admin approves: one membership, the requester is told; a second Approve says it was already decided", async () => {
    const requestId = await requestFrom("stranger");
    await as("admin2");
    expect(expectOk(await actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "approve" }))).toEqual({ outcome: "approved", status: "approved" });
    const again = await expectUnchanged(GROUP_TABLES, () => actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "approve" }));
    expect(expectOk(again)).toEqual({ outcome: "already-decided", status: "approved" });
    expect((await membersOf("club")).filter((m) => m === "stranger")).toHaveLength(1);
    const mails = await mailTo("stranger");
    expect(mails.map((m) => m.subject)).toEqual(["You have joined Book Club"]);
    expect(await lastAudit()).toMatchObject({ action: "group.request.decide", details: { decision: "approve", outcome: "already-decided" } });
  });

  it("G5 two Approve clicks at once give one membership and one e-mail", async () => {
    const requestId = await requestFrom("stranger");
    await as("admin1");
    const both = await Promise.all([1, 2].map(() => actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "approve" })));
    expect(both.map((r) => expectOk(r).outcome).sort()).toEqual(["already-decided", "approved"]);
    expect((await membersOf("club")).filter((m) => m === "stranger")).toHaveLength(1);
    expect(await mailTo("stranger")).toHaveLength(1);
  });

  it("G5 a decline: no membership, the requester is told", async () => {
    const requestId = await requestFrom("stranger");
    await as("admin1");
    expect(expectOk(await actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "decline" })).outcome).toBe("declined");
    expect(await membersOf("club")).not.toContain("stranger");
    expect((await mailTo("stranger")).map((m) => m.subject)).toEqual(["Your request to join Book Club was declined"]);
  });

  it("C4 a decline after the group became secret tells the requester nothing (its name is not theirs to see)", async () => {
    const requestId = await requestFrom("stranger");
    await setVisibility("club", "secret");
    await as("admin1");
    expectOk(await actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "decline" }));
    expect(await mailTo("stranger")).toEqual([]);
  });

  it("G5 webmasters decide in every group; members and strangers are refused", async () => {
    const requestId = await requestFrom("stranger");
    for (const local of ["ext-member", "member"]) {
      await as(local);
      expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "approve" })));
    }
    await as("web");
    expect(expectOk(await actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "approve" })).outcome).toBe("approved");
  });

  it("G5 a request of another group cannot be decided through a group one administers", async () => {
    const requestId = await requestFrom("stranger", "solo");
    await as("admin2"); // admin of club, not of solo
    const result = await expectUnchanged(GROUP_TABLES, () => actions.decideGroupRequestAction({ groupId: group("club"), requestId, decision: "approve" }));
    expect(formError(result)).toMatch(/could not be found/);
  });
});

describe("G5 S8 invitations", () => {
  it("S8 inviting an external person needs the acknowledgement; nothing is written without it", async () => {
    await as("admin1");
    const result = await expectUnchanged(GROUP_TABLES, () => actions.inviteToGroupAction({ groupId: group("hidden"), personIds: [person("ext")], acknowledgeExternal: false }));
    expect(fieldError(result, "acknowledgeExternal")).toMatch(/external users/);
  });

  it("G5 an admin invites; the invitee is e-mailed a link to the group, sees it, accepts and is a member", async () => {
    await as("admin1");
    expect(expectOk(await actions.inviteToGroupAction({ groupId: group("hidden"), personIds: [person("ext"), person("stranger")], acknowledgeExternal: true }))).toMatchObject({ invited: 2, skipped: 0 });
    expect(await lastAudit()).toMatchObject({ action: "group.invitations.create", details: { acknowledgedS8: true, externals: [person("ext")] } });
    const [mail] = await mailTo("ext");
    expect(mail!.subject).toBe("Ada Admin invites you to join Hidden Project");
    expect(mail!.text).toContain("/groups/hidden");
    // Invited: the invitee may see the group (to accept), not its content.
    const ext = await loadedViewerOf(E("ext"));
    expect(await membershipState(ext, group("hidden"))).toMatchObject({ state: "invited" });
    await as("ext");
    expectOk(await actions.respondToGroupInvitationAction({ groupId: group("hidden"), accept: true }));
    expect(await membersOf("hidden")).toContain("ext");
    expect(await membershipState(ext, group("hidden"))).toMatchObject({ state: "member" });
    // A second answer has no invitation to answer.
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.respondToGroupInvitationAction({ groupId: group("hidden"), accept: true })));
  });

  it("G5 inviting members or people invited already skips them; declining leaves one outside; admins cancel invitations", async () => {
    await as("admin1");
    expectOk(await actions.inviteToGroupAction({ groupId: group("solo"), personIds: [person("stranger")], acknowledgeExternal: false }));
    expect(expectOk(await actions.inviteToGroupAction({ groupId: group("solo"), personIds: [person("stranger"), person("member")], acknowledgeExternal: false }))).toMatchObject({ invited: 0, skipped: 2 });
    await as("stranger");
    expectOk(await actions.respondToGroupInvitationAction({ groupId: group("solo"), accept: false }));
    expect(await membersOf("solo")).not.toContain("stranger");
    await as("admin1");
    expectOk(await actions.inviteToGroupAction({ groupId: group("solo"), personIds: [person("ext")], acknowledgeExternal: true }));
    const [invitation] = await rows<{ id: number }>(sql`select id from group_invitations where person_id = ${person("ext")} and status = 'pending'`);
    expect(expectOk(await actions.cancelGroupInvitationAction({ groupId: group("solo"), invitationId: invitation!.id })).cancelled).toBe(true);
    await as("ext");
    expectRefused(await actions.respondToGroupInvitationAction({ groupId: group("solo"), accept: true }));
  });

  it("G5 only admins and webmasters invite", async () => {
    for (const local of ["member", "stranger", "ext-member"]) {
      await as(local);
      expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.inviteToGroupAction({ groupId: group("club"), personIds: [person("web")], acknowledgeExternal: false })));
    }
    await as("web");
    expectOk(await actions.inviteToGroupAction({ groupId: group("club"), personIds: [person("stranger")], acknowledgeExternal: false }));
  });
});

describe("G5 members, admins and the last admin", () => {
  it("G5 admins add members (S8 for external people), make and remove admins, remove members", async () => {
    await as("admin1");
    fieldError(await actions.addGroupMembersAction({ groupId: group("solo"), personIds: [person("ext")], acknowledgeExternal: false }), "acknowledgeExternal");
    expect(expectOk(await actions.addGroupMembersAction({ groupId: group("solo"), personIds: [person("ext"), person("stranger")], acknowledgeExternal: true })).added).toBe(2);
    expectOk(await actions.setGroupAdminAction({ groupId: group("solo"), personId: person("stranger"), isAdmin: true }));
    expectOk(await actions.setGroupAdminAction({ groupId: group("solo"), personId: person("admin1"), isAdmin: false }));
    // No longer an admin, so no longer managing the group (decided again on the next call).
    expectRefused(await actions.removeGroupMemberAction({ groupId: group("solo"), personId: person("ext") }));
    await as("stranger");
    expectOk(await actions.removeGroupMemberAction({ groupId: group("solo"), personId: person("ext") }));
    expect(await membersOf("solo")).toEqual(["admin1", "member", "stranger (admin)"]);
  });

  it("G5 the last admin can neither leave, be removed nor lose admin — not even by a webmaster", async () => {
    await as("admin1");
    expect(formError(await expectUnchanged(GROUP_TABLES, () => actions.leaveGroupAction({ groupId: group("solo") })))).toBe(LAST_ADMIN_MESSAGE.leave);
    await as("web");
    expect(formError(await expectUnchanged(GROUP_TABLES, () => actions.removeGroupMemberAction({ groupId: group("solo"), personId: person("admin1") })))).toBe(LAST_ADMIN_MESSAGE.remove);
    expect(formError(await expectUnchanged(GROUP_TABLES, () => actions.setGroupAdminAction({ groupId: group("solo"), personId: person("admin1"), isAdmin: false })))).toBe(LAST_ADMIN_MESSAGE.demote);
    const admin = await loadedViewerOf(E("admin1"));
    expect(await membershipState(admin, group("solo"))).toMatchObject({ state: "admin", onlyAdmin: true });
  });

  it("G5 two admins removing each other at once leave one admin", async () => {
    const [a1, a2] = await Promise.all([
      (async () => {
        await as("admin1");
        return actions.removeGroupMemberAction({ groupId: group("club"), personId: person("admin2") });
      })(),
      (async () => {
        await as("admin2");
        return actions.removeGroupMemberAction({ groupId: group("club"), personId: person("admin1") });
      })(),
    ]);
    expect(await adminCount("club")).toBe(1);
    expect([a1, a2].filter((r) => r.ok)).toHaveLength(1);
  });

  it("G5 two admins leaving at once leave one admin", async () => {
    await as("admin1");
    const left1 = actions.leaveGroupAction({ groupId: group("club") });
    await as("admin2");
    const left2 = actions.leaveGroupAction({ groupId: group("club") });
    const results = await Promise.all([left1, left2]);
    expect(await adminCount("club")).toBe(1);
    expect(results.filter((r) => !r.ok).map(formError)).toEqual([LAST_ADMIN_MESSAGE.leave]);
  });

  it("G5 a member leaves; a non-member is refused", async () => {
    await as("member");
    expect(expectOk(await actions.leaveGroupAction({ groupId: group("open") }))).toEqual({ left: true });
    expectRefused(await actions.leaveGroupAction({ groupId: group("open") }));
  });
});

describe("G1 G5 settings and deletion", () => {
  it("G5 admins edit the name and description; the address stays", async () => {
    await as("admin1");
    expectOk(await actions.updateGroupAction({ groupId: group("club"), name: "Reading Circle", description: "New words" }));
    expect(await rows(sql`select slug, name, description from groups where id = ${group("club")}`)).toEqual([{ slug: "club", name: "Reading Circle", description: "New words" }]);
    await as("member");
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.updateGroupAction({ groupId: group("open"), name: "Mine", description: "" })));
  });

  it("G1 a change of visibility must be confirmed, and is audited with before and after", async () => {
    await as("admin1");
    fieldError(await expectUnchanged(GROUP_TABLES, () => actions.setGroupVisibilityAction({ groupId: group("club"), visibility: "public", confirmed: false })), "confirmed");
    expect(expectOk(await actions.setGroupVisibilityAction({ groupId: group("club"), visibility: "public", confirmed: true }))).toEqual({ from: "private", to: "public" });
    expect(await lastAudit()).toMatchObject({ action: "group.visibility.set", details: { from: "private", to: "public" } });
  });

  it("B4 G1: a change of visibility shows who gains or loses reading the group's content; saved only as previewed", async () => {
    await as("admin1");
    // The club is private: making it public gives its content to everyone in the organisation who is not a member.
    const [nonMembers] = await rows<{ n: number }>(sql`select count(*)::int as n from people p where p.audience = 'organisational' and not p.blocked
      and not 'webmaster' = any(p.roles) and not exists (select 1 from group_members gm where gm.group_id = ${group("club")} and gm.person_id = p.id)`);
    const preview = expectOk(await expectUnchanged(GROUP_TABLES, () => actions.previewGroupVisibilityImpact({ groupId: group("club"), visibility: "public" })));
    expect(Number(nonMembers!.n)).toBeGreaterThan(0);
    // Two of its three items: the third is shared into News, which they can view already (C2).
    expect(preview.impact.gives).toMatchObject({ people: Number(nonMembers!.n), externalPeople: 0, groups: 1, sections: 0, items: 2 });
    expect(preview.impact.removes.people).toBe(0);
    // Private to secret changes who finds it, not who reads it; its confirmation does not confirm making it public.
    const secret = expectOk(await actions.previewGroupVisibilityImpact({ groupId: group("club"), visibility: "secret" }));
    expect(secret.impact.gives.people + secret.impact.removes.people).toBe(0);
    const input = { groupId: group("club"), visibility: "public" as const, confirmed: true as const };
    expect(fieldError(await expectUnchanged(GROUP_TABLES, () => actions.setGroupVisibilityAction({ ...input, impactFingerprint: secret.fingerprint })), "impactFingerprint")).toMatch(
      /has changed since you checked it/,
    );
    expect(expectOk(await actions.setGroupVisibilityAction({ ...input, impactFingerprint: preview.fingerprint }))).toEqual({ from: "private", to: "public" });
    // And back, as previewed: the same people lose it.
    const back = expectOk(await actions.previewGroupVisibilityImpact({ groupId: group("club"), visibility: "private" }));
    expect(back.impact.removes).toMatchObject({ people: Number(nonMembers!.n), groups: 1 });
    expect(expectOk(await actions.setGroupVisibilityAction({ ...input, visibility: "private", impactFingerprint: back.fingerprint }))).toEqual({ from: "public", to: "private" });
    await as("member");
    expectRefused(await actions.previewGroupVisibilityImpact({ groupId: group("club"), visibility: "secret" }));
  });

  it("G5 deleting needs the group's name typed; then the group goes with its content, versions and shares (audited with counts)", async () => {
    await as("admin1");
    const wrong = await expectUnchanged(GROUP_TABLES, () => actions.deleteGroupAction({ groupId: group("club"), confirmName: "Book" }));
    expect(fieldError(wrong, "confirmName")).toMatch(/Book Club/);
    await as("member");
    expectRefused(await expectUnchanged(GROUP_TABLES, () => actions.deleteGroupAction({ groupId: group("solo"), confirmName: "Solo Circle" })));
    await as("admin1");
    // G7: a file with a version; its stored object's key must not outlive the group.
    const key = randomUUID();
    const [file] = await rows<{ id: string }>(sql`insert into group_files (group_id, name) values (${group("club")}, 'Minutes.pdf') returning id`);
    await rows(sql`insert into group_file_versions (file_id, number, storage_key, byte_size, mime_type) values (${file!.id}, 1, ${key}, 10, 'application/pdf') returning 1`);
    expectOk(await actions.deleteGroupAction({ groupId: group("club"), confirmName: " book club " }));
    expect(await rows(sql`select 1 from groups where slug = 'club'`)).toEqual([]);
    expect(await rows(sql`select 1 from group_files where id = ${file!.id}`)).toEqual([]);
    expect(await rows(sql`select 1 from unclaimed_objects where key = ${key}`)).toEqual([]);
    expect(await rows(sql`select 1 from content where title like '%lub news' or title = 'Next book'`)).toEqual([]);
    expect(await rows(sql`select 1 from content_shares`)).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: "group.delete", target_id: String(group("club")), details: { name: "Book Club", items: 3, shares: 1, members: 3, fileVersions: 1 } });
  });
});

describe("C5 G5 the manage page's lookup and the viewer's state", () => {
  it("C5 404 for who may not see the group — the same answer as an unknown address — 403 for who sees it, the group for admins and webmasters", async () => {
    const stranger = await loadedViewerOf(E("stranger"));
    expect(await queries.getGroupManagement(stranger, "hidden")).toEqual(await queries.getGroupManagement(stranger, "no-such-group"));
    expect((await queries.getGroupManagement(stranger, "hidden")).status).toBe("not-found");
    expect((await queries.getGroupManagement(stranger, "club")).status).toBe("forbidden");
    expect((await queries.getGroupManagement(await loadedViewerOf(E("ext")), "club")).status).toBe("not-found"); // G3: switch off
    const managed = await queries.getGroupManagement(await loadedViewerOf(E("admin1")), "club");
    expect(managed).toMatchObject({ status: "ok", value: { slug: "club", memberCount: 3, adminCount: 2, publishedItems: 3 } });
    expect((await queries.getGroupManagement(await loadedViewerOf(E("web")), "hidden")).status).toBe("ok");
  });

  it("G1 G3 the membership state for each kind of viewer", async () => {
    const state = async (local: string, slug: string) => membershipState(await loadedViewerOf(E(local)), group(slug));
    expect(await state("stranger", "open")).toEqual({ state: "none", mayJoin: true, mayRequest: false, onlyAdmin: false });
    expect(await state("stranger", "club")).toEqual({ state: "none", mayJoin: false, mayRequest: true, onlyAdmin: false });
    expect(await state("stranger", "hidden")).toBeNull();
    expect(await state("member", "open")).toMatchObject({ state: "member", mayJoin: false });
    expect(await state("admin1", "club")).toMatchObject({ state: "admin", onlyAdmin: false });
    expect(await state("ext-member", "club")).toMatchObject({ state: "member" });
    expect(await state("ext", "open")).toBeNull(); // G3: switch off
    await setGroupsSwitch(true);
    expect(await state("ext", "open")).toEqual({ state: "none", mayJoin: true, mayRequest: false, onlyAdmin: false });
    await as("stranger");
    expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "" }));
    expect(await state("stranger", "club")).toMatchObject({ state: "requested", mayRequest: false });
  });

  it("C5 one's own list names a requested group only while one may see it", async () => {
    await as("stranger");
    expectOk(await actions.requestToJoinGroupAction({ groupId: group("club"), message: "" }));
    await as("admin1");
    expectOk(await actions.inviteToGroupAction({ groupId: group("hidden"), personIds: [person("stranger")], acknowledgeExternal: false }));
    const stranger = await loadedViewerOf(E("stranger"));
    const mine = await queries.ownInvitationsAndRequests(stranger);
    expect(mine.requests.map((r) => r.name)).toEqual(["Book Club"]);
    expect(mine.invitations.map((r) => [r.name, r.invitedByName])).toEqual([["Hidden Project", "Ada Admin"]]);
    await setVisibility("club", "secret");
    expect((await queries.ownInvitationsAndRequests(stranger)).requests).toEqual([]);
  });

  it("G5 members come a page at a time, by name, every member once", async () => {
    await conn.db.execute(sql`insert into people (email, name, audience) select 'bulk' || n || '@groups.test', 'Bulk ' || lpad(n::text, 3, '0'), 'organisational' from generate_series(1, 120) n`);
    await conn.db.execute(sql`insert into group_members (group_id, person_id) select ${group("open")}, id from people where email like 'bulk%'`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof queries.groupMembersPage>> = await queries.groupMembersPage(group("open"), cursor);
      expect(page.rows.length).toBeLessThanOrEqual(queries.MEMBERS_PAGE_SIZE);
      seen.push(...page.rows.map((r) => r.name));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(122);
    expect(new Set(seen).size).toBe(122);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it("E4 E5 G5 the person picker is for the group's admins only, and finds for each whom they may find", async () => {
    await as("member");
    expectRefused(await actions.searchPeopleForGroup({ groupId: group("open"), query: "Bu" }));
    searchPeople.mockClear();
    await as("admin1");
    expectOk(await actions.searchPeopleForGroup({ groupId: group("open"), query: "Bu" }));
    expect(searchPeople).toHaveBeenLastCalledWith("Bu", expect.objectContaining({ exactEmailOnly: false }));
    // An external admin (without the Users switch) finds a person only by their exact e-mail (E4).
    await conn.db.execute(sql`update group_members set is_admin = true where group_id = ${group("club")} and person_id = ${person("ext-member")}`);
    await as("ext-member");
    expectOk(await actions.searchPeopleForGroup({ groupId: group("club"), query: "Bu" }));
    expect(searchPeople).toHaveBeenLastCalledWith("Bu", expect.objectContaining({ exactEmailOnly: true }));
  });
});
