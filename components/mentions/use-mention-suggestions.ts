"use client";
/**
 * E6: the suggestions for the "@name" being typed, shared by the mention textarea and the
 * rich-text editor: asks the server (suggestMentionsAction, which decides who may be
 * offered) after a short pause, from two letters on, and keeps only the latest answer.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { suggestMentionsAction } from "@/lib/mentions/actions";
import { MENTION_QUERY_MIN, type MentionFor, type MentionSuggestion } from "@/lib/mentions/schemas";

export { mentionQueryBefore } from "@/lib/mentions/typing";

/** Another source of suggestions than an item's (the Message Wall's: lib/wall/actions.ts), deciding its own rule. */
export type MentionSource = (query: string) => Promise<ActionResult<MentionSuggestion[]>>;

export function useMentionSuggestions(mentionFor: MentionFor | null, source?: MentionSource) {
  const [query, setQuery] = useState<string | null>(null);
  const [items, setItems] = useState<MentionSuggestion[]>([]);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState("");
  const ticket = useRef(0);
  const forKey = source ? "source" : JSON.stringify(mentionFor);
  const sourceRef = useRef(source);
  useEffect(() => {
    sourceRef.current = source;
  });

  useEffect(() => {
    const asked = forKey === "source" ? null : (JSON.parse(forKey) as MentionFor | null);
    if ((!asked && forKey !== "source") || query === null || query.length < MENTION_QUERY_MIN) {
      ticket.current++;
      setItems([]);
      setStatus("");
      return;
    }
    const mine = ++ticket.current;
    const timer = setTimeout(async () => {
      const ask = sourceRef.current;
      const result = await (ask ? ask(query) : suggestMentionsAction({ ...asked!, query })).catch(() => null);
      if (mine !== ticket.current) return;
      const found = result?.ok ? result.data : [];
      setItems(found);
      setActive(0);
      setStatus(
        !result?.ok
          ? "Suggestions are not available."
          : found.length
            ? `${found.length} ${found.length === 1 ? "person" : "people"} to mention: up and down arrows to move, Enter to choose, Escape to close.`
            : "Nobody to suggest.",
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [query, forKey]);

  const close = useCallback(() => {
    ticket.current++;
    setQuery(null);
    setItems([]);
    setStatus("");
  }, []);

  const open = query !== null && items.length > 0;
  const move = (by: number) => setActive((i) => (items.length ? (i + by + items.length) % items.length : 0));
  return { open, items, active, setActive, move, status, query, setQuery, close };
}
