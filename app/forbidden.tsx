import { PlainPage } from "@/components/shell/plain-page";
import { ForbiddenMessage } from "@/components/shell/refusals";

/** C5: access denied outside the portal's frame (the portal's own pages use app/(portal)/forbidden.tsx). */
export default function Forbidden() {
  return (
    <PlainPage>
      <ForbiddenMessage />
    </PlainPage>
  );
}
