/**
 * Vitest set-up file (vitest.config.ts `setupFiles`): the one definition of what Next.js
 * and Auth.js give server code inside a request, for every test file. The harness
 * (./harness.ts) controls it: signInAs decides who the session cookie (`currentSession()`) and
 * `auth()` say is signed in, and every
 * test starts signed out with empty headers (the reset below).
 *
 * next-auth cannot run outside Next.js, so `@/lib/auth/auth` is replaced whole; getViewer
 * stays real and reads this session through the real loadViewer.
 */
import { afterEach, vi } from "vitest";
import { resetTestRequest, testRequest } from "./request";

vi.mock("next/headers", () => ({
  headers: async () => testRequest().headers,
  cookies: async () => {
    const jar = testRequest().cookies;
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, value),
      delete: (name: string) => void jar.delete(name),
    };
  },
}));

vi.mock("@/lib/auth/auth", () => {
  const refuse = (what: string) => async () => {
    throw new Error(`${what} is not available in tests: call the code behind it (lib/auth/sign-in.ts, lib/auth/second-factor.ts)`);
  };
  return {
    auth: vi.fn(async () => testRequest().session),
    clientAddress: vi.fn(() => testRequest().address),
    signIn: refuse("signIn"),
    signOut: refuse("signOut"),
    unstable_update: refuse("unstable_update"),
    handlers: { GET: refuse("handlers.GET"), POST: refuse("handlers.POST") },
  };
});

// The cookie's session as getViewer reads it (lib/auth/current-session.ts): the one signInAs set.
vi.mock("@/lib/auth/current-session", () => ({ currentSession: vi.fn(async () => testRequest().session) }));

/**
 * Thrown by the navigation mocks. `digest` is the one Next.js itself uses, so code that
 * tells these apart (and tests that match on it, e.g. "403") behaves as in a request.
 */
class NavigationInterrupt extends Error {
  constructor(
    message: string,
    readonly digest: string,
  ) {
    super(message);
    this.name = "NavigationInterrupt";
  }
}

vi.mock("next/navigation", () => ({
  redirect: vi.fn((to: string) => {
    throw new NavigationInterrupt(`redirect ${to}`, `NEXT_REDIRECT;replace;${to};307;`);
  }),
  permanentRedirect: vi.fn((to: string) => {
    throw new NavigationInterrupt(`redirect ${to}`, `NEXT_REDIRECT;replace;${to};308;`);
  }),
  notFound: vi.fn(() => {
    throw new NavigationInterrupt("not found", "NEXT_HTTP_ERROR_FALLBACK;404");
  }),
  forbidden: vi.fn(() => {
    throw new NavigationInterrupt("forbidden", "NEXT_HTTP_ERROR_FALLBACK;403");
  }),
  unauthorized: vi.fn(() => {
    throw new NavigationInterrupt("unauthorized", "NEXT_HTTP_ERROR_FALLBACK;401");
  }),
}));

// Outside a Next.js request the cache has no store to revalidate; actions call these after a change.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

afterEach(() => {
  resetTestRequest();
});
