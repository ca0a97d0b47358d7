import { maskText } from '../../lib/core/masking';

const MESSAGES: Record<number, { zh: string; en: string }> = {
	400: { zh: '请求参数不正确', en: 'The request was not accepted' },
	401: { zh: '平台企业拒绝了授权：请检查 Client ID 与 Secret', en: 'The company refused the authorization: check the client ID and secret' },
	403: { zh: '无权访问该平台企业的数据', en: 'Not allowed to read this company’s data' },
	404: { zh: '平台企业没有该记录', en: 'The company has no such record' },
	429: { zh: '请求过于频繁', en: 'Too many requests' },
};

export function explainCompanyProblem(
	status: number | undefined,
	body: unknown,
	errorMessage: string,
): { code: string; message: string; description: string } {
	const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const code = typeof problem.code === 'string' ? problem.code : status ? `HTTP_${status}` : 'UNREACHABLE';
	const known = status ? MESSAGES[status] : undefined;
	const zh = known?.zh ?? (status && status >= 500 ? '平台企业系统出错' : '无法连接平台企业');
	const en = known?.en ?? (status && status >= 500 ? 'The company’s system failed' : 'Could not reach the company');
	const lines = [problem.detail, problem.title, problem.error_description, problem.error]
		.filter((v): v is string => typeof v === 'string' && v.length > 0)
		.map((v) => maskText(v));
	if (!status && errorMessage) lines.push(errorMessage);
	return { code, message: `平台企业: ${zh} — ${en} [${status ?? '-'} ${code}]`, description: lines.join('\n') };
}
