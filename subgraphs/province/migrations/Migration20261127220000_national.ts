import { Migration } from '@mikro-orm/migrations';

// T2020's 全国中上水平 as a check the province tunes: its composite rank among the provinces, as a
// percentage of them, at most `max` (50: the upper half). Judged per province (scorecard/ranking.ts).
export class Migration20261127220000_national extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into "milestone_check" ("milestone_year", "rule", "min", "max", "categories", "position")
      select 2020, 'national-upper-middle', null, 50, null, coalesce(max(position), 0) + 1 from "milestone_check" where "milestone_year" = 2020
      on conflict ("milestone_year", "rule") do nothing;`);
    this.addSql(`update "milestone" set "summary" = '到2020年,逐步形成门类齐全、结构合理、功能完善、作用明显的社会组织体系,我省社会组织在规模数量、社会影响、服务能力等方面达到全国中上水平。' where "year" = 2020;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "milestone_check" where "milestone_year" = 2020 and "rule" = 'national-upper-middle';`);
    this.addSql(`update "milestone" set "summary" = '到2020年,逐步形成门类齐全、结构合理、功能完善、作用明显的社会组织体系。' where "year" = 2020;`);
  }
}
