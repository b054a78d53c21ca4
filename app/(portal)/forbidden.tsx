import { ForbiddenMessage } from "@/components/shell/refusals";

/** C5: a portal page refused keeps the portal's frame (header, navigation, account menu), so the person can go on from it. */
export default function PortalForbidden() {
  return <ForbiddenMessage />;
}
