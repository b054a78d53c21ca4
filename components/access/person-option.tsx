import type { PickedPerson } from "@/components/ui/person-picker";

/** A person as the explainer's pickers offer them: name, then e-mail and whether external. */
export function PersonOption({ person }: { person: PickedPerson }) {
  return (
    <>
      {person.name}
      <span className="block text-sm opacity-80">
        {person.email}
        {person.audience === "external" ? " · External" : ""}
      </span>
    </>
  );
}
