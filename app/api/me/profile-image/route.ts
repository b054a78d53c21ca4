import { uploadProfileImage } from "@/lib/people/profile-image-action";
import { receiveImage } from "@/lib/uploads/receive";

/**
 * POST /api/me/profile-image: the signed-in person's new profile image (E3), as
 * multipart form data with a `file` field. Checks, permission and audit row:
 * lib/people/profile-image-action.ts. Removing it is a server action.
 */
export async function POST(request: Request) {
  return receiveImage(request, uploadProfileImage);
}
