import { postImport } from "@/lib/api/handlers/import-writes";

/** POST /api/v1/imports (D2, M6): an import file as the body, kept and previewed by the import page's own upload action as the token's person. */
export const POST = postImport;
