import { Migration } from '@mikro-orm/migrations';

export class Migration20261127095143_concurrent_filings extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "application_one_pending_per_organization" on "application" ("organization_id") where "status" not in ('ADMITTED', 'REJECTED');`);

    this.addSql(`alter table "objection" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "application_one_pending_per_organization";`);

    this.addSql(`alter table "objection" drop column "version";`);
  }

}
