import { newItemPage } from "@/components/content/new-item-page";
import { getGroupCreateContext } from "@/lib/content/authoring-queries";

/**
 * `/groups/<slug>/new` (G2): choose a kind of item, then write it in the group — its members
 * and webmasters, who publish their own items (G6). 404 as for no group to whoever may not see
 * the group (C5), 403 to whoever sees it but may not post.
 */
const page = newItemPage(getGroupCreateContext);
export const generateMetadata = page.generateMetadata;
export default page.Page;
