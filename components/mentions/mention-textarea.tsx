"use client";
/**
 * E6: a labelled plain-text area where typing "@" and two or more letters suggests people to
 * mention — only people who can view the item being written (the server decides:
 * lib/mentions/suggest.ts) — and choosing one inserts `mentionToken(person)`
 * (`@[Name](<id>)`, lib/mentions/syntax.ts) in place of what was typed.
 *
 * Keyboard: while suggestions show, Up and Down move, Enter or Tab chooses, Escape closes;
 * otherwise the keys do what they do in any textarea. The textarea names the open list
 * (aria-controls, aria-activedescendant, aria-autocomplete) and a role=status line says how
 * many people were found, so screen readers hear the suggestions without losing the caret.
 *
 * Props (for the comment box and other plain-text fields):
 *   - label, hint?, error?: the visible label, a hint and an error, read with the field;
 *   - value, onChange(value), onBlur?: controlled text (react-hook-form: FormControlled);
 *   - mentionFor: the item written about: { id } of an existing item, or for a new draft
 *     { sectionId } / { groupId } of its home;
 *   - suggest?: instead of mentionFor, another source of suggestions (the Message Wall's);
 *   - name?, id?, rows? (4), maxLength?, disabled?, textareaRef?: passed to the textarea.
 */
import { type Ref, useId, useRef } from "react";
import { FieldNotes } from "@/components/ui/form";
import { mentionToken } from "@/lib/mentions/syntax";
import type { MentionFor, MentionSuggestion } from "@/lib/mentions/schemas";
import { SuggestionList, suggestionOptionId } from "./suggestion-list";
import { type MentionSource, mentionQueryBefore, useMentionSuggestions } from "./use-mention-suggestions";

export interface MentionTextareaProps {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  mentionFor?: MentionFor;
  suggest?: MentionSource;
  name?: string;
  id?: string;
  rows?: number;
  maxLength?: number;
  disabled?: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

export function MentionTextarea({ label, hint, error, value, onChange, onBlur, mentionFor, suggest, name, id, rows = 4, maxLength, disabled, textareaRef }: MentionTextareaProps) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  const listId = `${fieldId}-mentions`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const statusId = `${fieldId}-mention-status`;
  const own = useRef<HTMLTextAreaElement | null>(null);
  const s = useMentionSuggestions(mentionFor ?? null, suggest);

  const setRefs = (el: HTMLTextAreaElement | null) => {
    own.current = el;
    if (typeof textareaRef === "function") textareaRef(el);
    else if (textareaRef) (textareaRef as { current: HTMLTextAreaElement | null }).current = el;
  };

  const track = (el: HTMLTextAreaElement) => {
    const caret = el.selectionStart === el.selectionEnd ? el.selectionStart : null;
    s.setQuery(caret === null ? null : mentionQueryBefore(el.value.slice(0, caret)));
  };

  const choose = (person: MentionSuggestion) => {
    const el = own.current;
    if (!el || s.query === null) return;
    const caret = el.selectionStart;
    const start = caret - s.query.length - 1; // the "@" and what followed it
    const token = `${mentionToken(person)} `;
    const next = value.slice(0, start) + token + value.slice(caret);
    onChange(next);
    s.close();
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <div className={error ? "border-l-4 border-red-700 pl-4" : undefined}>
      <label htmlFor={fieldId} className="block font-semibold">
        {label}
      </label>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
      <textarea
        ref={setRefs}
        id={fieldId}
        name={name}
        rows={rows}
        maxLength={maxLength}
        disabled={disabled}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId, statusId].filter(Boolean).join(" ")}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={s.open ? suggestionOptionId(listId, s.active) : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target);
        }}
        onClick={(e) => track(e.currentTarget)}
        onKeyUp={(e) => {
          if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") track(e.currentTarget);
        }}
        onKeyDown={(e) => {
          if (!s.open) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            s.move(e.key === "ArrowDown" ? 1 : -1);
          } else if (e.key === "Enter" || e.key === "Tab") {
            e.preventDefault();
            const person = s.items[s.active];
            if (person) choose(person);
          } else if (e.key === "Escape") {
            e.preventDefault();
            s.close();
          }
        }}
        onBlur={() => {
          s.close();
          onBlur?.();
        }}
        className={`mt-1 block w-full rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-gray-800"}`}
      />
      <SuggestionList id={listId} items={s.items} active={s.active} open={s.open} onChoose={choose} onHover={s.setActive} />
      <p id={statusId} role="status" className="sr-only">
        {s.status}
      </p>
    </div>
  );
}
