import { newItemPage } from "@/components/content/new-item-page";
import { getCreateContext } from "@/lib/content/authoring-queries";

/** `/sections/<slug>/new`: choose a kind of item, then write it (authors, editors, managers of the section; S7). */
const page = newItemPage(getCreateContext);
export const generateMetadata = page.generateMetadata;
export default page.Page;
