export { openDatabase, StatementCounter, type Db, type DatabaseConfig, type DatabaseConnection } from './connection.js';
export { migrateSchema, rowsOf } from './migrate.js';
