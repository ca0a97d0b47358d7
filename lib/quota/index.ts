/** Quota tracking (SPEC §5, 附件1/附件2): targets, allocation, progress, the reporting calendar and the report. */
export { QuotaInputError } from './errors';
export { QUOTA_CAMPAIGN, REAL_NAME_RATE_MIN, PLAN_PREMIUM_FEN_2022, elapsedFraction, type CampaignWindow } from './campaign';
export { TARGETS_2022, validateTargetTable, targetTable, resolveGroup, type CityTarget, type TargetTable } from './targets';
export { allocateTargets } from './allocate';
export { reportingPeriod, type ReportingPeriod } from './calendar';
export { readCounts, type CountsRow, type StatisticsDocument, type GroupCounts, type CityCounts } from './counts';
export {
	computeProgress,
	progressRows,
	type ProgressOptions,
	type ProgressReport,
	type ProgressRow,
	type CityProgress,
	type ProvinceProgress,
	type RankingEntry,
	type GroupTargetBasis,
} from './progress';
export { createProgressAggregator, type ProgressAggregator, type AggregatorOptions, type ProgressMemberRecord } from './aggregator';
export * from './report';
export {
	mergeRosters,
	keepUncoveredGroups,
	compareSurveys,
	surveyMarkdown,
	surveyWeekOf,
	type RosterEntry,
	type RosterSurvey,
	type SurveyCount,
	type SurveyComparison,
	type CityChange,
	type GroupChange,
} from './survey';
