// Committed migrations, in order (written by: npm run migration -- organizations).
import { Migration20261127083846 } from './Migration20261127083846';

export const migrations = [
  { name: 'Migration20261127083846', class: Migration20261127083846 },
];
