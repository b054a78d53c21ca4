import type { Crumb } from "@/components/ui/breadcrumbs";

/** Where an item lives (C1): a section, or a group (G6). */
export interface Place {
  kind: "section" | "group";
  slug: string;
  /** The section's title or the group's name. */
  title: string;
}

/**
 * An item's place as the viewer may see it: its home group, else its home section; null when
 * neither may be named to them (an item seen only through a share, C3).
 */
export function placeOf(item: { home: { slug: string; title: string } | null; group: { slug: string; name: string } | null }): Place | null {
  if (item.group) return { kind: "group", slug: item.group.slug, title: item.group.name };
  if (item.home) return { kind: "section", slug: item.home.slug, title: item.home.title };
  return null;
}

export const placeHref = (place: Place): string => (place.kind === "group" ? `/groups/${place.slug}` : `/sections/${place.slug}`);

/** The breadcrumbs up to a place: the section, or Groups › the group. */
export function placeCrumbs(place: Place | null): Crumb[] {
  if (!place) return [];
  const own = { label: place.title, href: placeHref(place) };
  return place.kind === "group" ? [{ label: "Groups", href: "/groups" }, own] : [own];
}
