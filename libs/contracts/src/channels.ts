/**
 * Channel roles (docs/ingest.md#channel-roles): which values of a dataset's channel column are
 * in-person visits, online, back office or phone. Trips count in-person events only.
 */
import { z } from 'zod';

export const ChannelRoleSchema = z.enum(['in-person', 'online', 'back-office', 'phone', 'other']);
export type ChannelRole = z.infer<typeof ChannelRoleSchema>;
export const CHANNEL_ROLES: readonly ChannelRole[] = ChannelRoleSchema.options;

/** Channel value (as in the file) → its role. */
export const ChannelRolesSchema = z
  .record(z.string().min(1).max(500), ChannelRoleSchema)
  .refine((roles) => Object.keys(roles).length <= 1000, 'at most 1000 channel values')
  .meta({ example: { 大厅: 'in-person', 网上: 'online', 后台: 'back-office' } });
export type ChannelRoles = Record<string, ChannelRole>;

/** The in-person values of a role map, sorted (the run param `inPerson` they stand for). */
export function inPersonChannels(roles: ChannelRoles): string[] {
  return Object.keys(roles)
    .filter((value) => roles[value] === 'in-person')
    .sort();
}
