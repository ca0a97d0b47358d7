import { daysBetween } from '../core/dates';

/** The concentrated campaign: from the circular's date to the end of 2022 (正文 一). */
export const QUOTA_CAMPAIGN = Object.freeze({ start: '2021-09-07', end: '2022-12-31' });

/** Real-name registrations on 粤工惠 must reach 80% of those who joined (正文 一). */
export const REAL_NAME_RATE_MIN = 0.8;

/** The 2022 mutual-aid plan's premium per enrolled member (附件4 第三条: 每人20元), in fen. */
export const PLAN_PREMIUM_FEN_2022 = 2000;

export interface CampaignWindow {
	start: string;
	end: string;
}

/**
 * The share of the campaign that has elapsed on `asOf` (0 before it starts, 1 from its last day
 * on). The start day is not counted (民法典 第201条): on the day after the start one day of the
 * window has passed, and on the end date all of it has.
 */
export function elapsedFraction(asOf: string, window: CampaignWindow = QUOTA_CAMPAIGN): number {
	const length = daysBetween(window.start, window.end);
	if (length <= 0) return asOf >= window.end ? 1 : 0;
	const elapsed = daysBetween(window.start, asOf);
	return Math.min(1, Math.max(0, elapsed / length));
}
