import { PlainPage } from "@/components/shell/plain-page";
import { NotFoundMessage } from "@/components/shell/refusals";

/** An address that matches no page, outside the portal's frame (its pages use app/(portal)/not-found.tsx). */
export default function NotFound() {
  return (
    <PlainPage>
      <NotFoundMessage />
    </PlainPage>
  );
}
