/**
 * S7 notifications: they reach exactly the section-role holders who can view
 * the item (C2, C4) — role on the section or above it (S7 cascade), in the home section
 * or a section the item is shared into; never the actor, blocked people, role holders
 * of sections below, or anyone a draft is hidden from. Expected recipients are written
 * from SPEC S7/C2 by hand, and cross-checked against can(…, "content.view").
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Connection, Db } from "@/db/connect";
import { content, outboxMessages } from "@/db/schema";
import { visibleContent } from "@/lib/access/filters";
import { type Harness, createHarness, viewerOf } from "@/lib/testing/harness";
import { notificationKey, queueContentNotifications, siteOrigin } from "./notifications";

const D = "notify.test";
const e = (name: string) => `${name}@${D}`;

// Services (open) › Parks (open) › Playgrounds; Services › Casework (restricted);
// Partner hub (restricted, root); Legal (restricted, root).
const ORG = {
  people: [
    { email: e("ann"), name: "Ann Actor", audience: "organisational" },
    { email: e("mia"), name: "Mia Manager", audience: "organisational" }, // manager of Services: S7 cascade to Parks
    { email: e("ed"), name: "Ed Editor", audience: "organisational" },
    { email: e("aida"), name: "Aida Author", audience: "organisational" },
    { email: e("xena"), name: "Xena External", audience: "external" }, // external author in Parks (S7)
    { email: e("bob"), name: "Bob Blocked", audience: "organisational", blocked: true },
    { email: e("cal"), name: "Cal Child", audience: "organisational" }, // editor of Playgrounds only: roles do not cascade up
    { email: e("pat"), name: "Pat Partner", audience: "external" }, // author in Partner hub, where items are shared
    { email: e("pete"), name: "Pete Partner-editor", audience: "organisational" },
    { email: e("rosa"), name: "Rosa Casework", audience: "organisational" },
    { email: e("lee"), name: "Lee Legal", audience: "organisational" }, // manager of an unrelated restricted section
    { email: e("morgan"), name: "Morgan Member", audience: "organisational" }, // member of Parks, no role
    { email: e("wendy"), name: "Wendy Webmaster", audience: "organisational", roles: ["webmaster"] }, // no role anywhere
    { email: e("gina"), name: "Gina Group", audience: "organisational" },
    { email: e("wes"), name: "Wes Webmaster-author", audience: "organisational", roles: ["webmaster"] }, // author in Partner hub; webmasters view everything (S4)
  ],
  sections: [
    { slug: "services", title: "Services", parent: null, restricted: false, roles: [{ person: e("mia"), role: "manager" }] },
    {
      slug: "parks",
      title: "Parks",
      parent: "services",
      restricted: false,
      members: [e("morgan")],
      roles: [
        { person: e("ann"), role: "author" },
        { person: e("ed"), role: "editor" },
        { person: e("aida"), role: "author" },
        { person: e("xena"), role: "author" },
        { person: e("bob"), role: "editor" },
      ],
    },
    { slug: "playgrounds", title: "Playgrounds", parent: "parks", restricted: false, roles: [{ person: e("cal"), role: "editor" }] },
    { slug: "casework", title: "Casework", parent: "services", restricted: true, roles: [{ person: e("rosa"), role: "author" }] },
    {
      slug: "partners",
      title: "Partner hub",
      parent: null,
      restricted: true,
      roles: [
        { person: e("pat"), role: "author" },
        { person: e("pete"), role: "editor" },
        { person: e("xena"), role: "author" },
        { person: e("wes"), role: "author" },
      ],
    },
    { slug: "legal", title: "Legal", parent: null, restricted: true, roles: [{ person: e("lee"), role: "manager" }] },
  ],
  groups: [{ slug: "choir", name: "Choir", visibility: "public", members: [{ person: e("gina"), admin: true }, { person: e("ann") }] }],
  content: [
    { key: "published", type: "news", title: "Bandstand reopens <b>soon</b>", body: "<p>The <em>bandstand</em> reopens in May.</p><script>alert(1)</script>", section: "parks", sharedInto: ["partners"], author: e("ann"), status: "published" },
    { key: "draft", type: "news", title: "Draft: tree survey", body: "<p>Survey notes.</p>", section: "parks", sharedInto: ["partners"], author: e("aida"), status: "draft" },
    { key: "casework", type: "page", title: "Case handling", body: "", section: "casework", author: e("ann"), status: "published" },
    { key: "group", type: "news", title: "Choir practice", body: "", group: "choir", author: e("ann"), status: "published" },
  ],
};

let h: Harness;
let conn: Connection;
let personId: Map<string, string>; // by e-mail
let itemId: Map<string, string>; // by key
const nameOf = (id: string) => [...personId].find(([, v]) => v === id)?.[0].split("@")[0];

beforeAll(async () => {
  h = await createHarness(ORG);
  conn = h.conn;
  personId = h.ids.people;
  itemId = h.ids.content;
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await conn.db.delete(outboxMessages);
});

function rows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

const actor = (name: string) => ({ id: personId.get(e(name))!, name: name[0]!.toUpperCase() + name.slice(1) });

async function notify(item: string, event: "created" | "updated" | "published", by = "ann", db: Db = conn.db) {
  return queueContentNotifications(db, { contentId: itemId.get(item)!, event, actor: actor(by) });
}

async function queued() {
  const all = await conn.db.select().from(outboxMessages);
  return all.map((m) => ({ ...m, who: nameOf(m.recipientId!)! }));
}

/** The reference check: can this person, as the real loadViewer reads them, view the item by the predicate every page uses? */
async function canView(person: string, item: string): Promise<boolean> {
  const viewer = await viewerOf(e(person));
  const [row] = await conn.db
    .select({ ok: sql<boolean>`${visibleContent(viewer)}` })
    .from(content)
    .where(eq(content.id, itemId.get(item)!));
  return row!.ok;
}

