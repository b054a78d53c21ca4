"use client";
/**
 * K4: controls whose state changes at once (optimistic) while their server action runs,
 * and goes back, with the server's message, if the action refuses. A group of controls
 * shares one Feedback, so the latest outcome is the one shown and announced (ActionFeedback:
 * role=status for what was done, role=alert for a refusal).
 */
import { useState, useTransition } from "react";
import { type ActionResult, problemOf } from "@/lib/action-result";

export interface Feedback {
  status: string;
  error: string | null;
  say: (status: string) => void;
  fail: (error: string | null) => void;
}

export function useFeedback(): Feedback {
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  return {
    status,
    error,
    say: (text) => {
      setError(null);
      setStatus(text);
    },
    fail: (text) => {
      setStatus("");
      setError(text);
    },
  };
}

export function useOptimisticAction<S>(initial: S, feedback: Feedback) {
  const [state, setState] = useState(initial);
  const [pending, startTransition] = useTransition();

  /** Shows `next` now, then runs `call`; on success keeps `fromServer(data)` and announces `done`. */
  function run<T>(next: S, call: () => Promise<ActionResult<T>>, done: (data: T) => string, fromServer?: (data: T) => S) {
    const before = state;
    setState(next);
    feedback.fail(null);
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        if (fromServer) setState(fromServer(result.data));
        feedback.say(done(result.data));
      } else {
        setState(before);
        feedback.fail(problemOf(result));
      }
    });
  }

  return { state, pending, run };
}
