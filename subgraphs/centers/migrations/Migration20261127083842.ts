import { Migration } from '@mikro-orm/migrations';

export class Migration20261127083842 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "construction_mode" as enum ('PUBLIC_PREMISES', 'COMMUNITY_SERVICE_CENTER', 'BRAND_ORGANIZATION', 'OTHER');`);
    this.addSql(`create type "operation_mode" as enum ('PURCHASED_SERVICE', 'CIVIL_AFFAIRS_OFFICE');`);
    this.addSql(`create table "incubation_center" ("id" uuid not null, "county_code" varchar(6) not null, "name" varchar(255) not null, "established_on" date not null, "closed_on" date null, "construction_mode" "construction_mode" not null, "operation_mode" "operation_mode" not null, "operator" varchar(255) not null, "version" int not null default 1, constraint "incubation_center_pkey" primary key ("id"));`);
    this.addSql(`create index "incubation_center_county_code_index" on "incubation_center" ("county_code");`);
    this.addSql(`create unique index "incubation_center_one_open_per_county" on "incubation_center" ("county_code") where "closed_on" is null;`);
  }

}
