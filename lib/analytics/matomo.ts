import "server-only";
/**
 * D1: page views sent on to the organisation's own Matomo too, when a webmaster has set its
 * address and site id (lib/settings/schemas.ts matomoSchema): from the server, after each
 * batch is written (./record.ts), through Matomo's bulk tracking API. No script is added to
 * any page, and Matomo is told no more than Portico keeps: the page's address (as its
 * people see it in their browser), its audience and kind, the day's hash for the person (never who),
 * and for a search that found nothing, what was searched. A Matomo that is down or refuses
 * loses only its own copy: Portico's figures are written first.
 */
import type { Db } from "@/db/connect";
import type { pageViews } from "@/db/schema";
import { getMatomo } from "@/lib/settings/queries";
import { publicOrigin } from "@/lib/site-url";

type ViewedPage = (typeof pageViews.$inferInsert)["page"];

export interface ForwardedView {
  at: Date;
  audience: "organisational" | "external";
  page: ViewedPage;
  path: string;
  /** The day's hash for the person (./record.ts visitorHash): Matomo's visitor id is its first 8 bytes. */
  visitor: Buffer;
  missedTerm: string | null;
}

const AUDIENCE_NAME = { organisational: "Intranet", external: "Extranet" } as const;
const PAGE_NAME: Record<ViewedPage, string> = {
  home: "Home",
  section: "Section",
  item: "Content",
  group: "Group",
  app: "App",
  search: "Search",
  directory: "Directory",
  other: "Other",
};
/** Matomo answers a bulk request in well under this; a slow one is given up on, not waited for. */
const TIMEOUT_MS = 5_000;

/** Each view as one bulk tracking request (Matomo's query string for it). */
export function matomoRequests(views: ForwardedView[], siteId: number, origin: string): string[] {
  return views.map((v) => {
    const query = new URLSearchParams({
      idsite: String(siteId),
      rec: "1",
      apiv: "1",
      send_image: "0",
      url: `${origin}${v.path}`,
      // Matomo groups page names by "/": the audience, then the kind of page (never a title: Matomo's readers are not Portico's).
      action_name: `${AUDIENCE_NAME[v.audience]}/${PAGE_NAME[v.page]}`,
      _id: v.visitor.subarray(0, 8).toString("hex"),
      cdt: String(Math.floor(v.at.getTime() / 1000)),
    });
    if (v.missedTerm) {
      query.set("search", v.missedTerm);
      query.set("search_count", "0");
    }
    return `?${query.toString()}`;
  });
}

/** Sends a written batch to Matomo when one is set; answers how many views were accepted (0: none set, or refused, which is logged). */
export async function forwardToMatomo(db: Db, views: ForwardedView[], send: typeof fetch = fetch): Promise<number> {
  if (!views.length) return 0;
  const { url, siteId } = await getMatomo(db);
  if (!url || !siteId) return 0;
  // Without a public address configured, addresses are given on a name that cannot be anyone's site.
  const origin = publicOrigin() || "https://portico.invalid";
  try {
    const response = await send(new URL("matomo.php", url), {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Portico (page views sent by the server)" },
      body: JSON.stringify({ requests: matomoRequests(views, siteId, origin) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    await response.body?.cancel();
    if (response.ok) return views.length;
    console.error(`Matomo did not take ${views.length} page views (HTTP ${response.status}); Portico's own figures have them.`);
  } catch (error) {
    console.error(`Matomo could not be reached for ${views.length} page views (${(error as Error).name}); Portico's own figures have them.`);
  }
  return 0;
}
