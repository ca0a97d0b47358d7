import type { RequestContext } from './types';
import { ProblemError, problems } from './problem';

/** The version an update was based on, from If-Match (`3`, `"3"` or `W/"3"`). */
export function expectedVersion(ctx: RequestContext): number {
	const header = ctx.headers['if-match'];
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) {
		throw new ProblemError(428, 'PRECONDITION_REQUIRED', 'Send the record\'s version in If-Match (read it from its ETag or "version")');
	}
	const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(value);
	if (!match) throw problems.validation([{ field: 'If-Match', message: 'must be the record\'s version, e.g. "3"' }]);
	return Number(match[1]);
}

/** Refuses an update based on another version than the current one. */
export function checkVersion(ctx: RequestContext, current: number): void {
	const expected = expectedVersion(ctx);
	if (expected !== current) {
		throw problems.conflict('VERSION_CONFLICT', `The record is at version ${current}, not ${expected}: read it again`, {
			currentVersion: current,
		});
	}
}
