/**
 * Sends a form with a file to a route handler (lib/uploads/receive.ts) and reads its JSON
 * answer as an ActionResult, reporting how much has been sent: fetch cannot report upload
 * progress, so this is XMLHttpRequest. Client-side only.
 */
import type { ActionResult } from "@/lib/action-result";

const SIGNED_OUT = "Your session has ended. Sign in again, then repeat what you were doing.";
const UNREADABLE = "Something went wrong and nothing was changed. Please try again.";

export function sendFile<T>(url: string, body: FormData, onProgress: (fraction: number) => void): Promise<ActionResult<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const answer = xhr.response as ActionResult<T> | null;
      if (answer && typeof answer === "object" && "ok" in answer) return resolve(answer);
      // Middleware answers a request without a session before the receiver sees it.
      resolve({ ok: false, formError: xhr.status === 401 ? SIGNED_OUT : UNREADABLE });
    };
    xhr.onerror = () => resolve({ ok: false, formError: "The file could not be sent. Check your connection and try again." });
    xhr.send(body);
  });
}
