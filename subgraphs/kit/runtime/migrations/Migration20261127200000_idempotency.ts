import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys: per key (and position, for a mutation with several fields), the caller and the first result. */
export class Migration20261127200000_idempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "idempotent_write" ("subject" varchar(255) not null, "key" varchar(200) not null, "position" int not null, "operation" varchar(255) not null, "request" char(64) not null, "entity_type" varchar(255) null, "entity_id" jsonb null, "response" jsonb null, "at" timestamptz not null, constraint "idempotent_write_pkey" primary key ("key", "position"));`,
    );
    this.addSql(`create index "idempotent_write_at_index" on "idempotent_write" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotent_write";`);
  }
}
