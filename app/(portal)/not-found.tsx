import { NotFoundMessage } from "@/components/shell/refusals";

/** A portal page that found nothing (a secret group's too, G1) keeps the portal's frame, so the person can go on from it. */
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
