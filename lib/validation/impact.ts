/**
 * B4: a change to who may view what is saved only as previewed. The form sends back the
 * fingerprint of the impact the person confirmed; the save measures the change again in its
 * own transaction and refuses with IMPACT_CHANGED, changing nothing, when it differs.
 */
import { z } from "zod";

export const impactFingerprint = z.string().regex(/^[0-9a-f]{64}$/, "Check what the change does again before saving.");
export const IMPACT_CHANGED = "What this change does has changed since you checked it. Check the new figures below, then confirm again.";
