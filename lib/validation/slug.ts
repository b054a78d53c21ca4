/**
 * A web address (slug) suggested from a name or title, shared by sections (S1) and groups
 * (G1): lower case, words joined by single hyphens, only a–z, 0–9 and hyphens, at most 60
 * characters, never a hyphen at either end ("Café & Cake, 2026!" → "cafe-and-cake-2026").
 * Accents are dropped (é → e); other letters that have no a–z form (Ελληνικά, 日本語) are left
 * out, so a title in another script may suggest nothing and the person writes the address.
 * It only suggests: the schemas still validate whatever address is sent. Client-safe.
 */
export function slugFrom(text: string, maxLength = 60): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
}
