// The kit's own tables (the audit trail, idempotency keys), migrated in every subgraph's database before its own.
import { Migration20261127090515_audit } from './Migration20261127090515_audit';
import { Migration20261127200000_idempotency } from './Migration20261127200000_idempotency';

export const kitMigrations = [
  { name: 'Migration20261127090515_audit', class: Migration20261127090515_audit },
  { name: 'Migration20261127200000_idempotency', class: Migration20261127200000_idempotency },
];
