/** Signing a benchmark person in over HTTP, as a browser does: answers the Cookie header of the session. */
import { BENCH_PASSWORD } from "./large-org";

export async function signIn(base: string, email: string, password: string = BENCH_PASSWORD): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
  };
  keep(csrfResponse);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`Sign-in failed for ${email}`);
  return cookie();
}
