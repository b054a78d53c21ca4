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
import * as Dialog from "@radix-ui/react-dialog";
import { Image } from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { Extension } from "@tiptap/react";
import { type Editor, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { type FormEvent, type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldFrame } from "@/components/ui/form";
import { ACCEPTED_IMAGE_TYPES, UPLOAD_SRC } from "@/lib/uploads/paths";

/** Links may only go to the web or an e-mail address (C6). */
export function isAllowedLink(raw: string): boolean {
  const url = raw.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(url) || /[\s<>"'`\\]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "mailto:") return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(parsed.pathname));
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Images only from our upload route: a pasted image from anywhere else is not taken in. */
const UploadedImage = Image.extend({
  parseHTML() {
    return [
      {
        tag: "img[src]",
        getAttrs: (el) => (UPLOAD_SRC.test((el as HTMLElement).getAttribute("src") ?? "") ? null : false),
      },
    ];
  },
}).configure({ inline: false, allowBase64: false });

/** Escape leaves the editor for the next control, since Tab is taken inside lists and tables. */
function escapeLeaves(onEscape: () => void) {
  return Extension.create({
    name: "escapeLeaves",
    addKeyboardShortcuts() {
      return {
        Escape: () => {
          onEscape();
          return true;
        },
      };
    },
  });
}

function focusAfter(element: HTMLElement) {
  const focusables = Array.from(
    document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'),
  ).filter((el) => el.offsetParent !== null || el === document.activeElement);
  const next = focusables.find((el) => !element.contains(el) && element.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  next?.focus();
}

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

interface ToolState {
  h2: boolean;
  h3: boolean;
  h4: boolean;
  bold: boolean;
  italic: boolean;
  bullet: boolean;
  ordered: boolean;
  link: boolean;
  table: boolean;
}

function Toolbar({ editor, uploadUrl }: { editor: Editor; uploadUrl: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }): ToolState => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      h4: e.isActive("heading", { level: 4 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
      table: e.isActive("table"),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [imageOpen, setImageOpen] = useState(false);
  const barRef = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState("Heading 2");

  // One tab stop; arrow keys, Home and End move along the toolbar (ARIA toolbar pattern).
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

  const names = [
    "Heading 2", "Heading 3", "Heading 4", "Bold", "Italic", "Bulleted list", "Numbered list", "Link", "Insert table", "Insert image",
    ...(state?.table ? ["Add row", "Add column", "Delete row", "Delete column", "Delete table"] : []),
  ];
  const stop = names.includes(current) ? current : names[0]!;
  const tool = (name: string, run: () => void, pressed?: boolean) => (
    <ToolButton key={name} name={name} pressed={pressed} tabIndex={name === stop ? 0 : -1} onFocus={() => setCurrent(name)} onClick={run} />
  );
  const chain = () => editor.chain().focus();

  return (
    <>
      <div
        ref={barRef}
        role="toolbar"
        aria-label="Text formatting"
        onKeyDown={onKeyDown}
        className="flex flex-wrap gap-1 rounded-t border-2 border-b-0 border-gray-800 bg-gray-100 p-1"
      >
        {tool("Heading 2", () => chain().toggleHeading({ level: 2 }).run(), state?.h2)}
        {tool("Heading 3", () => chain().toggleHeading({ level: 3 }).run(), state?.h3)}
        {tool("Heading 4", () => chain().toggleHeading({ level: 4 }).run(), state?.h4)}
        {tool("Bold", () => chain().toggleBold().run(), state?.bold)}
        {tool("Italic", () => chain().toggleItalic().run(), state?.italic)}
        {tool("Bulleted list", () => chain().toggleBulletList().run(), state?.bullet)}
        {tool("Numbered list", () => chain().toggleOrderedList().run(), state?.ordered)}
        {tool("Link", () => setLinkOpen(true), state?.link)}
        {tool("Insert table", () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
        {tool("Insert image", () => setImageOpen(true))}
        {state?.table ? (
          <>
            {tool("Add row", () => chain().addRowAfter().run())}
            {tool("Add column", () => chain().addColumnAfter().run())}
            {tool("Delete row", () => chain().deleteRow().run())}
            {tool("Delete column", () => chain().deleteColumn().run())}
            {tool("Delete table", () => chain().deleteTable().run())}
          </>
        ) : null}
      </div>
      <LinkDialog editor={editor} open={linkOpen} onOpenChange={setLinkOpen} />
      <ImageDialog editor={editor} open={imageOpen} onOpenChange={setImageOpen} uploadUrl={uploadUrl} />
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

function DialogFrame({
  title,
  description,
  open,
  onOpenChange,
  onClosed,
  children,
}: {
  title: string;
  description: string;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  /** Where focus goes when the dialog closes: back into the text, where the change was made. */
  onClosed: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            onClosed();
          }}
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded border-2 border-gray-900 bg-white p-6 shadow-lg"
        >
          <Dialog.Title className="text-xl font-bold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-gray-800">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}


function LinkDialog({ editor, open, onOpenChange }: { editor: Editor; open: boolean; onOpenChange: (o: boolean) => void }) {
  const id = useId();
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const hadLink = editor.isActive("link");

  const openChange = (next: boolean) => {
    if (next) {
      setUrl((editor.getAttributes("link").href as string | undefined) ?? "");
      setError(null);
    }
    onOpenChange(next);
  };

  const submit = (event: FormEvent) => {
    // The dialog renders in a portal, but React events still bubble to the item's form.
    event.preventDefault();
    event.stopPropagation();
    const href = url.trim();
    if (!isAllowedLink(href)) {
      setError("Enter a web address starting with https:// or http://, or an e-mail address starting with mailto:");
      inputRef.current?.focus();
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    onOpenChange(false);
  };

  return (
    <DialogFrame
      title={hadLink ? "Edit link" : "Add a link"}
      description="Links may go to a web page (https:// or http://) or an e-mail address (mailto:). The selected text becomes the link."
      open={open}
      onOpenChange={openChange}
      onClosed={() => editor.commands.focus()}
    >
      <form onSubmit={submit} noValidate>
        <FieldFrame className="mt-4" id={`${id}-url`} label="Link address" hint="For example https://www.example.org/page or mailto:name@example.org" error={error}>
          {({ id: inputId, describedBy }) => (
            <input
              ref={inputRef}
              id={inputId}
              type="url"
              inputMode="url"
              autoComplete="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              className={`mt-1 block w-full min-h-11 rounded border-2 px-3 py-2 ${error ? "border-red-700" : "border-gray-800"}`}
            />
          )}
        </FieldFrame>
        <div className="mt-6 flex flex-wrap gap-3">
          <button type="submit" className={buttonClass.primary}>
            {hadLink ? "Update link" : "Add link"}
          </button>
          {hadLink ? (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => {
                editor.chain().focus().extendMarkRange("link").unsetLink().run();
                onOpenChange(false);
              }}
            >
              Remove link
            </button>
          ) : null}
          <Dialog.Close className={buttonClass.secondary}>Cancel</Dialog.Close>
        </div>
      </form>
    </DialogFrame>
  );
}

function ImageDialog({ editor, open, onOpenChange, uploadUrl }: { editor: Editor; open: boolean; onOpenChange: (o: boolean) => void; uploadUrl: string }) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState("");
  const [decorative, setDecorative] = useState(false);
  const [errors, setErrors] = useState<{ file?: string; alt?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const openChange = (next: boolean) => {
    if (next) {
      setAlt("");
      setDecorative(false);
      setErrors({});
    }
    onOpenChange(next);
  };

  const submit = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      event.stopPropagation();
      const file = fileRef.current?.files?.[0];
      const problems: typeof errors = {};
      if (!file) problems.file = "Choose an image file to upload.";
      else if (file.size > 5 * 1024 * 1024) problems.file = "The image is larger than 5 MB. Choose a smaller image.";
      if (!decorative && !alt.trim()) problems.alt = "Describe the image for people who cannot see it, or tick that it is decorative.";
      setErrors(problems);
      if (problems.file) return fileRef.current?.focus();
      if (problems.alt) return altRef.current?.focus();
      setBusy(true);
      try {
        const body = new FormData();
        body.append("file", file!);
        const response = await fetch(uploadUrl, { method: "POST", body, credentials: "same-origin" });
        const answer = (await response.json().catch(() => null)) as { ok?: boolean; data?: { src: string }; fieldErrors?: Record<string, string>; formError?: string } | null;
        if (!response.ok || !answer?.ok || !answer.data) {
          const message = answer?.fieldErrors?.file ?? answer?.formError ?? "The image could not be uploaded. Try again.";
          setErrors({ file: message });
          fileRef.current?.focus();
          return;
        }
        editor.chain().focus().setImage({ src: answer.data.src, alt: decorative ? "" : alt.trim() }).run();
        onOpenChange(false);
      } catch {
        setErrors({ file: "The image could not be uploaded. Check your connection and try again." });
      } finally {
        setBusy(false);
      }
    },
    [alt, decorative, editor, onOpenChange, uploadUrl],
  );

  return (
    <DialogFrame
      title="Insert an image"
      description="PNG, JPEG, GIF or WebP, up to 5 MB. Only people who can see this item can see its images."
      open={open}
      onOpenChange={openChange}
      onClosed={() => editor.commands.focus()}
    >
      <form onSubmit={submit} noValidate>
        <FieldFrame className="mt-4" id={`${id}-file`} label="Image file" error={errors.file}>
          {({ id: inputId, describedBy }) => (
            <input
              ref={fileRef}
              id={inputId}
              type="file"
              accept={ACCEPTED_IMAGE_TYPES}
              aria-describedby={describedBy}
              aria-invalid={errors.file ? true : undefined}
              className="mt-1 block w-full min-h-11 py-2"
            />
          )}
        </FieldFrame>
        <FieldFrame className="mt-4" id={`${id}-alt`} label="Text alternative" hint="What the image shows, for people who cannot see it." error={errors.alt}>
          {({ id: inputId, describedBy }) => (
            <input
              ref={altRef}
              id={inputId}
              type="text"
              value={alt}
              disabled={decorative}
              maxLength={300}
              onChange={(e) => setAlt(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={errors.alt ? true : undefined}
              className={`mt-1 block w-full min-h-11 rounded border-2 px-3 py-2 disabled:bg-gray-100 ${errors.alt ? "border-red-700" : "border-gray-800"}`}
            />
          )}
        </FieldFrame>
        <div className="mt-4 flex items-center gap-3">
          <input id={`${id}-decorative`} type="checkbox" checked={decorative} onChange={(e) => setDecorative(e.target.checked)} className="size-6" />
          <label htmlFor={`${id}-decorative`}>This image is decorative (it adds no information)</label>
        </div>
        <p role="status" className="mt-4 min-h-6">
          {busy ? "Uploading…" : ""}
        </p>
        <div className="mt-2 flex flex-wrap gap-3">
          <button type="submit" className={buttonClass.primary} disabled={busy}>
            Upload and insert
          </button>
          <Dialog.Close className={buttonClass.secondary}>Cancel</Dialog.Close>
        </div>
      </form>
    </DialogFrame>
  );
}
