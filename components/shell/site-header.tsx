import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { Avatar } from "@/components/people/avatar";
import { NotificationBell } from "@/components/notifications/bell";
import { homeFor } from "@/lib/routes";
import { HeaderSearch } from "./header-search";
import { AccountMenu } from "./account-menu";
import { MainNav } from "./main-nav";
import { NavLink } from "./nav-link";

interface HeaderViewer {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
  isWebmaster: boolean;
  /** May open the Teams directory (lib/access/teams.ts#canViewTeams: E5, P5). */
  canViewTeams?: boolean;
  /** The profile image (E3), or initials without one. */
  imageId?: string | null;
  /** K2 K3: manages a section or a group, or is a webmaster (lib/access/viewer.ts). */
  moderates?: boolean;
  /** The directories and apps this person may use (E5, apps turned off for everyone; lib/access/external-access.ts). */
  apps?: Partial<
    Record<"users" | "locations" | "ideas" | "messageWall" | "queries", boolean>
  >;
}

/** The directories and apps in the main navigation, each shown only to people who may use it. */
const APP_LINKS = [
  { app: "users", href: "/people", label: "People" },
  { app: "locations", href: "/locations", label: "Locations" },
  { app: "ideas", href: "/ideas", label: "Ideas" },
  { app: "messageWall", href: "/wall", label: "Wall" },
  { app: "queries", href: "/queries", label: "Queries" },
] as const;

/** The account menu's own pages. */
const ACCOUNT_LINKS = [
  { href: "/me/profile", label: "Your profile" },
  { href: "/me/favourites", label: "Favourites" },
  { href: "/me/calendar", label: "Calendar feed" },
  { href: "/me/security", label: "Security and password" },
  { href: "/me/tokens", label: "API tokens" },
] as const;

export function SiteHeader({ viewer }: { viewer: HeaderViewer }) {
  const home = homeFor(viewer.audience);
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link
          href={home}
          className="py-2 text-xl font-bold text-white no-underline"
        >
          Portico
          <span className="sr-only">
            {" "}
            — {viewer.audience === "external" ? "extranet" : "intranet"} home
          </span>
        </Link>
        {/* D4 E4: search, for organisational people only (external people get 403 from /search). */}
        {viewer.audience === "organisational" || viewer.isWebmaster ? (
          <HeaderSearch />
        ) : null}
        {/* K5: the unread count, for both audiences, beside the account menu. */}
        <NotificationBell />
        <AccountMenu
          summary={
            <>
              <Avatar
                personId={viewer.id}
                name={viewer.name}
                imageId={viewer.imageId}
              />
              <span>
                <span className="sr-only">Account menu for </span>
                {viewer.name}
              </span>
            </>
          }
        >
          <p className="font-semibold">{viewer.name}</p>
          <p className="break-all text-sm text-gray-700">{viewer.email}</p>
          <ul className="mt-3 space-y-2">
            {ACCOUNT_LINKS.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="text-brand-700 underline">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
          <form action={signOutAction} className="mt-4">
            <button
              type="submit"
              className="min-h-11 w-full rounded border-2 border-gray-800 px-4 py-2 font-semibold hover:bg-gray-100"
            >
              Sign out
            </button>
          </form>
        </AccountMenu>
      </div>
      <MainNav>
        <li>
          <NavLink href={home}>Home</NavLink>
        </li>
        <li>
          <NavLink href="/sections">Sections</NavLink>
        </li>
        <li>
          <NavLink href="/feed">Feed</NavLink>
        </li>
        <li>
          <NavLink href="/events">Events</NavLink>
        </li>
        <li>
          <NavLink href="/me/content">My content</NavLink>
        </li>
        <li>
          <NavLink href="/groups">Groups</NavLink>
        </li>
        {viewer.apps?.users ? (
          <li>
            <NavLink href="/people">People</NavLink>
          </li>
        ) : null}
        {viewer.canViewTeams ? (
          <li>
            <NavLink href="/teams">Teams</NavLink>
          </li>
        ) : null}
        {APP_LINKS.filter((l) => l.app !== "users" && viewer.apps?.[l.app]).map(
          (l) => (
            <li key={l.href}>
              <NavLink href={l.href}>{l.label}</NavLink>
            </li>
          ),
        )}
        {viewer.moderates ? (
          <li>
            <NavLink href="/moderation">Moderation</NavLink>
          </li>
        ) : null}
        {viewer.isWebmaster ? (
          <li>
            <NavLink href="/admin">Administration</NavLink>
          </li>
        ) : null}
      </MainNav>
    </header>
  );
}
