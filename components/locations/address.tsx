import { mapLinkFor } from "@/lib/locations/schemas";

/** A location's address, line by line, with a link to find it on a map (no third-party embed, P6). */
export function LocationAddress({ name, address }: { name: string; address: string | null }) {
  if (!address) return <p className="text-gray-700">No address has been given for this location.</p>;
  return (
    <>
      <address className="whitespace-pre-line not-italic">{address}</address>
      <p className="mt-2">
        <a href={mapLinkFor(name, address)} className="text-brand-700 underline" rel="noopener noreferrer" target="_blank">
          Find {name} on a map<span className="sr-only"> (OpenStreetMap, opens in a new tab)</span>
        </a>
      </p>
    </>
  );
}
