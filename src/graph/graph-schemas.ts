import { z } from 'zod';

// What we read from Graph, validated: a Graph response is outside input like any other.

export const graphUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().min(1),
  displayName: z
    .string()
    .nullable()
    .transform((value) => value ?? ''),
  mail: z.string().nullable().optional(),
  employeeId: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  employeeType: z.string().nullable().optional(),
  employeeHireDate: z.string().nullable().optional(),
  employeeOrgData: z.object({ division: z.string().nullable().optional() }).nullable().optional(),
  manager: z.object({ id: z.string() }).nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  userType: z.string().nullable().optional(),
  assignedLicenses: z
    .array(z.object({ skuId: z.string().nullable().optional() }))
    .nullable()
    .optional(),
  /** users delta: the manager relationship as an annotation; present only when it changed. */
  'manager@delta': z
    .array(z.object({ id: z.string(), '@removed': z.object({}).passthrough().optional() }))
    .optional(),
});

/** A users delta entry for a deleted (or soft-deleted) user. */
export const removedUserSchema = z.object({ id: z.string().min(1), '@removed': z.object({}).passthrough() });

export type GraphUser = z.infer<typeof graphUserSchema>;

export const USER_SELECT =
  'id,userPrincipalName,displayName,mail,employeeId,jobTitle,department,employeeType,employeeHireDate,employeeOrgData';

/**
 * What the directory sync tracks in users delta: the profile, what tells staff from guests, disabled
 * accounts and mailboxes, and `manager` (delta tracks a relationship through $select; $expand is refused).
 */
export const STAFF_DELTA_SELECT = `${USER_SELECT},accountEnabled,userType,assignedLicenses,manager`;

/** A Teams app in the tenant's app catalog (`/appCatalogs/teamsApps`): `id` is the catalog's, not the manifest's. */
export const teamsCatalogAppSchema = z.object({
  id: z.string().min(1),
  externalId: z.string().nullable().optional(),
});

/** An app installed in a user's personal scope (`/users/{id}/teamwork/installedApps?$expand=teamsApp`). */
export const userAppInstallationSchema = z.object({
  id: z.string().min(1),
  teamsApp: z
    .object({ id: z.string().min(1) })
    .nullable()
    .optional(),
});

/** The chat between a user and an installed app (`…/installedApps/{id}/chat`): its id is the 1:1 conversation's. */
export const installationChatSchema = z.object({ id: z.string().min(1) });
