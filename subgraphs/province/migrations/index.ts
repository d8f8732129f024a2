// Committed migrations, in order (written by: npm run migration -- province).
import { Migration20261127083840 } from './Migration20261127083840';
import { Migration20261127085624_milestones } from './Migration20261127085624_milestones';
import { Migration20261127220000_national } from './Migration20261127220000_national';

export const migrations = [
  { name: 'Migration20261127083840', class: Migration20261127083840 },
  { name: 'Migration20261127085624_milestones', class: Migration20261127085624_milestones },
  { name: 'Migration20261127220000_national', class: Migration20261127220000_national },
];
