/** The webmasters' administration areas, in the order /admin lists them. */
export const ADMIN_AREAS: { href: string; title: string; description: string }[] = [
  { href: "/admin/users", title: "People", description: "Everyone with an account: find, create and edit people, send welcome e-mails, block and unblock." },
  { href: "/admin/import", title: "Import", description: "Create and update people, teams and locations from a CSV, JSON or XML file, after a preview." },
  { href: "/admin/export", title: "Export", description: "Download people, teams and locations as CSV, JSON or XML." },
  { href: "/admin/settings/authentication", title: "Sign-in and security", description: "The IT support link on sign-in screens, who must use two-factor sign-in, and codes sent to mobiles." },
  { href: "/admin/settings/external-access", title: "External user access", description: "Which apps and directories external people may use (Groups, Ideas, Message Wall, Queries, Users, Teams, Locations)." },
  { href: "/admin/settings/apps", title: "Apps", description: "Turn Ideas, Message Wall and Queries on or off for everyone, and name each app's moderators." },
  { href: "/access/explain", title: "Access explainer", description: "Why a person can or cannot view a section, an item, a group or a file: every path that grants it, or what stops it." },
  { href: "/access/exposure", title: "Exposure report", description: "Everything a person, a team or a partner organisation can view, with every way in; filter it and download it as CSV." },
  { href: "/access/view-as", title: "View as someone", description: "Browse every page exactly as a chosen person sees it, read-only; you stay signed in as yourself." },
  { href: "/admin/tags", title: "Tags", description: "Every tag in use: rename, merge and delete tags across content, ideas and group files." },
  { href: "/admin/tokens", title: "API tokens", description: "Everyone's API tokens: who made which, what each may do, when it was last used; revoke any of them." },
  { href: "/analytics", title: "Analytics", description: "How much the site, each section, group and app is used, live and over time, with the searches that found nothing: counts only, never who viewed what. Set how long figures are kept." },
  { href: "/admin/audit", title: "Audit log", description: "Every administrative, access and security event: who, what, when and from where. Filter, export, and set how long it is kept." },
  { href: "/admin/outbox", title: "Outbox", description: "Every e-mail Portico has queued, and what became of it." },
  { href: "/admin/sms-outbox", title: "Text messages", description: "Every text message (sign-in codes) Portico has sent or kept locally." },
];
