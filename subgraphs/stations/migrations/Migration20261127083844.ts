import { Migration } from '@mikro-orm/migrations';

export class Migration20261127083844 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "town_kind" as enum ('STREET', 'TOWN', 'TOWNSHIP', 'OTHER');`);
    this.addSql(`create table "incubation_station" ("id" uuid not null, "town_code" varchar(9) not null, "county_code" varchar(6) not null, "name" varchar(255) not null, "established_on" date not null, "closed_on" date null, "version" int not null default 1, constraint "incubation_station_pkey" primary key ("id"));`);
    this.addSql(`create index "incubation_station_town_code_index" on "incubation_station" ("town_code");`);
    this.addSql(`create index "incubation_station_county_code_index" on "incubation_station" ("county_code");`);
    this.addSql(`create unique index "incubation_station_one_open_per_town" on "incubation_station" ("town_code") where "closed_on" is null;`);

    this.addSql(`create table "large_town_designation" ("id" uuid not null, "town_code" varchar(9) not null, "county_code" varchar(6) not null, "from" date not null, "until" date null, constraint "large_town_designation_pkey" primary key ("id"));`);
    this.addSql(`create index "large_town_designation_town_code_index" on "large_town_designation" ("town_code");`);
    this.addSql(`create index "large_town_designation_county_code_index" on "large_town_designation" ("county_code");`);
    this.addSql(`create unique index "large_town_designation_one_open_per_town" on "large_town_designation" ("town_code") where "until" is null;`);

    this.addSql(`create table "town" ("code" varchar(9) not null, "name" varchar(255) not null, "kind" "town_kind" not null, "county_code" varchar(6) not null, constraint "town_pkey" primary key ("code"));`);
    this.addSql(`create index "town_county_code_index" on "town" ("county_code");`);
  }

}