describe("who is notified (S7, C2, C4)", () => {
  it("a published item: role holders of its home section and above, and of the section it is shared into — nobody else", async () => {
    expect(await notify("published", "published")).toBe(7);
    const who = (await queued()).map((m) => m.who).sort();
    // mia: manager of Services above Parks (S7 cascade); ed, aida: Parks; xena: external
    // author in Parks (S7); pat, pete, wes: Partner hub, where it is shared (C1).
    // Not: ann (the actor), bob (blocked), cal (a role BELOW Parks), rosa/lee (other sections),
    // morgan (member without a role), wendy (webmaster without a role).
    expect(who).toEqual(["aida", "ed", "mia", "pat", "pete", "wes", "xena"]);
    // xena holds roles in both sections: one message, naming her home-section role.
    const xena = (await queued()).filter((m) => m.who === "xena");
    expect(xena).toHaveLength(1);
    expect(xena[0]!.text).toContain("author of Parks");
  });

  it("a draft: only its author and the home section's editors and managers — not shared-section or other role holders who cannot view it", async () => {
    expect(await notify("draft", "updated", "ed")).toBe(3);
    const who = (await queued()).map((m) => m.who).sort();
    // aida wrote it; mia manages Services above Parks; wes is a webmaster, who views
    // everything. Not ed (the actor), xena (an author, not the draft's), pat and pete
    // (Partner hub: a draft is not visible through a share).
    expect(who).toEqual(["aida", "mia", "wes"]);
    expect(await canView("xena", "draft")).toBe(false);
    expect(await canView("pete", "draft")).toBe(false);
  });

  it("an item in a restricted section reaches role holders there and above (a role implies membership, S7)", async () => {
    expect(await notify("casework", "created", "ed")).toBe(2);
    expect((await queued()).map((m) => m.who).sort()).toEqual(["mia", "rosa"]);
  });

  it("items homed in a group notify nobody (groups have no section roles)", async () => {
    expect(await notify("group", "published", "gina")).toBe(0);
    expect(await queued()).toHaveLength(0);
  });

  it("recipients are exactly the role holders who can view the item, by the app's own predicate", async () => {
    const roleHolders = ["mia", "ed", "aida", "xena", "cal", "pat", "pete", "wes", "rosa", "lee"];
    for (const item of ["published", "draft", "casework"]) {
      await conn.db.delete(outboxMessages);
      await notify(item, "updated", "ann");
      const who = new Set((await queued()).map((m) => m.who));
      const sections = item === "casework" ? ["services", "casework"] : ["services", "parks", "partners"];
      for (const person of roleHolders) {
        const [{ n } = { n: 0 }] = rows<{ n: number }>(
          await conn.db.execute(sql`
            select count(*)::int as n from section_roles sr join sections s on s.id = sr.section_id
            join people p on p.id = sr.person_id where p.email = ${e(person)} and s.slug in ${sections}`),
        );
        const expected = n > 0 && (await canView(person, item));
        expect(who.has(person), `${person} for ${item}`).toBe(expected);
      }
    }
  });

  it("someone blocked after the role was given is skipped; unblocked, they are notified again", async () => {
    await conn.db.execute(sql`update people set blocked = false where email = ${e("bob")}`);
    try {
      await notify("published", "updated");
      expect((await queued()).map((m) => m.who)).toContain("bob");
    } finally {
      await conn.db.execute(sql`update people set blocked = true where email = ${e("bob")}`);
    }
  });
});

