import "server-only";
/**
 * Who may see and change group docs (G7). Reading follows the group's content (G6:
 * isReadableGroupId); knowing that a file exists follows the group's listing (G1: a secret
 * group's files are not admitted to exist for non-members, 404, while other refusals are
 * 403). Uploading a new file is for the group's members (G2) and webmasters (G5); adding
 * versions, renaming and deleting a file for its uploader while a member, the group's
 * admins and webmasters (G5, G7).
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { groupFiles } from "@/db/schema";
import { externalSwitchOn } from "./external-access";
import { isReadableGroupId } from "./filters";
import { administeredOrOwnedWhileMember, groupsWhereMember, mayPostInGroup } from "./group-roles";
import type { AccessSubject } from "./types";

/** Predicate on `group_files`: the viewer may list and download the file (G6, G7). */
export function readableGroupFiles(viewer: AccessSubject): SQL {
  return isReadableGroupId(viewer, groupFiles.groupId);
}

/**
 * True when the group in `column` may be admitted to exist to the viewer, as the group
 * listing decides (visibleGroups): G1, secret groups only to their members; G3, external
 * people only their own groups unless the Groups switch (E5) is on.
 */
export function isKnownGroupId(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster) return sql`${column} is not null`;
  const member = sql`${column} in ${groupsWhereMember(viewer)}`;
  const listed = sql`exists (select 1 from groups g_known where g_known.id = ${column} and g_known.visibility <> 'secret')`;
  if (viewer.audience === "organisational") return sql`(${member} or ${listed})`;
  return sql`(${member} or (${listed} and ${externalSwitchOn("groups")}))`;
}

/** True when the viewer may upload a new file into the group in `column`: whoever may post in it (G2: members; G5: webmasters). */
export function mayUploadGroupFileTo(viewer: AccessSubject, column: AnyPgColumn | SQL): SQL {
  return mayPostInGroup(viewer, column);
}

/**
 * Predicate on `group_files`: the viewer may add versions, rename and delete the file (G7).
 * True or false, never null: a file whose uploader's account is gone has a null uploader.
 */
export function manageableGroupFiles(viewer: AccessSubject): SQL {
  if (viewer.isWebmaster) return sql`true`;
  return administeredOrOwnedWhileMember(viewer, groupFiles.groupId, groupFiles.uploaderId);
}
