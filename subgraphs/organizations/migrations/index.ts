// Committed migrations, in order (written by: npm run migration -- organizations).
import { Migration20261127083846 } from './Migration20261127083846';
import { Migration20261127084505_lifecycle } from './Migration20261127084505_lifecycle';
import { Migration20261127095143_concurrent_filings } from './Migration20261127095143_concurrent_filings';
import { Migration20261127215646_catalogue } from './Migration20261127215646_catalogue';
import { Migration20261128003114_facts_by_county_prefix } from './Migration20261128003114_facts_by_county_prefix';
import { Migration20261128003534_notice_days } from './Migration20261128003534_notice_days';

export const migrations = [
  { name: 'Migration20261127083846', class: Migration20261127083846 },
  { name: 'Migration20261127084505_lifecycle', class: Migration20261127084505_lifecycle },
  { name: 'Migration20261127095143_concurrent_filings', class: Migration20261127095143_concurrent_filings },
  { name: 'Migration20261127215646_catalogue', class: Migration20261127215646_catalogue },
  { name: 'Migration20261128003114_facts_by_county_prefix', class: Migration20261128003114_facts_by_county_prefix },
  { name: 'Migration20261128003534_notice_days', class: Migration20261128003534_notice_days },
];
