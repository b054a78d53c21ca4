import { initialsOf, profileImageSrc } from "@/lib/people/profile-fields";

const SIZES = { sm: "h-8 w-8 text-sm", md: "h-14 w-14 text-xl", lg: "h-24 w-24 text-3xl" } as const;

/**
 * A person's profile image (served only to people who may view their profile, E4), or
 * their initials. `alt` empty when the name is beside it.
 */
export function Avatar({ personId, name, imageId, size = "sm", alt = "" }: { personId: string; name: string; imageId: string | null | undefined; size?: keyof typeof SIZES; alt?: string }) {
  const box = `${SIZES[size]} shrink-0 rounded-full`;
  if (imageId) {
    // A plain img: the route checks access per request, which next/image's optimiser would not.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={profileImageSrc(personId, imageId)} alt={alt} className={`${box} object-cover`} />;
  }
  return (
    <span aria-hidden={alt ? undefined : true} role={alt ? "img" : undefined} aria-label={alt || undefined} className={`${box} flex items-center justify-center bg-white font-bold text-brand-700 ring-1 ring-brand-700`}>
      {initialsOf(name)}
    </span>
  );
}
