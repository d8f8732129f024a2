import { Migration } from '@mikro-orm/migrations';

export class Migration20261128003114_facts_by_county_prefix extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "incubation_county_prefix_admitted_on_index" on "incubation" ("county_code" varchar_pattern_ops, "admitted_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "incubation_county_prefix_admitted_on_index";`);
  }

}
