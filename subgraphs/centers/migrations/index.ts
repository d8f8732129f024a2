// Committed migrations, in order (written by: npm run migration -- centers).
import { Migration20261127083842 } from './Migration20261127083842';

export const migrations = [
  { name: 'Migration20261127083842', class: Migration20261127083842 },
];
