"use client";
import type { Editor } from "@tiptap/react";
import { type FormEvent, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { DialogClose, DialogFrame } from "@/components/ui/dialog-frame";
import { FieldFrame } from "@/components/ui/form";
import { isAllowedLink } from "./links";

/** C6: add, change or remove the link at the cursor; only web and e-mail addresses are taken. */
export function LinkDialog({ editor, open, onOpenChange }: { editor: Editor; open: boolean; onOpenChange: (o: boolean) => void }) {
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
      description={<p className="text-gray-800">Links may go to a web page (https:// or http://) or an e-mail address (mailto:). The selected text becomes the link.</p>}
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
          <DialogClose className={buttonClass.secondary}>Cancel</DialogClose>
        </div>
      </form>
    </DialogFrame>
  );
}
