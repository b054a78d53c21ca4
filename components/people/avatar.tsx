import { initialsOf, profileImageSrc } from "@/lib/people/profile-fields";

/** The circle's size, and the initials' size where container units are not supported. */
const SIZES = { sm: "h-8 w-8 text-xs", md: "h-14 w-14 text-lg", lg: "h-24 w-24 text-3xl" } as const;

/**
 * A person's profile image (served only to people who may view their profile, E4), or
 * their initials. `alt` empty when the name is beside it.
 *
 * The initials are at most two letters (initialsOf) and sized to the circle, not to the
 * text around it: a font size of 40% of its width (cqi, the circle being their container),
 * so two wide letters (WM, 山太) stay inside the curve at every size; anything wider still
 * is clipped rather than spilling out. The size class is the fallback without container units.
 */
export function Avatar({ personId, name, imageId, size = "sm", alt = "" }: { personId: string; name: string; imageId: string | null | undefined; size?: keyof typeof SIZES; alt?: string }) {
  const box = `${SIZES[size]} shrink-0 rounded-full`;
  if (imageId) {
    // A plain img: the route checks access per request, which next/image's optimiser would not.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={profileImageSrc(personId, imageId)} alt={alt} className={`${box} object-cover`} />;
  }
  return (
    <span
      aria-hidden={alt ? undefined : true}
      role={alt ? "img" : undefined}
      aria-label={alt || undefined}
      className={`${box} @container flex items-center justify-center overflow-hidden bg-white font-bold text-brand-700 ring-1 ring-brand-700`}
    >
      <span className="whitespace-nowrap leading-none text-[length:40cqi]">{initialsOf(name)}</span>
    </span>
  );
}
