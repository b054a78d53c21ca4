import "next-auth";
import "next-auth/jwt";

type Audience = "organisational" | "external";

declare module "next-auth" {
  interface User {
    audience?: Audience;
    roles?: string[];
  }
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; audience: Audience; roles: string[] };
    /** Milliseconds since the epoch when this person signed in; sessions before their sessionsValidFrom are refused. */
    signedInAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    audience?: Audience;
    roles?: string[];
    signedInAt?: number;
  }
}
