// Every migration, oldest first. tools/migration.mjs appends new ones here.
import { Init1795912063316 } from './1795912063316-Init';
import type { MigrationInterface } from 'typeorm';

export const MIGRATIONS: (new () => MigrationInterface)[] = [Init1795912063316];
