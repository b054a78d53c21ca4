/**
 * D2: the API's errors as RFC 9457 problem documents (`application/problem+json`): a status,
 * a short title, a detail that says what to do, and for bad input the fields' messages.
 * Never cached: an answer about one person's token is theirs alone.
 */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  /** A field's message, by the field's name (bad input). */
  errors?: Record<string, string>;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const body = { type: "about:blank", ...problem };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "private, no-store", ...headers },
  });
}

/** A JSON answer of the API, never cached by anyone but its caller. */
export function jsonResponse(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "private, no-store", ...init.headers },
  });
}

/** M7: the API's answer to an address not on the organisation's allowlist. */
export function addressRefusedResponse(): Response {
  return problemResponse({ status: 403, title: "Forbidden", detail: "Requests from this address are not accepted (the organisation's address allowlist)." });
}
