/**
 * The DataSource for the TypeORM CLI and tools/migration.mjs, configured from the environment
 * (DATABASE_URL). Deliberately not exported from the library's index: importing it reads config.
 */
import { getConfig } from '../config/config';
import { createDataSource } from './data-source';

const dataSource = createDataSource(getConfig().databaseUrl);
export default dataSource;
