import { Migration } from '@mikro-orm/migrations';

export class Migration20261127085624_milestones extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "binding" as enum ('STRIVE', 'MUST');`);
    this.addSql(`create table "milestone" ("year" int not null, "deadline" date not null, "binding" "binding" not null, "summary" text not null, "counts_development_zones" boolean not null default false, constraint "milestone_pkey" primary key ("year"));`);

    this.addSql(`create table "milestone_check" ("id" serial primary key, "milestone_year" int not null, "rule" varchar(255) not null, "min" int null, "max" int null, "categories" text[] null, "position" int not null);`);
    this.addSql(`alter table "milestone_check" add constraint "milestone_check_one_per_rule" unique ("milestone_year", "rule");`);

    this.addSql(`alter table "milestone_check" add constraint "milestone_check_milestone_year_foreign" foreign key ("milestone_year") references "milestone" ("year") on update cascade;`);

    // The policy's targets (吉民发〔2014〕53号 一、工作目标) as the starting data; administrators tune them.
    this.addSql(`insert into "milestone" ("year", "deadline", "binding", "summary") values
      (2015, '2015-12-31', 'STRIVE', '到2015年底,各县(市、区)力争建成1个孵化中心,每年孵化3家以上社会组织。'),
      (2017, '2017-12-31', 'MUST', '到2017年底,各县(市、区)都要建成1个孵化中心,并在较大的街道(镇)设立1—2个孵化站,每个孵化站每年孵化2家以上社会组织。'),
      (2020, '2020-12-31', 'MUST', '到2020年,逐步形成门类齐全、结构合理、功能完善、作用明显的社会组织体系。');`);
    this.addSql(`insert into "milestone_check" ("milestone_year", "rule", "min", "max", "categories", "position") values
      (2015, 'center', 1, null, null, 1),
      (2015, 'center-incubations-per-year', 3, null, null, 2),
      (2017, 'center', 1, null, null, 1),
      (2017, 'large-town-stations', 1, 2, null, 2),
      (2017, 'station-incubations-per-year', 2, null, null, 3),
      (2020, 'center', 1, null, null, 1),
      (2020, 'large-town-stations', 1, 2, null, 2),
      (2020, 'station-incubations-per-year', 2, null, null, 3),
      (2020, 'category-coverage', 6, null, '{ELDERLY_CARE,CHILDREN_AND_YOUTH,DISABILITY_SUPPORT,POVERTY_RELIEF,COMMUNITY_SERVICE,EDUCATION,HEALTH,CULTURE_AND_SPORTS,ENVIRONMENT,LEGAL_AID,VOLUNTEERING}', 4),
      (2020, 'graduation-rate', 70, null, null, 5),
      (2020, 'county-incubations-per-year', 8, null, null, 6);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "milestone_check" drop constraint "milestone_check_milestone_year_foreign";`);

    this.addSql(`drop table if exists "milestone" cascade;`);

    this.addSql(`drop table if exists "milestone_check" cascade;`);

    this.addSql(`drop type "binding";`);
  }

}
