/** The webmasters' administration areas, in the order /admin lists them. */
export const ADMIN_AREAS: { href: string; title: string; description: string }[] = [
  { href: "/admin/outbox", title: "Outbox", description: "Every e-mail Portico has queued, and what became of it." },
];
