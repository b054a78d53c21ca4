"use client";
/**
 * The rich-text editor (C6), on Tiptap. It is configured to the C6 subset only —
 * paragraphs, headings 2–4, bold, italic, underline, strike, lists, blockquote, rule,
 * links (http, https, mailto), tables and images from our own upload route — so
 * anything pasted beyond it is dropped by the editor itself; the server sanitises on
 * save and again on render whatever arrives.
 *
 * Accessible: a labelled toolbar (one tab stop, arrow keys move between buttons,
 * toggles say whether they are on with aria-pressed), and an editable region with
 * role textbox, aria-multiline, aria-labelledby and aria-describedby. Escape leaves
 * the editor (Tab indents inside lists and moves between table cells).
 */
import { TableKit } from "@tiptap/extension-table";
import { type Editor, EditorContent, useEditor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useEffect, useId, useRef } from "react";
import { SuggestionList, suggestionOptionId } from "@/components/mentions/suggestion-list";
import { mentionQueryBefore, useMentionSuggestions } from "@/components/mentions/use-mention-suggestions";
import type { MentionFor, MentionSuggestion } from "@/lib/mentions/schemas";
import { UploadedImage, escapeLeaves, focusAfter } from "./extensions";
import { Mention, type MentionKey, mentionKeys } from "./mention";
import { isAllowedLink } from "./links";
import { Toolbar } from "./toolbar";

export interface RichTextEditorProps {
  /** The id of the element that labels the editor (a visible label). */
  labelId: string;
  /** That label's text, also given as aria-label: a name even in the moment before the labelling element is found. */
  label: string;
  /** Ids of the hint and error, read after the label. */
  describedBy?: string;
  invalid?: boolean;
  value: string;
  onChange: (html: string) => void;
  onBlur?: () => void;
  /** Where images are uploaded (a route answering { id, src } or { error }). */
  uploadUrl?: string;
  /** E6: the item being written, for "@" suggestions (none without it). */
  mentionFor?: MentionFor;
  /** false: no "Insert image" button (text whose images nobody could be shown, such as ideas). */
  images?: boolean;
}

export function RichTextEditor({ labelId, label, describedBy, invalid, value, onChange, onBlur, uploadUrl = "/api/uploads", mentionFor, images = true }: RichTextEditorProps) {
  const regionRef = useRef<HTMLDivElement>(null);
  const listId = `${useId()}-mentions`;
  const statusId = `${listId}-status`;
  const mentions = useMentionSuggestions(mentionFor ?? null);
  // The editor's callbacks are made once: they read the suggestions as they are now.
  const live = useRef(mentions);
  live.current = mentions;
  const attributes = {
    role: "textbox",
    "aria-multiline": "true",
    "aria-labelledby": labelId,
    "aria-label": label,
    ...(describedBy || mentionFor ? { "aria-describedby": [describedBy, mentionFor ? statusId : null].filter(Boolean).join(" ") } : {}),
    ...(mentionFor ? { "aria-autocomplete": "list", "aria-controls": listId } : {}),
    ...(mentions.open ? { "aria-activedescendant": suggestionOptionId(listId, mentions.active) } : {}),
    ...(invalid ? { "aria-invalid": "true" } : {}),
    class: `prose-portico min-h-48 rounded-b border-2 px-3 py-2 focus:outline-none focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-yellow-400 ${invalid ? "border-red-700" : "border-gray-800"}`,
  };
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          protocols: [],
          defaultProtocol: "https",
          isAllowedUri: (url) => isAllowedLink(url),
          shouldAutoLink: (url) => isAllowedLink(url),
          HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow" },
        },
      }),
      TableKit.configure({ table: { resizable: false } }),
      UploadedImage,
      escapeLeaves(() => {
        if (regionRef.current) focusAfter(regionRef.current);
      }),
      Mention,
      // Given the editor by the shortcut itself: this closure outlives the render it was made in.
      mentionKeys((key, current) => handleMentionKey(key, current)),
    ],
    content: value,
    editorProps: { attributes },
    onUpdate: ({ editor: e }) => {
      onChange(e.isEmpty ? "" : e.getHTML());
      trackMention(e);
    },
    onSelectionUpdate: ({ editor: e }) => trackMention(e),
    onBlur: () => {
      live.current.close();
      onBlur?.();
    },
  });

  /** E6: the "@name" just before the caret, if any, is what the suggestions are for. */
  function trackMention(e: NonNullable<typeof editor>) {
    const { empty, $from } = e.state.selection;
    live.current.setQuery(empty ? mentionQueryBefore($from.parent.textBetween(0, $from.parentOffset, undefined, "\ufffc")) : null);
  }

  function chooseMention(person: MentionSuggestion, current: Editor | null = editor) {
    const query = live.current.query;
    if (!current || query === null) return;
    const { from } = current.state.selection;
    current
      .chain()
      .focus()
      .deleteRange({ from: from - query.length - 1, to: from })
      .insertContent([{ type: "mention", attrs: { id: person.id, label: person.name } }, { type: "text", text: " " }])
      .run();
    live.current.close();
  }

  function handleMentionKey(key: MentionKey, current: Editor): boolean {
    const s = live.current;
    if (!s.open) return false;
    if (key === "ArrowDown" || key === "ArrowUp") s.move(key === "ArrowDown" ? 1 : -1);
    else if (key === "Escape") s.close();
    else {
      const person = s.items[s.active];
      if (person) chooseMention(person, current);
    }
    return true;
  }
  // The error and its description change after the editor started: keep its attributes current.
  const attributesKey = JSON.stringify(attributes);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes: JSON.parse(attributesKey) as Record<string, string> } });
  }, [editor, attributesKey]);

  return (
    <div ref={regionRef}>
      {editor ? <Toolbar editor={editor} uploadUrl={uploadUrl} images={images} /> : <div className="h-12 rounded-t border-2 border-b-0 border-gray-800 bg-gray-100" />}
      {editor ? (
        <EditorContent editor={editor} />
      ) : (
        // Before the editor starts (it needs the browser): the same box, so nothing jumps.
        <div className="min-h-48 rounded-b border-2 border-gray-800 px-3 py-2" aria-hidden="true" />
      )}
      {mentionFor ? (
        <>
          <SuggestionList id={listId} items={mentions.items} active={mentions.active} open={mentions.open} onChoose={chooseMention} onHover={mentions.setActive} />
          <p id={statusId} role="status" className="sr-only">
            {mentions.status}
          </p>
        </>
      ) : null}
    </div>
  );
}
