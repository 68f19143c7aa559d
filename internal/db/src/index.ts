export { openDatabase, StatementCounter, type Db, type Transaction, type DatabaseConfig, type DatabaseConnection } from './connection.js';
export { migrateSchema } from './migrate.js';
export { bytewiseText, tableBuilder } from './tables.js';
export { isDatabaseFailure, isDatabaseFault } from './failures.js';
export { surviveDependencyFailures } from './survival.js';
