import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "../lib/org-file/demo";
import { launchServer as launch, serverReady as ready, stopAllServers } from "./servers";

/**
 * Secure cookies by default: on a server with no public address (no AUTH_URL or
 * PORTICO_PUBLIC_URL) behind a proxy listed in PORTICO_TRUSTED_PROXIES that says the client
 * connected over https (X-Forwarded-Proto), the session cookie is `Secure` and named
 * `__Secure-…`, and middleware and the pages read it by that name; a request without the
 * proxy's word is not served from it. On a server of its own; desktop project only.
 */
const MAIN_PORT = Number(process.env.E2E_PORT || 3100);
const PERSON = "wendy.webb@northmoor.example";

test.afterAll(stopAllServers);
test.describe.configure({ timeout: 240_000 });

const setCookies = (response: APIResponse) => response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
const cookieHeader = (values: string[]) => values.map((v) => v.split(";")[0]).join("; ");

async function signInThrough(request: APIRequestContext, headers: Record<string, string>): Promise<string[]> {
  const csrf = await request.get("/api/auth/csrf", { headers });
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await request.post("/api/auth/callback/credentials", {
    headers: { ...headers, cookie: cookieHeader(setCookies(csrf)) },
    form: { email: PERSON, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  return setCookies(answer);
}

test("behind a trusted proxy that says https, the session cookie is Secure and is read by that name", async ({ playwright, isMobile }) => {
  test.skip(isMobile, "server behaviour: checked once, by the desktop project");
  const port = MAIN_PORT + 1;
  const server = launch(port, { E2E_NO_PUBLIC_URL: "1", PORTICO_TRUSTED_PROXIES: "127.0.0.1, ::1" });
  await ready(server);
  const request = await playwright.request.newContext({ baseURL: `http://localhost:${port}` });
  try {
    const viaProxy = { "x-forwarded-proto": "https" };
    const cookies = await signInThrough(request, viaProxy);
    const session = cookies.find((c) => c.startsWith("__Secure-authjs.session-token="));
    expect(session, cookies.join("\n")).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(cookies.some((c) => c.startsWith("authjs.session-token="))).toBe(false);

    const cookie = cookieHeader([session!]);
    // Middleware and the page read the Secure cookie on a request the proxy says is https.
    const home = await request.get("/", { headers: { ...viaProxy, cookie }, maxRedirects: 0 });
    expect(home.status()).toBe(200);
    const me = (await (await request.get("/api/auth/session", { headers: { ...viaProxy, cookie } })).json()) as { user?: { id?: string } } | null;
    expect(me?.user?.id).toBeTruthy();
    // Without the proxy's word the request is plain http: that cookie is not this request's.
    const plain = await request.get("/", { headers: { cookie }, maxRedirects: 0 });
    expect(plain.status()).toBe(307);
    expect(new URL(plain.headers()["location"]!, "http://localhost").pathname).toBe("/login");
  } finally {
    await request.dispose();
  }
});
