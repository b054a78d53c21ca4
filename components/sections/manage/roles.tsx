/** The roles a person can hold on a section (S7), as the member screens name them. */
export type Role = "manager" | "editor" | "author";

export const ROLES: { value: Role; label: string; hint: string }[] = [
  { value: "manager", label: "Manager", hint: "Manages members, roles and settings, and edits and publishes content" },
  { value: "editor", label: "Editor", hint: "Edits and publishes everyone's content" },
  { value: "author", label: "Author", hint: "Writes drafts for an editor or manager to publish" },
];

export const roleName = (r: Role) => ROLES.find((x) => x.value === r)!.label;

/** Marks an external person in a list of people. */
export function ExternalBadge() {
  return <span className="ml-2 inline-block rounded bg-amber-200 px-2 py-0.5 text-sm font-semibold text-gray-900">External</span>;
}
