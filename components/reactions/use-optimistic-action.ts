"use client";
/**
 * K4: a control whose state changes at once (optimistic) while its server action runs,
 * and goes back, with the server's message, if the action refuses. Every outcome is
 * announced through the caller's role=status / role=alert (ActionFeedback).
 */
import { useState, useTransition } from "react";
import { type ActionResult, problemOf } from "@/lib/action-result";

export function useOptimisticAction<S>(initial: S) {
  const [state, setState] = useState(initial);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  /** Shows `next` now, then runs `call`; on success keeps `fromServer(data)` and announces `done`. */
  function run<T>(next: S, call: () => Promise<ActionResult<T>>, done: (data: T) => string, fromServer?: (data: T) => S) {
    const before = state;
    setState(next);
    setError(null);
    setStatus("");
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        if (fromServer) setState(fromServer(result.data));
        setStatus(done(result.data));
      } else {
        setState(before);
        setError(problemOf(result));
      }
    });
  }

  return { state, status, error, pending, run };
}
