import { CITIES } from '../../lib/core/cities';
import { todayInChina } from '../../lib/core/dates';
import { WORKER_GROUPS } from '../../lib/core/vocabulary';
import { nextChinaDay } from '../clock';
import { problems } from '../http/problem';
import { ok, type Operations } from '../http/types';
import type { Deps } from './deps';

/** Union kinds counted as 新建企业工会 in 附件2. */
const ENTERPRISE_KINDS = ['enterprise', 'platform_enterprise', 'dispatch_agency'];

type Counts = Map<string, number>;
const key = (cityCode: string, group: string) => `${cityCode}/${group}`;

export function statisticsOperations({ db, clock, now }: Deps): Operations {
	return {
		getProgress({ query }) {
			const asOf = String(query.asOf ?? todayInChina(new Date(clock())));
			const since = String(query.since);
			if (since > asOf) throw problems.validation([{ field: 'since', message: 'must not be after asOf' }]);
			const end = nextChinaDay(asOf);
			// One pass over the covering index members_progress.
			const rows = db
				.prepare(
					`SELECT city_code, grp, COUNT(*) AS joined, SUM(real_name_registered) AS registered,
						SUM(first_enrolled_at IS NOT NULL AND first_enrolled_at < ?) AS enrolled
					 FROM members WHERE joined_at >= ? AND joined_at < ? GROUP BY city_code, grp`,
				)
				.all(end, since, end) as Array<{ city_code: string; grp: string; joined: number; registered: number; enrolled: number }>;
			const joined = new Map(rows.map((r) => [key(r.city_code, r.grp), r]));
			const week = (db.prepare('SELECT MAX(week_of) AS week FROM survey_counts WHERE week_of <= ?').get(asOf) as { week: string | null })
				.week;
			const surveyed: Counts = new Map(
				(db.prepare('SELECT city_code, grp, surveyed FROM survey_counts WHERE week_of = ?').all(week ?? '') as Array<{ city_code: string; grp: string; surveyed: number }>).map(
					(r) => [key(r.city_code, r.grp), r.surveyed],
				),
			);
			const unions = new Map(
				(
					db
						.prepare(
							`SELECT city_code, COUNT(*) AS n FROM organizations
							 WHERE type IN (${ENTERPRISE_KINDS.map(() => '?').join(',')}) AND established_at >= ? AND established_at < ?
							 GROUP BY city_code`,
						)
						.all(...ENTERPRISE_KINDS, since, end) as Array<{ city_code: string; n: number }>
				).map((r) => [r.city_code, r.n]),
			);
			const cities = CITIES.map((city) => {
				const groups = WORKER_GROUPS.map((group) => ({
					group,
					surveyed: surveyed.get(key(city.cityCode, group)) ?? 0,
					joined: joined.get(key(city.cityCode, group))?.joined ?? 0,
					platformRegistered: joined.get(key(city.cityCode, group))?.registered ?? 0,
					enrolled: joined.get(key(city.cityCode, group))?.enrolled ?? 0,
				}));
				return {
					cityCode: city.cityCode,
					cityName: city.cityName,
					groups,
					newEnterpriseUnions: unions.get(city.cityCode) ?? 0,
					newMembers: groups.reduce((sum, g) => sum + g.joined, 0),
				};
			});
			return ok({ asOf, since, surveyWeekOf: week, cities });
		},

		putSurvey(ctx) {
			const body = ctx.body as { weekOf: string; counts: Array<{ cityCode: string; group: string; surveyed: number }> };
			const seen = new Set<string>();
			body.counts.forEach((c, i) => {
				const k = key(c.cityCode, c.group);
				if (seen.has(k)) throw problems.validation([{ field: `counts.${i}`, message: `${c.cityCode} ${c.group} appears twice` }]);
				seen.add(k);
			});
			const stamp = now();
			db.transaction(() => {
				db.prepare('DELETE FROM survey_counts WHERE week_of = ?').run(body.weekOf);
				const insert = db.prepare('INSERT INTO survey_counts (week_of, city_code, grp, surveyed, updated_at) VALUES (?, ?, ?, ?, ?)');
				for (const c of body.counts) insert.run(body.weekOf, c.cityCode, c.group, c.surveyed, stamp);
			})();
			return ok({ weekOf: body.weekOf, counts: body.counts, updatedAt: stamp });
		},
	};
}
