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
import { EditorContent, useEditor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { useEffect, useRef } from "react";
import { UploadedImage, escapeLeaves, focusAfter } from "./extensions";
import { isAllowedLink } from "./links";
import { Toolbar } from "./toolbar";

export interface RichTextEditorProps {
  /** The id of the element that labels the editor (a visible label). */
  labelId: string;
  /** Ids of the hint and error, read after the label. */
  describedBy?: string;
  invalid?: boolean;
  value: string;
  onChange: (html: string) => void;
  onBlur?: () => void;
  /** Where images are uploaded (a route answering { id, src } or { error }). */
  uploadUrl?: string;
}

export function RichTextEditor({ labelId, describedBy, invalid, value, onChange, onBlur, uploadUrl = "/api/uploads" }: RichTextEditorProps) {
  const regionRef = useRef<HTMLDivElement>(null);
  const attributes = {
    role: "textbox",
    "aria-multiline": "true",
    "aria-labelledby": labelId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
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
    ],
    content: value,
    editorProps: { attributes },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? "" : e.getHTML()),
    onBlur: () => onBlur?.(),
  });
  // The error and its description change after the editor started: keep its attributes current.
  const attributesKey = JSON.stringify(attributes);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes: JSON.parse(attributesKey) as Record<string, string> } });
  }, [editor, attributesKey]);

  return (
    <div ref={regionRef}>
      {editor ? <Toolbar editor={editor} uploadUrl={uploadUrl} /> : <div className="h-12 rounded-t border-2 border-b-0 border-gray-800 bg-gray-100" />}
      {editor ? (
        <EditorContent editor={editor} />
      ) : (
        // Before the editor starts (it needs the browser): the same box, so nothing jumps.
        <div className="min-h-48 rounded-b border-2 border-gray-800 px-3 py-2" aria-hidden="true" />
      )}
    </div>
  );
}
