import type { Audience } from "@/lib/access/types";
/**
 * The pretend request that the shared mocks (./setup.ts) answer from: who is signed in
 * (the Auth.js session that getViewer reads), the request's headers and cookies, and the
 * client's address that actions record (M8). Kept on globalThis so that the set-up file's
 * mock factories and the harness see one state, whichever module instance imports it.
 */

/** The Auth.js session as lib/auth/auth.ts hands it to getViewer. */
export interface TestSession {
  user: { id: string; audience: Audience };
  signedInAt: number;
  sessionId: string;
}

export interface TestRequest {
  session: TestSession | null;
  headers: Headers;
  cookies: Map<string, string>;
  /** What clientAddress answers: the address audit rows and rate limits record. */
  address: string;
}

export const DEFAULT_TEST_ADDRESS = "203.0.113.9";

const holder = globalThis as unknown as { __porticoTestRequest?: TestRequest };

function fresh(): TestRequest {
  return { session: null, headers: new Headers(), cookies: new Map(), address: DEFAULT_TEST_ADDRESS };
}

export function testRequest(): TestRequest {
  holder.__porticoTestRequest ??= fresh();
  return holder.__porticoTestRequest;
}

/** Signed out, no headers or cookies, the default address: between tests (./setup.ts). */
export function resetTestRequest(): void {
  holder.__porticoTestRequest = fresh();
}

/** The headers the next request carries (e.g. x-portico-peer for the M7 allowlist). */
export function setRequestHeaders(headers: HeadersInit): void {
  testRequest().headers = new Headers(headers);
}

/** The client address the next actions record (clientAddress in lib/auth/auth.ts). */
export function setClientAddress(address: string): void {
  testRequest().address = address;
}
