/**
 * K5: the kinds of notification people receive, how each is delivered by e-mail unless
 * the person chose otherwise, and which wins when one event reaches someone for several
 * reasons (one notification a person an event). Plain data: the preferences page, the
 * fan-out worker and the e-mails all read it from here.
 */
export const NOTIFICATION_KINDS = [
  "mention",
  "reply",
  "comment_on_my_item",
  "comment_on_followed",
  "content_role",
  "content_followed",
  "group_request",
  "group_invitation",
  "idea_status",
  "query_new",
  "query_answer",
  "query_resolved",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERIES = ["immediate", "digest", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** K5 defaults: mentions and replies at once, the rest in the daily digest. */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  mention: "immediate",
  reply: "immediate",
  comment_on_my_item: "digest",
  comment_on_followed: "digest",
  content_role: "digest",
  content_followed: "digest",
  group_request: "digest",
  group_invitation: "digest",
  idea_status: "immediate",
  query_new: "digest",
  query_answer: "immediate",
  query_resolved: "digest",
};

/** What each kind is, as the preferences page names it. */
export const KIND_LABEL: Record<NotificationKind, string> = {
  mention: "Someone mentions you",
  reply: "Replies to your comments",
  comment_on_my_item: "Comments on your content",
  comment_on_followed: "Comments on what you follow",
  content_role: "Content changes in sections where you hold a role",
  content_followed: "New and updated content you follow",
  group_request: "Requests to join groups you administer",
  group_invitation: "Invitations to groups",
  idea_status: "Status changes of your ideas and the ideas you follow",
  query_new: "Queries sent to your teams",
  query_answer: "Answers to your queries",
  query_resolved: "Queries you asked or answered are resolved",
};

export const DELIVERY_LABEL: Record<Delivery, string> = { immediate: "At once", digest: "Daily digest", off: "Off" };

/**
 * When one event reaches a person for several reasons, the strongest reason names it:
 * mention > reply > comment on my item > comment on something followed; a section role
 * over following (S7).
 */
export const KIND_PRIORITY: Record<NotificationKind, number> = {
  mention: 0,
  reply: 1,
  comment_on_my_item: 2,
  comment_on_followed: 3,
  content_role: 0,
  content_followed: 1,
  group_request: 0,
  group_invitation: 0,
  idea_status: 0,
  query_new: 0,
  query_answer: 0,
  query_resolved: 0,
};
