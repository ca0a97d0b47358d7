import type { z } from 'zod/v4';

/** One validation problem, named by its field path, in Chinese and English. */
export interface FieldIssue {
	field: string;
	message: string;
	messageEn: string;
}

type Issue = z.core.$ZodIssue;

const TYPE_ZH: Record<string, string> = {
	string: '文本',
	number: '数字',
	int: '整数',
	boolean: '布尔值（true/false）',
	object: '对象',
	array: '列表',
	record: '对象',
	null: '空值 null',
	date: '日期',
};

export function fieldPath(path: readonly PropertyKey[], root = ''): string {
	let out = root;
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out ? `.${String(part)}` : String(part);
	}
	return out || '(root)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const part of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[part];
	}
	return value;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) return 'number (not whole)';
	return typeof value;
}

function describe(issue: Issue, value: unknown): { zh: string; en: string } {
	switch (issue.code) {
		case 'invalid_type': {
			if (value === undefined) return { zh: '缺少必填字段', en: 'is required' };
			const received = typeOf(value);
			if (issue.expected === 'int' && typeof value === 'number') return { zh: '须为整数（单位：分）', en: 'must be a whole number (fen)' };
			return {
				zh: `类型错误：应为${TYPE_ZH[issue.expected] ?? issue.expected}，实为${TYPE_ZH[received] ?? received}`,
				en: `expected ${issue.expected}, received ${received}`,
			};
		}
		case 'too_small':
			if (issue.origin === 'string') return { zh: '不能为空', en: 'must not be empty' };
			if (issue.origin === 'array') return { zh: `至少需要 ${issue.minimum} 项`, en: `needs at least ${issue.minimum} entries` };
			return { zh: `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
		case 'too_big':
			if (issue.origin === 'array') return { zh: `最多 ${issue.maximum} 项`, en: `at most ${issue.maximum} entries` };
			if (issue.origin === 'number' || issue.origin === 'int') {
				if (typeof value === 'number' && !Number.isSafeInteger(value)) return { zh: '须为整数（单位：分）', en: 'must be a whole number (fen)' };
			}
			return { zh: `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
		case 'invalid_value':
			return {
				zh: `取值无效（${JSON.stringify(value)}），应为：${issue.values.join('、')}`,
				en: `invalid value ${JSON.stringify(value)}; expected one of ${issue.values.join(', ')}`,
			};
		case 'custom':
		case 'invalid_format': {
			const zh = (issue as { params?: { zh?: string } }).params?.zh;
			return { zh: zh ?? `格式不符合要求（${issue.message}）`, en: issue.message };
		}
		default:
			return { zh: `格式不符合要求（${issue.message}）`, en: issue.message };
	}
}

/** Every issue of a zod error as a bilingual, field-named problem; `input` is what was parsed. */
export function describeIssues(error: z.ZodError, input: unknown, root = ''): FieldIssue[] {
	return error.issues.map((issue) => {
		const field = fieldPath(issue.path, root);
		const reported = issue as { input?: unknown };
		const { zh, en } = describe(issue, reported.input !== undefined ? reported.input : valueAt(input, issue.path));
		return { field, message: `${field}：${zh}`, messageEn: `${field}: ${en}` };
	});
}

/** Error options carrying the Chinese text beside the English one (read back by `describeIssues`). */
export function bilingual(en: string, zh: string): { message: string; params: { zh: string } } {
	return { message: en, params: { zh } };
}
