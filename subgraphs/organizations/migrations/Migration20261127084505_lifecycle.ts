import { Migration } from '@mikro-orm/migrations';

export class Migration20261127084505_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "host_kind" as enum ('CENTER', 'STATION');`);
    this.addSql(`create type "application_status" as enum ('SUBMITTED', 'ACCEPTED', 'PRELIMINARY_PASSED', 'EXPERT_PASSED', 'IN_NOTICE', 'ADMITTED', 'REJECTED');`);
    this.addSql(`create type "incubation_status" as enum ('INCUBATING', 'GRADUATED', 'EXITED');`);
    this.addSql(`create type "funding_source" as enum ('PUBLIC_FINANCE', 'DONATION', 'OTHER');`);
    this.addSql(`create type "follow_up_kind" as enum ('GROWTH_EVALUATION', 'PROJECT_RECOMMENDATION');`);
    this.addSql(`create type "service_kind" as enum ('PREMISES_AND_EQUIPMENT', 'CAPACITY_TRAINING', 'STRATEGIC_PLANNING', 'INFORMATION_SERVICES', 'MICRO_GRANT', 'RESOURCE_EXPANSION', 'BOOKKEEPING_CUSTODY', 'REGISTRATION_ASSISTANCE', 'GROWTH_EVALUATION');`);
    this.addSql(`create table "application" ("id" uuid not null, "organization_id" uuid not null, "host_id" uuid not null, "host_kind" "host_kind" not null, "county_code" varchar(6) not null, "status" "application_status" not null default 'SUBMITTED', "submitted_on" date not null, "accepted_on" date null, "preliminary_reviewed_on" date null, "expert_reviewed_on" date null, "public_benefit" smallint null, "feasibility" smallint null, "team" smallint null, "potential" smallint null, "notice_from" date null, "notice_to" date null, "decided_on" date null, "rejection_reason" text null, "version" int not null default 1, constraint "application_pkey" primary key ("id"));`);
    this.addSql(`create index "application_organization_id_index" on "application" ("organization_id");`);
    this.addSql(`create index "application_host_id_index" on "application" ("host_id");`);
    this.addSql(`create index "application_county_code_index" on "application" ("county_code");`);

    this.addSql(`create table "objection" ("id" uuid not null, "application_id" uuid not null, "raised_on" date not null, "text" text not null, "upheld" boolean null, constraint "objection_pkey" primary key ("id"));`);
    this.addSql(`create index "objection_application_id_index" on "objection" ("application_id");`);

    this.addSql(`create table "incubation" ("id" uuid not null, "organization_id" uuid not null, "application_id" uuid not null, "host_id" uuid not null, "host_kind" "host_kind" not null, "county_code" varchar(6) not null, "status" "incubation_status" not null default 'INCUBATING', "admitted_on" date not null, "planned_end_on" date not null, "graduated_on" date null, "exited_on" date null, "exit_reason" text null, "version" int not null default 1, constraint "incubation_pkey" primary key ("id"));`);
    this.addSql(`create index "incubation_organization_id_index" on "incubation" ("organization_id");`);
    this.addSql(`alter table "incubation" add constraint "incubation_one_per_application" unique ("application_id");`);
    this.addSql(`create index "incubation_county_code_index" on "incubation" ("county_code");`);
    this.addSql(`create index "incubation_host_id_admitted_on_index" on "incubation" ("host_id", "admitted_on");`);
    this.addSql(`create unique index "incubation_one_open_per_organization" on "incubation" ("organization_id") where "status" = 'INCUBATING';`);

    this.addSql(`create table "micro_grant" ("id" uuid not null, "incubation_id" uuid not null, "amount" numeric(12,2) not null, "granted_on" date not null, "source" "funding_source" not null, constraint "micro_grant_pkey" primary key ("id"));`);
    this.addSql(`create index "micro_grant_incubation_id_index" on "micro_grant" ("incubation_id");`);

    this.addSql(`create table "follow_up" ("id" uuid not null, "incubation_id" uuid not null, "kind" "follow_up_kind" not null, "on" date not null, "note" text null, constraint "follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_incubation_id_index" on "follow_up" ("incubation_id");`);

    this.addSql(`create table "evaluation" ("id" uuid not null, "incubation_id" uuid not null, "period" varchar(6) not null, "score" smallint not null, constraint "evaluation_pkey" primary key ("id"));`);
    this.addSql(`alter table "evaluation" add constraint "evaluation_one_per_period" unique ("incubation_id", "period");`);

    this.addSql(`create table "service_delivery" ("id" uuid not null, "incubation_id" uuid not null, "kind" "service_kind" not null, "delivered_on" date not null, "note" text null, constraint "service_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "service_delivery_incubation_id_index" on "service_delivery" ("incubation_id");`);

    this.addSql(`alter table "application" add constraint "application_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "objection" add constraint "objection_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade;`);

    this.addSql(`alter table "incubation" add constraint "incubation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "incubation" add constraint "incubation_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade;`);

    this.addSql(`alter table "micro_grant" add constraint "micro_grant_incubation_id_foreign" foreign key ("incubation_id") references "incubation" ("id") on update cascade;`);

    this.addSql(`alter table "follow_up" add constraint "follow_up_incubation_id_foreign" foreign key ("incubation_id") references "incubation" ("id") on update cascade;`);

    this.addSql(`alter table "evaluation" add constraint "evaluation_incubation_id_foreign" foreign key ("incubation_id") references "incubation" ("id") on update cascade;`);

    this.addSql(`alter table "service_delivery" add constraint "service_delivery_incubation_id_foreign" foreign key ("incubation_id") references "incubation" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "objection" drop constraint "objection_application_id_foreign";`);

    this.addSql(`alter table "incubation" drop constraint "incubation_application_id_foreign";`);

    this.addSql(`alter table "micro_grant" drop constraint "micro_grant_incubation_id_foreign";`);

    this.addSql(`alter table "follow_up" drop constraint "follow_up_incubation_id_foreign";`);

    this.addSql(`alter table "evaluation" drop constraint "evaluation_incubation_id_foreign";`);

    this.addSql(`alter table "service_delivery" drop constraint "service_delivery_incubation_id_foreign";`);

    this.addSql(`drop table if exists "application" cascade;`);

    this.addSql(`drop table if exists "objection" cascade;`);

    this.addSql(`drop table if exists "incubation" cascade;`);

    this.addSql(`drop table if exists "micro_grant" cascade;`);

    this.addSql(`drop table if exists "follow_up" cascade;`);

    this.addSql(`drop table if exists "evaluation" cascade;`);

    this.addSql(`drop table if exists "service_delivery" cascade;`);

    this.addSql(`drop type "host_kind";`);
    this.addSql(`drop type "application_status";`);
    this.addSql(`drop type "incubation_status";`);
    this.addSql(`drop type "funding_source";`);
    this.addSql(`drop type "follow_up_kind";`);
    this.addSql(`drop type "service_kind";`);
  }

}
