/**
 * M7 on the server paths, as when middleware is bypassed: with PORTICO_IP_ALLOWLIST set,
 * getViewer (every page, route handler and action) answers 403 and defineAction changes
 * nothing for an address not on the list; the refusal is in the audit log (M8).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditEvents, locations } from "@/db/schema";
import { defineAction } from "@/lib/actions";
import { getViewer } from "@/lib/access/viewer";
import { type Harness, createHarness, expectUnchanged, signInAs } from "@/lib/testing/harness";
import { setClientAddress, setRequestHeaders } from "@/lib/testing/request";
import { REFUSED_BY_ALLOWLIST } from "./ip";

// next.config.ts turns forbidden() on (authInterrupts); Next reads this at run time.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const WEBMASTER = "wm@example.org";
let h: Harness;
let personId: string;
beforeAll(async () => {
  h = await createHarness({ people: [{ email: WEBMASTER, name: "Web Master", audience: "organisational", roles: ["webmaster"] }] });
  personId = h.person(WEBMASTER);
});
afterAll(async () => h?.close());
afterEach(() => {
  delete process.env.PORTICO_IP_ALLOWLIST;
  delete process.env.PORTICO_PEER_STAMP;
});

/** The next request comes from `address` (stamped by the server, as scripts/serve.ts does), signed in. */
async function from(address: string) {
  process.env.PORTICO_IP_ALLOWLIST = "10.0.0.0/8, 2001:db8::/32";
  process.env.PORTICO_PEER_STAMP = "1";
  // The client's own X-Forwarded-For names an allowed address: it must not count.
  setRequestHeaders({ "x-portico-peer": address, "x-forwarded-for": "10.0.0.5" });
  setClientAddress("test");
  await signInAs(WEBMASTER);
}

const addLocation = defineAction({
  name: "test.location.add",
  input: z.object({ name: z.string() }),
  authorize: "account.own", // allowed to anyone signed in: the allowlist is what refuses
  run: async ({ tx, input }) => tx.insert(locations).values({ key: `k-${randomUUID()}`, name: input.name }),
});

describe("M7 server paths", () => {
  it("getViewer answers 403 to an address not on the list, and records the refusal once a minute", async () => {
    await from("127.0.0.1");
    await expect(getViewer()).rejects.toMatchObject({ digest: expect.stringContaining("403") });
    await expect(getViewer()).rejects.toMatchObject({ digest: expect.stringContaining("403") });
    const rows = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "security.ip-allowlist.refused"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ address: "127.0.0.1", actorId: null });
  });

  it("a server action from an address not on the list changes nothing", async () => {
    await from("::1");
    const result = await expectUnchanged([locations], () => addLocation({ name: "Quay" }));
    expect(result).toEqual({ ok: false, formError: REFUSED_BY_ALLOWLIST });
  });

  it("an address on the list (IPv4 or IPv6, or an IPv4-mapped peer) is served", async () => {
    for (const address of ["10.1.2.3", "::ffff:10.9.9.9", "2001:db8::7"]) {
      await from(address);
      expect((await getViewer())?.id).toBe(personId);
    }
    await from("10.1.2.3");
    expect(await addLocation({ name: "Quay" })).toMatchObject({ ok: true });
    const [row] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "test.location.add"));
    expect(row?.address).toBe("test"); // what clientAddress (mocked here) answered
  });

  it("without an allowlist, every address is served", async () => {
    setRequestHeaders({ "x-portico-peer": "203.0.113.1" });
    await signInAs(WEBMASTER);
    expect((await getViewer())?.id).toBe(personId);
  });
});
