import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chinaDate, todayInChina } from '../../../lib/core/dates';
import { QuotaInputError, reportingPeriod } from '../../../lib/quota';

/** The report due next on the item's date, or the item rejected when the date cannot be read. */
export function reportingPeriodOutput(this: IExecuteFunctions, i: number): IDataObject {
	let raw = this.getNodeParameter('date', i, '') as unknown;
	// An expression such as {{ $now }} can hand over a luxon DateTime.
	if (raw && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') raw = (raw as { toISO(): string }).toISO();
	const value = raw === '' || raw === undefined || raw === null ? todayInChina() : raw;
	try {
		const period = reportingPeriod(value);
		return { outcome: 'ok', date: chinaDate(value), ...period, reasons: [] };
	} catch (error) {
		if (!(error instanceof QuotaInputError)) throw error;
		return { outcome: 'rejected', date: String(value), reasons: error.reasons as unknown as IDataObject[] };
	}
}
