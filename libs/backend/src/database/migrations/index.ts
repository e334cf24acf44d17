// Every migration, oldest first. tools/migration.mjs appends new ones here.
import { Init1795912063316 } from './1795912063316-Init';
import { FastIngestKeysActiveRuns1795913860710 } from './1795913860710-FastIngestKeysActiveRuns';
import { IdentityFromCopyFields1795930000000 } from './1795930000000-IdentityFromCopyFields';
import { DatasetFacets1796231445089 } from './1796231445089-DatasetFacets';
import { ChannelRoles1796236250471 } from './1796236250471-ChannelRoles';
import { QueueActivities1796300000000 } from './1796300000000-QueueActivities';
import { RejectionCodes1796330000000 } from './1796330000000-RejectionCodes';
import { RunErrorCodes1796340000000 } from './1796340000000-RunErrorCodes';
import { UsersSessions1796400000000 } from './1796400000000-UsersSessions';
import { AuditLog1796500000000 } from './1796500000000-AuditLog';
import { DatasetDeadlines1796540000000 } from './1796540000000-DatasetDeadlines';
import { Goals1796560000000 } from './1796560000000-Goals';
import { RunShards1796570000000 } from './1796570000000-RunShards';
import type { MigrationInterface } from 'typeorm';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Init1795912063316,
  FastIngestKeysActiveRuns1795913860710,
  IdentityFromCopyFields1795930000000,
  DatasetFacets1796231445089,
  ChannelRoles1796236250471,
  QueueActivities1796300000000,
  RejectionCodes1796330000000,
  RunErrorCodes1796340000000,
  UsersSessions1796400000000,
  AuditLog1796500000000,
  DatasetDeadlines1796540000000,
  Goals1796560000000,
  RunShards1796570000000,
];
