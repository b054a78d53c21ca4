/**
 * The editor's own Tiptap extensions (C6): images only from our upload route, and Escape
 * to leave the text.
 */
import { Image } from "@tiptap/extension-image";
import { Extension } from "@tiptap/react";
import { UPLOAD_SRC } from "@/lib/uploads/paths";

/** Images only from our upload route: a pasted image from anywhere else is not taken in. */
export const UploadedImage = Image.extend({
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
export function escapeLeaves(onEscape: () => void) {
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

/** Focuses the first control after `element` in the page (where Escape sends the reader). */
export function focusAfter(element: HTMLElement) {
  const focusables = Array.from(
    document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'),
  ).filter((el) => el.offsetParent !== null || el === document.activeElement);
  const next = focusables.find((el) => !element.contains(el) && element.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  next?.focus();
}
