/**
 * The harness itself: signInAs goes through the real loadViewer (P3: a blocked person is
 * no viewer), the shared mocks answer as Next.js would, and expectUnchanged notices any
 * changed row, so a refusal test built on it can fail.
 */
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locations, people } from "@/db/schema";
import { getViewer } from "@/lib/access/viewer";
import { clientAddress } from "@/lib/auth/auth";
import { type Harness, createHarness, expectUnchanged, signInAs, signOut, viewerOf } from "./harness";
import { DEFAULT_TEST_ADDRESS, setClientAddress } from "./request";

const ORG = {
  people: [
    { email: "web@harness.test", name: "Wen Web", audience: "organisational", roles: ["webmaster"] },
    { email: "ext@harness.test", name: "Ezra External", audience: "external" },
    { email: "blocked@harness.test", name: "Bea Blocked", audience: "organisational", blocked: true },
  ],
  sections: [{ slug: "news", title: "News", parent: null, restricted: false }],
  locations: [{ key: "hq", name: "Head office" }],
};

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness(ORG);
});
afterAll(async () => harness?.close());

describe("test harness", () => {
  it("loads the organisation and answers its ids by name; an unknown name throws", () => {
    expect(harness.person("web@harness.test")).toMatch(/^[0-9a-f-]{36}$/);
    expect(harness.section("news")).toEqual(expect.any(Number));
    expect(() => harness.person("nobody@harness.test")).toThrow(/no person/);
  });

  it("signInAs makes getViewer answer that person, read by loadViewer; signOut and the reset after each test sign out", async () => {
    expect(await getViewer()).toBeNull();
    const viewer = await signInAs("web@harness.test");
    expect(viewer).toMatchObject({ email: "web@harness.test", isWebmaster: true, sessionId: expect.any(String) });
    expect(await getViewer()).toMatchObject({ id: viewer!.id, isWebmaster: true, sessionId: viewer!.sessionId });
    signOut();
    expect(await getViewer()).toBeNull();
    await signInAs("ext@harness.test");
  });

  it("starts each test signed out, at the default address", async () => {
    expect(await getViewer()).toBeNull();
    expect(clientAddress(new Headers())).toBe(DEFAULT_TEST_ADDRESS);
    setClientAddress("198.51.100.1");
    expect(clientAddress(new Headers())).toBe("198.51.100.1");
  });

  it("a blocked person is no viewer (P3), and a changed role applies at the next request", async () => {
    expect(await signInAs("blocked@harness.test")).toBeNull();
    expect(await getViewer()).toBeNull();
    await expect(viewerOf("blocked@harness.test")).rejects.toThrow(/no viewer/);
    await signInAs("web@harness.test");
    await harness.db.update(people).set({ roles: [] }).where(eq(people.email, "web@harness.test"));
    try {
      expect(await getViewer()).toMatchObject({ isWebmaster: false });
    } finally {
      await harness.db.update(people).set({ roles: ["webmaster"] }).where(eq(people.email, "web@harness.test"));
    }
  });

  it("redirect throws an error carrying Next.js's digest", () => {
    expect(() => redirect("/login")).toThrow(expect.objectContaining({ message: "redirect /login", digest: expect.stringContaining("NEXT_REDIRECT") }));
  });

  it("expectUnchanged passes when nothing changed and fails on any changed, added or removed row", async () => {
    expect(await expectUnchanged([locations, people], async () => "answer")).toBe("answer");
    await expect(expectUnchanged([locations], () => harness.db.update(locations).set({ name: "Head office!" }).where(eq(locations.key, "hq")))).rejects.toThrow(/locations changed/);
    await expect(expectUnchanged([locations], () => harness.db.insert(locations).values({ key: "annex", name: "Annex" }))).rejects.toThrow(/locations changed/);
    await expect(expectUnchanged(["locations"], () => harness.db.delete(locations).where(eq(locations.key, "annex")))).rejects.toThrow(/locations changed/);
  });
});
