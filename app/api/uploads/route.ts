import { receiveImage } from "@/lib/uploads/receive";
import { uploadImage } from "@/lib/uploads/upload-action";
import { uploadWallImage } from "@/lib/wall/upload-action";

/**
 * POST /api/uploads: one image for rich text (C6), as multipart form data with a `file`
 * field. The checks (size, type read from the bytes, no SVG), the permission and the
 * audit row are the defineAction's (lib/uploads/upload-action.ts). `?for=wall`: a wall post's
 * image (G4), for whoever may use the wall (lib/wall/upload-action.ts).
 */
export async function POST(request: Request) {
  const forWall = new URL(request.url).searchParams.get("for") === "wall";
  return receiveImage(request, forWall ? uploadWallImage : uploadImage);
}
