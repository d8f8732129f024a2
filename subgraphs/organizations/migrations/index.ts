// Committed migrations, in order (written by: npm run migration -- organizations).
import { Migration20261127083846 } from './Migration20261127083846';
import { Migration20261127084505_lifecycle } from './Migration20261127084505_lifecycle';

export const migrations = [
  { name: 'Migration20261127083846', class: Migration20261127083846 },
  { name: 'Migration20261127084505_lifecycle', class: Migration20261127084505_lifecycle },
];
