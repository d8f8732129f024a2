// Committed migrations, in order (written by: npm run migration -- province).
import { Migration20261127083840 } from './Migration20261127083840';

export const migrations = [
  { name: 'Migration20261127083840', class: Migration20261127083840 },
];
