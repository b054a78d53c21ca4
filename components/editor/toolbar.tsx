"use client";
import { type ChainedCommands, type Editor, useEditorState } from "@tiptap/react";
import { type KeyboardEvent, useRef, useState } from "react";
import { ImageDialog } from "./image-dialog";
import { LinkDialog } from "./link-dialog";

type Dialogs = { openLink: () => void; openImage: () => void };

interface Tool {
  name: string;
  /** What the button does: a command on the editor (focused first), or opening a dialog. */
  run: (chain: () => ChainedCommands, dialogs: Dialogs) => void;
  /** For a toggle: whether it is on where the cursor is (aria-pressed). */
  active?: (editor: Editor) => boolean;
  /** Shown only while the cursor is in a table. */
  inTable?: true;
}

/** Every toolbar button, in order (C6): the toolbar, its state and its keyboard order all come from this list. */
const TOOLS: readonly Tool[] = [
  { name: "Heading 2", run: (c) => c().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive("heading", { level: 2 }) },
  { name: "Heading 3", run: (c) => c().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive("heading", { level: 3 }) },
  { name: "Heading 4", run: (c) => c().toggleHeading({ level: 4 }).run(), active: (e) => e.isActive("heading", { level: 4 }) },
  { name: "Bold", run: (c) => c().toggleBold().run(), active: (e) => e.isActive("bold") },
  { name: "Italic", run: (c) => c().toggleItalic().run(), active: (e) => e.isActive("italic") },
  { name: "Bulleted list", run: (c) => c().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { name: "Numbered list", run: (c) => c().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  { name: "Link", run: (_c, d) => d.openLink(), active: (e) => e.isActive("link") },
  { name: "Insert table", run: (c) => c().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { name: "Insert image", run: (_c, d) => d.openImage() },
  { name: "Add row", run: (c) => c().addRowAfter().run(), inTable: true },
  { name: "Add column", run: (c) => c().addColumnAfter().run(), inTable: true },
  { name: "Delete row", run: (c) => c().deleteRow().run(), inTable: true },
  { name: "Delete column", run: (c) => c().deleteColumn().run(), inTable: true },
  { name: "Delete table", run: (c) => c().deleteTable().run(), inTable: true },
];

/** The formatting toolbar (ARIA toolbar pattern: one tab stop, arrow keys, Home and End move along it) and its two dialogs. */
export function Toolbar({ editor, uploadUrl, images = true }: { editor: Editor; uploadUrl: string; images?: boolean }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      inTable: e.isActive("table"),
      pressed: TOOLS.map((t) => (t.active ? t.active(e) : undefined)),
    }),
    equalityFn: (a, b) => !!a && !!b && a.inTable === b.inTable && a.pressed.every((p, i) => p === b.pressed[i]),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [imageOpen, setImageOpen] = useState(false);
  const barRef = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(TOOLS[0]!.name);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(barRef.current?.querySelectorAll<HTMLButtonElement>("button[data-tool]") ?? []);
    const index = buttons.findIndex((b) => b === document.activeElement);
    if (index < 0) return;
    let next = index;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = (index + 1) % buttons.length;
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    else return;
    event.preventDefault();
    buttons[next]!.focus();
    setCurrent(buttons[next]!.dataset.tool!);
  };

  const shown = TOOLS.map((tool, i) => ({ tool, pressed: state?.pressed[i] })).filter(
    ({ tool }) => (!tool.inTable || state?.inTable) && (images || tool.name !== "Insert image"),
  );
  const stop = shown.some(({ tool }) => tool.name === current) ? current : shown[0]!.tool.name;
  const chain = () => editor.chain().focus();
  const dialogs: Dialogs = { openLink: () => setLinkOpen(true), openImage: () => setImageOpen(true) };

  return (
    <>
      <div
        ref={barRef}
        role="toolbar"
        aria-label="Text formatting"
        onKeyDown={onKeyDown}
        className="flex flex-wrap gap-1 rounded-t border-2 border-b-0 border-gray-800 bg-gray-100 p-1"
      >
        {shown.map(({ tool, pressed }) => (
          <ToolButton
            key={tool.name}
            name={tool.name}
            pressed={pressed}
            tabIndex={tool.name === stop ? 0 : -1}
            onFocus={() => setCurrent(tool.name)}
            onClick={() => tool.run(chain, dialogs)}
          />
        ))}
      </div>
      <LinkDialog editor={editor} open={linkOpen} onOpenChange={setLinkOpen} />
      {images ? <ImageDialog editor={editor} open={imageOpen} onOpenChange={setImageOpen} uploadUrl={uploadUrl} /> : null}
    </>
  );
}

function ToolButton({ name, pressed, tabIndex, onClick, onFocus }: { name: string; pressed?: boolean; tabIndex: number; onClick: () => void; onFocus: () => void }) {
  return (
    <button
      type="button"
      data-tool={name}
      tabIndex={tabIndex}
      aria-pressed={pressed === undefined ? undefined : pressed}
      onClick={onClick}
      onFocus={onFocus}
      // Keep the editor's selection: a mouse press on a tool must not move focus first.
      onMouseDown={(e) => e.preventDefault()}
      className={`min-h-11 rounded border-2 px-2 text-sm font-semibold ${pressed ? "border-gray-900 bg-gray-900 text-white" : "border-gray-500 bg-white text-gray-900 hover:bg-gray-200"}`}
    >
      {name}
    </button>
  );
}
