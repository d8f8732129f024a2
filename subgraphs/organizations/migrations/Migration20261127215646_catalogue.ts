import { Migration } from '@mikro-orm/migrations';

export class Migration20261127215646_catalogue extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "published_item_kind" as enum ('POLICY', 'SERVICE_PURCHASE', 'RESULT', 'EVALUATION', 'ACTIVITY', 'OTHER');`);
    this.addSql(`create type "publisher_level" as enum ('PROVINCE', 'PREFECTURE', 'COUNTY', 'CENTER', 'STATION');`);
    this.addSql(`create table "published_item" ("id" uuid not null, "kind" "published_item_kind" not null, "publisher_level" "publisher_level" not null, "region_code" varchar(6) not null, "host_id" uuid null, "host_kind" "host_kind" null, "title" varchar(200) not null, "body" text not null, "link" varchar(500) null, "published_on" date not null, "withdrawn_on" date null, "withdrawal_reason" text null, "version" int not null default 1, constraint "published_item_pkey" primary key ("id"));`);
    this.addSql(`create index "published_item_region_code_index" on "published_item" ("region_code");`);
    this.addSql(`create index "published_item_listed" on "published_item" ("withdrawn_on", "published_on", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "published_item" cascade;`);

    this.addSql(`drop type "published_item_kind";`);
    this.addSql(`drop type "publisher_level";`);
  }

}
