/** The roles a person can hold on a section (S7), as the member screens name them. */
export type Role = "manager" | "editor" | "author";

export const ROLES: { value: Role; label: string; hint: string }[] = [
  { value: "manager", label: "Manager", hint: "Manages members, roles and settings, and edits and publishes content" },
  { value: "editor", label: "Editor", hint: "Edits and publishes everyone's content" },
  { value: "author", label: "Author", hint: "Writes drafts for an editor or manager to publish" },
];

export const roleName = (r: Role) => ROLES.find((x) => x.value === r)!.label;

