import { Migration } from '@mikro-orm/migrations';

export class Migration20261128003534_notice_days extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "application_notice_days" on "application" using gist (daterange("notice_from", "notice_to", '[]')) where "notice_from" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "application_notice_days";`);
  }

}
