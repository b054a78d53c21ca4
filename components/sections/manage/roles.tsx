import { SECTION_ROLE_WORDS, type SectionRole } from "@/lib/sections/schemas";

/** The roles a person can hold on a section (S7), as the member screens name them. */
export type Role = SectionRole;

export const ROLES: { value: Role; label: string; hint: string }[] = [
  { value: "manager", label: SECTION_ROLE_WORDS.manager.label, hint: "Manages members, roles and settings, and edits and publishes content" },
  { value: "editor", label: SECTION_ROLE_WORDS.editor.label, hint: "Edits and publishes everyone's content" },
  { value: "author", label: SECTION_ROLE_WORDS.author.label, hint: "Writes drafts for an editor or manager to publish" },
];

export const roleName = (r: Role) => SECTION_ROLE_WORDS[r].label;
