/** Marks a group admin (G5). */
export function AdminBadge() {
  return <span className="ml-2 inline-block rounded border border-brand-700 bg-brand-50 px-2 py-0.5 text-sm font-semibold text-gray-900">Admin</span>;
}
