"use server";
/**
 * P3, P7, M8: revealing a one-time link held in the outbox (lib/mail/one-time-links.ts).
 * Only where no mail service is configured — there the outbox is the only place the
 * message arrives, and someone must pass the link on — and only as an explicit action:
 * the webmaster right is re-checked in the transaction (defineAction), and the audit row
 * names the message, the kind of link and the person it was for, so the person's admin
 * page can say a link of theirs was revealed. The link itself is never written to the log.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { outboxMessages } from "@/db/schema";
import { ActionError, defineAction } from "@/lib/actions";
import { dbId } from "@/lib/validation/text";
import { REVEAL_NO_LINK_MESSAGE, REVEAL_WITH_MAIL_SERVICE_MESSAGE, oneTimeLinksIn } from "./one-time-links";
import { mailTransport } from "./queries";

const MESSAGE_GONE = "This message no longer exists.";

export const revealOutboxLinkAction = defineAction({
  name: "outbox.link.reveal",
  input: z.object({ messageId: dbId(MESSAGE_GONE) }),
  authorize: "outbox.link.reveal",
  run: async ({ tx, input }) => {
    if (mailTransport() !== "local") throw new ActionError(REVEAL_WITH_MAIL_SERVICE_MESSAGE);
    const [message] = await tx
      .select({ text: outboxMessages.text, recipientId: outboxMessages.recipientId })
      .from(outboxMessages)
      .where(eq(outboxMessages.id, input.messageId));
    if (!message) throw new ActionError(MESSAGE_GONE);
    const links = oneTimeLinksIn(message.text);
    if (!links.length) throw new ActionError(REVEAL_NO_LINK_MESSAGE);
    return { links, recipientId: message.recipientId };
  },
  audit: (input, result) => ({
    target: result.recipientId ? { type: "person", id: result.recipientId } : null,
    details: { messageId: input.messageId, kinds: result.links.map((l) => l.kind) },
  }),
});
