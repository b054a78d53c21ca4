/**
 * E6: the editor's mention, an inline atom written as `<a data-mention="<person id>">@Name</a>`
 * (lib/mentions/rich-text.ts reads it on save; lib/content/sanitize.ts keeps the id). It is
 * inserted from the suggestion list (components/mentions/use-mention-suggestions.ts), whose
 * keys (Up, Down, Enter, Tab, Escape) go to the list while it is open.
 */
import { type Editor, Extension, Node, mergeAttributes } from "@tiptap/core";
import { MENTION_ID } from "@/lib/mentions/rich-text";

export const Mention = Node.create({
  name: "mention",
  group: "inline",
  inline: true,
  atom: true,
  selectable: false,
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (el) => {
          const id = el.getAttribute("data-mention") ?? "";
          return MENTION_ID.test(id) ? id.toLowerCase() : null;
        },
        renderHTML: (attrs) => ({ "data-mention": attrs.id as string }),
      },
      label: {
        default: "",
        parseHTML: (el) => (el.textContent ?? "").replace(/^@/, ""),
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    // Before the link mark's rule: a mention is not a link (it has no address).
    return [{ tag: "a[data-mention]", priority: 1000, getAttrs: (el) => (MENTION_ID.test((el as HTMLElement).getAttribute("data-mention") ?? "") ? null : false) }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ["a", mergeAttributes(HTMLAttributes), `@${node.attrs.label as string}`];
  },
  renderText({ node }) {
    return `@${node.attrs.label as string}`;
  },
});

export type MentionKey = "ArrowDown" | "ArrowUp" | "Enter" | "Tab" | "Escape";

/** The suggestion list's keys, ahead of the editor's own (and of Escape leaving the editor) while the list is open. */
export function mentionKeys(handle: (key: MentionKey, editor: Editor) => boolean) {
  return Extension.create({
    name: "mentionKeys",
    priority: 1000,
    addKeyboardShortcuts() {
      const keys: MentionKey[] = ["ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"];
      return Object.fromEntries(keys.map((key) => [key, () => handle(key, this.editor)]));
    },
  });
}
