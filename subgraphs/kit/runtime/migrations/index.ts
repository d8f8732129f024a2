// The kit's own tables (the audit trail), migrated in every subgraph's database before its own.
import { Migration20261127090515_audit } from './Migration20261127090515_audit';

export const kitMigrations = [{ name: 'Migration20261127090515_audit', class: Migration20261127090515_audit }];
