import { ExternalBadge } from "@/components/ui/external-badge";

/** A person in a list: the name, marked when external (E4, S8), and the e-mail address. */
export function PersonLine({ person }: { person: { name: string; email: string; audience: "organisational" | "external" } }) {
  return (
    <p>
      <span className="font-semibold">{person.name}</span>
      {person.audience === "external" ? <ExternalBadge /> : null} <span className="break-all text-sm text-gray-700">({person.email})</span>
    </p>
  );
}
