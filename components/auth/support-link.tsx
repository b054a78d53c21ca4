/**
 * M4: the IT support link set by webmasters, shown on every alert of the sign-in screens
 * (wrong password, blocked, rate limited, two-factor failures, expired links). Nothing
 * when no link is set.
 */
export function SupportLink({ href }: { href: string | null | undefined }) {
  if (!href) return null;
  return (
    <p className="mt-2">
      Need help?{" "}
      <a href={href} className="font-semibold text-brand-700 underline" rel="noopener noreferrer" target="_blank">
        Contact IT support (opens in a new tab)
      </a>
    </p>
  );
}
