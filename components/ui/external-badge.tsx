/** Marks an external person in a list of people (E4, S8): members, invitations, requests, reviews. */
export function ExternalBadge() {
  return <span className="ml-2 inline-block rounded bg-amber-200 px-2 py-0.5 text-sm font-semibold text-gray-900">External</span>;
}
