import { Migration } from '@mikro-orm/migrations';

export class Migration20261127083846 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "service_category" as enum ('ELDERLY_CARE', 'CHILDREN_AND_YOUTH', 'DISABILITY_SUPPORT', 'POVERTY_RELIEF', 'COMMUNITY_SERVICE', 'EDUCATION', 'HEALTH', 'CULTURE_AND_SPORTS', 'ENVIRONMENT', 'LEGAL_AID', 'VOLUNTEERING', 'OTHER');`);
    this.addSql(`create table "organization" ("id" uuid not null, "name" varchar(255) not null, "category" "service_category" not null, "founder_name" varchar(255) not null, "full_time_staff" int not null, "version" int not null default 1, constraint "organization_pkey" primary key ("id"));`);
  }

}
