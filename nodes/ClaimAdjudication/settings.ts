import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { BUILT_IN_PLANS, isValidDate, loadPlans, PlanLoadError, withRestDays, type MutualAidPlan, type RestDayCalendar } from '../../lib';

const loadedPlans = new Map<string, readonly MutualAidPlan[]>();

function planError(this: IExecuteFunctions, error: unknown, where: string): NodeOperationError {
	const message = error instanceof PlanLoadError ? error.messageZh : String((error as Error)?.message ?? error);
	const details = error instanceof PlanLoadError ? error.issues.map((i) => `${i.message} / ${i.messageEn}`).join('\n') : message;
	return new NodeOperationError(this.getNode(), `互助保障计划无法加载（${where}） / The plans could not be loaded (${where})`, {
		description: details || message,
	});
}

function plansFrom(this: IExecuteFunctions, json: unknown, keepBuiltIn: boolean, where: string): readonly MutualAidPlan[] {
	const key = `${keepBuiltIn}|${typeof json === 'string' ? json : JSON.stringify(json)}`;
	let plans = loadedPlans.get(key);
	if (!plans) {
		try {
			plans = loadPlans(json, { base: keepBuiltIn ? BUILT_IN_PLANS : [] });
		} catch (error) {
			throw planError.call(this, error, where);
		}
		if (loadedPlans.size >= 20) loadedPlans.clear();
		loadedPlans.set(key, plans);
	}
	return plans;
}

/** The plans the node judges by: built in, from a JSON file on the server, or pasted JSON. */
export async function resolvePlans(this: IExecuteFunctions): Promise<readonly MutualAidPlan[]> {
	const source = this.getNodeParameter('planSource', 0, 'builtIn') as string;
	if (source === 'builtIn') return BUILT_IN_PLANS;
	const keepBuiltIn = this.getNodeParameter('keepBuiltIn', 0, true) as boolean;
	if (source === 'json') return plansFrom.call(this, this.getNodeParameter('planJson', 0), keepBuiltIn, 'Plan JSON');
	const path = (this.getNodeParameter('planFile', 0, '') as string).trim();
	if (!path) throw new NodeOperationError(this.getNode(), '请填写计划文件路径 / Plan File Path is empty');
	let text: string;
	try {
		const resolved = await this.helpers.resolvePath(path);
		text = await this.helpers.binaryToString(await this.helpers.createReadStream(resolved), 'utf8');
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `无法读取计划文件 / Cannot read the plan file: ${path}`, {
			description: (error as Error).message,
		});
	}
	return plansFrom.call(this, text, keepBuiltIn, path);
}

function dateList(this: IExecuteFunctions, value: unknown, name: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || !value.every(isValidDate)) {
		throw new NodeOperationError(this.getNode(), `休息日日历的 ${name} 须为日期列表 / Rest-Day Calendar: ${name} must be a list of dates YYYY-MM-DD`);
	}
	return value;
}

/** The built-in rest-day calendar with the user's extra holidays and working days, or undefined. */
export function resolveCalendar(this: IExecuteFunctions): RestDayCalendar | undefined {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	let extra: unknown = options.calendar;
	if (extra === undefined || extra === '') return undefined;
	if (typeof extra === 'string') {
		try {
			extra = JSON.parse(extra);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), '休息日日历不是有效的 JSON / Rest-Day Calendar is not valid JSON', {
				description: (error as Error).message,
			});
		}
	}
	if (!extra || typeof extra !== 'object' || Array.isArray(extra)) {
		throw new NodeOperationError(this.getNode(), '休息日日历须为 { "holidays": [...], "workdays": [...] } / Rest-Day Calendar must be { "holidays": [...], "workdays": [...] }');
	}
	const { holidays, workdays } = extra as IDataObject;
	const calendar = { holidays: dateList.call(this, holidays, 'holidays'), workdays: dateList.call(this, workdays, 'workdays') };
	if (!calendar.holidays.length && !calendar.workdays.length) return undefined;
	return withRestDays(calendar);
}

/**
 * A per-item parameter read once when it is a fixed value: reading parameters for every item is
 * most of n8n's cost on large batches, and only expressions can differ between items.
 */
export function itemParameter<T>(this: IExecuteFunctions, name: string, fallback: T): (itemIndex: number) => T {
	const raw = this.getNode().parameters[name];
	if (typeof raw === 'string' && raw.startsWith('=')) {
		return (itemIndex) => this.getNodeParameter(name, itemIndex, fallback) as T;
	}
	const fixed = this.getNodeParameter(name, 0, fallback) as T;
	return () => fixed;
}
