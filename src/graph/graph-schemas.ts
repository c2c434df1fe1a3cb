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
});

export type GraphUser = z.infer<typeof graphUserSchema>;

export const USER_SELECT =
  'id,userPrincipalName,displayName,mail,employeeId,jobTitle,department,employeeType,employeeHireDate,employeeOrgData';
