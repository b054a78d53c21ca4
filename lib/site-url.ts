/**
 * The site's public address: PORTICO_PUBLIC_URL, else AUTH_URL (README: deployments set
 * one). E-mail links, the Secure cookie flag and the Origin checks of uploads all read
 * it here, so they can never disagree. Without it, links are paths on the site.
 *
 * The request's Host header is never used for this: whoever sends the request chooses
 * it, and a forged one would put their own site in every colleague's mail.
 */
type Env = Record<string, string | undefined>;

/** The configured public origin ("https://portal.example.org"), or "" when none is set or it cannot be read. */
export function publicOrigin(env: Env = process.env): string {
  const configured = env.PORTICO_PUBLIC_URL || env.AUTH_URL;
  if (!configured) return "";
  try {
    const url = new URL(configured);
    if (url.protocol !== "https:" && url.protocol !== "http:") return "";
    return url.origin;
  } catch {
    return "";
  }
}

/** True when a public address is configured but cannot be read (start-up and the cookie rule err on the safe side). */
export function publicUrlUnreadable(env: Env = process.env): boolean {
  const configured = env.PORTICO_PUBLIC_URL || env.AUTH_URL;
  return !!configured && publicOrigin(env) === "";
}
