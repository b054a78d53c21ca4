import { getViewer } from "@/lib/access/viewer";
import { getProfileImageForViewer } from "@/lib/people/profile-queries";
import { imageResponse, notFoundResponse } from "@/lib/uploads/serve";

/**
 * GET /api/people/<person id>/image: the person's profile image, only for people who may
 * view their profile (E4, E5: lib/access/profiles.ts). Anyone else — signed out, an
 * external person without the Users switch, no image, no such person — gets the same 404.
 * Stored images are WebP written by the server (lib/people/profile-image.ts).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const image = viewer && !viewer.mustEnrolTwoFactor ? await getProfileImageForViewer(viewer, id) : null;
  return image ? imageResponse(image, "image/webp") : notFoundResponse();
}
