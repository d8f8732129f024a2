// Committed migrations, in order (written by: npm run migration -- stations).
import { Migration20261127083844 } from './Migration20261127083844';

export const migrations = [
  { name: 'Migration20261127083844', class: Migration20261127083844 },
];
