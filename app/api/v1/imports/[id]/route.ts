import { getImportRoute } from "@/lib/api/handlers/import-writes";

/** GET /api/v1/imports/{id} (D2, M6): an uploaded file's preview against Portico now, as the import page shows it. */
export const GET = getImportRoute;
