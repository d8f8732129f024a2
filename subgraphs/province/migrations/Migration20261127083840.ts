import { Migration } from '@mikro-orm/migrations';

export class Migration20261127083840 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "county_kind" as enum ('DISTRICT', 'COUNTY_CITY', 'COUNTY', 'AUTONOMOUS_COUNTY', 'BANNER', 'AUTONOMOUS_BANNER', 'DEVELOPMENT_ZONE', 'OTHER');`);
    this.addSql(`create table "province" ("code" varchar(6) not null, "name" varchar(255) not null, constraint "province_pkey" primary key ("code"));`);

    this.addSql(`create table "prefecture" ("code" varchar(6) not null, "name" varchar(255) not null, "province_code" varchar(6) not null, constraint "prefecture_pkey" primary key ("code"));`);
    this.addSql(`create index "prefecture_province_code_index" on "prefecture" ("province_code");`);

    this.addSql(`create table "county" ("code" varchar(6) not null, "name" varchar(255) not null, "kind" "county_kind" not null, "prefecture_code" varchar(6) not null, constraint "county_pkey" primary key ("code"));`);
    this.addSql(`create index "county_prefecture_code_index" on "county" ("prefecture_code");`);

    this.addSql(`alter table "prefecture" add constraint "prefecture_province_code_foreign" foreign key ("province_code") references "province" ("code") on update cascade;`);

    this.addSql(`alter table "county" add constraint "county_prefecture_code_foreign" foreign key ("prefecture_code") references "prefecture" ("code") on update cascade;`);
  }

}
