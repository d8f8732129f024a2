import { Migration } from '@mikro-orm/migrations';

export class Migration20261127090515_audit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "audit_change" as enum ('create', 'update', 'delete');`);
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "actor" varchar(255) not null, "role" varchar(255) not null, "region" varchar(255) null, "county_code" varchar(6) not null, "operation" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "change" "audit_change" not null, "before" jsonb null, "after" jsonb null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_county_code_at_index" on "audit_entry" ("county_code", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop type "audit_change";`);
  }

}