describe("idempotency and transactions", () => {
  it("calling twice for the same change queues once; a new version or another event queues again", async () => {
    expect(await notify("published", "updated")).toBe(7);
    expect(await notify("published", "updated")).toBe(0);
    expect(await queued()).toHaveLength(7);
    expect(await notify("published", "published")).toBe(7);
    await conn.db.update(content).set({ version: sql`${content.version} + 1` }).where(eq(content.id, itemId.get("published")!));
    try {
      expect(await notify("published", "updated")).toBe(7);
    } finally {
      await conn.db.update(content).set({ version: sql`${content.version} - 1` }).where(eq(content.id, itemId.get("published")!));
    }
    const keys = (await queued()).map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(21);
    expect(keys).toContain(notificationKey("updated", itemId.get("published")!, 1, personId.get(e("ed"))!));
  });

  it("messages exist only if the change's transaction commits", async () => {
    await expect(
      conn.db.transaction(async (tx) => {
        expect(await notify("published", "updated", "ann", tx as unknown as Db)).toBe(7);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await queued()).toHaveLength(0);
  });

  it("a person whose stored address is unusable is skipped; the others are queued and the change goes on", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await conn.db.execute(sql`update people set email = ${"ed@notify.test, evil@attacker.example"} where email = ${e("ed")}`);
    try {
      expect(await notify("published", "updated")).toBe(6);
      const all = await queued();
      expect(all.map((m) => m.who)).not.toContain("ed");
      expect(all.every((m) => !m.toAddress.includes("attacker"))).toBe(true);
      expect(warn).toHaveBeenCalledWith(expect.not.stringContaining("attacker"));
    } finally {
      await conn.db.execute(sql`update people set email = ${e("ed")} where email = ${"ed@notify.test, evil@attacker.example"}`);
      warn.mockRestore();
    }
  });

  it("an unknown or malformed item id queues nothing", async () => {
    expect(await queueContentNotifications(conn.db, { contentId: "not-a-uuid", event: "created", actor: actor("ann") })).toBe(0);
    expect(await queueContentNotifications(conn.db, { contentId: "00000000-0000-4000-8000-000000000000", event: "created", actor: actor("ann") })).toBe(0);
  });
});

describe("what the message says", () => {
  it("names the item and the section, links to it, says why; HTML escaped, plain-text part included, no body HTML", async () => {
    await notify("published", "published");
    const [mia] = (await queued()).filter((m) => m.who === "mia");
    expect(mia!.toAddress).toBe(e("mia"));
    expect(mia!.subject).toBe("Published in Parks: Bandstand reopens <b>soon</b>");
    expect(mia!.html).toContain("Bandstand reopens &lt;b&gt;soon&lt;/b&gt;");
    expect(mia!.html).not.toContain("<b>soon");
    expect(mia!.html).not.toMatch(/<script|<em>/);
    expect(mia!.html).toContain(`/content/${itemId.get("published")}`);
    expect(mia!.text).toContain("Ann published “Bandstand reopens <b>soon</b>” in Parks.");
    expect(mia!.text).toContain("The bandstand reopens in May.");
    expect(mia!.text).not.toContain("alert(1)");
    expect(mia!.text).toContain("You are receiving this because you are a manager of Services, and roles there apply to Parks below it.");
    expect(mia!.text).toContain(`/content/${itemId.get("published")}`);
    // The only markup-like text in the plain part is the title, as typed.
    expect(mia!.text.replaceAll("<b>soon</b>", "")).not.toMatch(/<\/?[a-z]/i);
    expect(mia!.text).toContain("\nBandstand reopens <b>soon</b>\n");
  });

  it("someone who reaches the item only through a share is told of the section they can view, never its home (C3)", async () => {
    await notify("published", "published");
    const [pat] = (await queued()).filter((m) => m.who === "pat");
    expect(pat!.subject).toBe("Published in Partner hub: Bandstand reopens <b>soon</b>");
    expect(pat!.text).toContain("an author of Partner hub");
    expect(pat!.html + pat!.text).not.toContain("Parks");
    expect(pat!.html + pat!.text).not.toContain("Services");
  });

  it("a draft says so", async () => {
    await notify("draft", "created", "ed");
    const [aida] = (await queued()).filter((m) => m.who === "aida");
    expect(aida!.subject).toBe("New draft in Parks: Draft: tree survey");
    expect(aida!.text).toContain("It is a draft");
  });

  it("links are absolute with AUTH_URL, else a path on the site", () => {
    expect(siteOrigin({ AUTH_URL: "https://portal.example.org/" })).toBe("https://portal.example.org");
    expect(siteOrigin({ AUTH_URL: "https://portal.example.org/api/auth" })).toBe("https://portal.example.org");
    expect(siteOrigin({})).toBe("");
    expect(siteOrigin({ AUTH_URL: "javascript:alert(1)" })).toBe("");
    expect(siteOrigin({ AUTH_URL: "not a url" })).toBe("");
  });
});
