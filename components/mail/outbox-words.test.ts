/** The outbox's words for a message's state (M8 outbox, Q1: in words, not colour alone). */
import { describe, expect, it } from "vitest";
import { KEPT_HERE, deliveredViaLabel, keptHere, outboxStateLabel } from "./outbox-words";

describe("outbox states in plain words", () => {
  it("a message kept because no mail service is set up says so, not Sent", () => {
    const kept = { status: "sent", attempts: 1, deliveredVia: "local" } as const;
    expect(keptHere(kept)).toBe(true);
    expect(outboxStateLabel(kept)).toBe("Kept here, not sent");
    expect(outboxStateLabel(kept)).toBe(KEPT_HERE);
    expect(deliveredViaLabel(kept)).toBe("Kept here");
  });

  it("a message a mail service took is Sent, with the service's id", () => {
    const sent = { status: "sent", attempts: 1, deliveredVia: "resend:4ef9" } as const;
    expect(keptHere(sent)).toBe(false);
    expect(outboxStateLabel(sent)).toBe("Sent");
    expect(deliveredViaLabel(sent)).toBe("resend:4ef9");
  });

  it("waiting, trying again and given up are said in words", () => {
    expect(outboxStateLabel({ status: "pending", attempts: 0, deliveredVia: null })).toBe("Waiting");
    expect(outboxStateLabel({ status: "pending", attempts: 2, deliveredVia: null })).toBe("Trying again");
    expect(outboxStateLabel({ status: "failed", attempts: 8, deliveredVia: null })).toBe("Could not be sent");
    expect(deliveredViaLabel({ status: "pending", deliveredVia: null })).toBe("—");
  });
});
