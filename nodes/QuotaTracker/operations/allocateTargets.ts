import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { allocateTargets, QuotaInputError } from '../../../lib/quota';
import { readJson } from './input';

/** The item's allocation, or the item rejected with the reasons its total or weights fail. */
export function allocateTargetsOutput(this: IExecuteFunctions, i: number): IDataObject {
	const total = this.getNodeParameter('total', i) as number;
	const weights = readJson.call(this, this.getNodeParameter('weights', i, '{}'), i, 'Weights') ?? {};
	try {
		const allocation = allocateTargets(total, weights as Record<string, number>);
		return { outcome: 'allocated', total, weights: weights as IDataObject, allocation, reasons: [] };
	} catch (error) {
		if (!(error instanceof QuotaInputError)) throw error;
		return { outcome: 'rejected', total, weights: weights as IDataObject, allocation: null, reasons: error.reasons as unknown as IDataObject[] };
	}
}
