import { receiveImportUpload } from "@/lib/import/upload-action";

/**
 * POST /api/import/upload: an import file (M6) as multipart form data with `kind` and
 * `file` fields, streamed in and refused as soon as it passes 25 MB. Webmasters only;
 * the checks, the stored upload, its preview and the audit row are the defineAction's
 * (lib/import/upload-action.ts). The page then shows /admin/import?upload=<id>.
 */
export async function POST(request: Request) {
  return receiveImportUpload(request);
}
