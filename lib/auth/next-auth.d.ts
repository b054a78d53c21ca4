import "next-auth";
import "next-auth/jwt";

type Audience = "organisational" | "external";

declare module "next-auth" {
  interface User {
    audience?: Audience;
    roles?: string[];
    /** The sessions row created at sign-in (so an ended session stops working at its next request, P3). */
    sessionId?: string;
  }
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; audience: Audience; roles: string[] };
    /** Milliseconds since the epoch when this person signed in; sessions before their sessionsValidFrom are refused. */
    signedInAt: number;
    /** The sessions row this cookie belongs to; null for a cookie issued before sessions were recorded. */
    sessionId: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    audience?: Audience;
    roles?: string[];
    signedInAt?: number;
    sid?: string;
  }
}
