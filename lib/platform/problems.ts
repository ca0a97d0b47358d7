/**
 * Turns the platform's RFC 9457 problem documents into messages a union administrator can act on,
 * in Chinese and English. Personal data in the platform's text is masked before it is shown.
 */
import { maskText } from '../core/masking';

export interface ProblemFieldError {
	field: string;
	message: string;
}

export interface ProblemDocument {
	type?: string;
	title?: string;
	status?: number;
	detail?: string;
	code?: string;
	errors?: ProblemFieldError[];
	[key: string]: unknown;
}

export interface ExplainedProblem {
	status: number;
	code: string;
	/** One line: Chinese, then English. */
	message: string;
	/** What to do, field errors, the platform's own detail. */
	description: string;
	retryable: boolean;
}

const KNOWN: Record<string, { zh: string; en: string; hintZh?: string; hintEn?: string }> = {
	VERSION_CONFLICT: {
		zh: '记录已被他人修改，当前版本与提交的版本不一致',
		en: 'The record was changed by someone else since it was read (stale version)',
		hintZh: '请重新读取该记录，以最新的 version 再提交。',
		hintEn: 'Read the record again and resend with its current version.',
	},
	PRECONDITION_REQUIRED: {
		zh: '更新需要提供记录的 version（If-Match）',
		en: 'An update needs the record’s version (If-Match)',
		hintZh: '在“Version”参数中填写，或让输入项带有 version 字段。',
		hintEn: 'Fill in the Version parameter, or pass items that carry a version field.',
	},
	VALIDATION_FAILED: { zh: '提交的数据不符合接口要求', en: 'The data sent does not match the API contract' },
	NOT_FOUND: { zh: '平台上没有这条记录', en: 'No such record on the platform' },
	SIGNATURE_MISSING: {
		zh: '请求未签名',
		en: 'The request was not signed',
		hintZh: '检查粤工惠 API 凭证（App Key 与密钥）。',
		hintEn: 'Check the 粤工惠 API credential (app key and secret).',
	},
	SIGNATURE_INVALID: {
		zh: '请求签名无效：App Key 或密钥不正确',
		en: 'The request signature is invalid: wrong app key or secret',
		hintZh: '检查粤工惠 API 凭证中的 App Key 与密钥。',
		hintEn: 'Check the app key and secret in the 粤工惠 API credential.',
	},
	TIMESTAMP_SKEW: {
		zh: '本机时钟与平台相差超过 5 分钟',
		en: 'This machine’s clock is more than 5 minutes away from the platform’s',
		hintZh: '请校准服务器时间（NTP）。',
		hintEn: 'Synchronize the server clock (NTP).',
	},
	NONCE_REPLAYED: { zh: '请求被判定为重放（随机数重复）', en: 'The request was refused as a replay (nonce reused)' },
	IDEMPOTENCY_KEY_REUSED: {
		zh: '同一幂等键已用于内容不同的请求',
		en: 'The idempotency key was already used for a different request',
		hintZh: '为不同的新建请求使用不同的幂等键。',
		hintEn: 'Use a different idempotency key for a different create.',
	},
	NOT_AWAITING_REVIEW: { zh: '该申请已不在待审核状态，不能再审批', en: 'The application is no longer awaiting review' },
	ORG_DISSOLVED: { zh: '该工会组织已撤销', en: 'The organisation is dissolved' },
	NOT_PENDING: { zh: '该申请已审批或已转人工复核，无需重新推送', en: 'The application was already decided or parked for review: nothing to announce again' },
	TRANSFER_ALREADY_OPEN: { zh: '该会员已有未完成的会籍接转', en: 'The member already has an unfinished transfer' },
	NOT_AT_SOURCE: { zh: '该会员不在转出组织登记', en: 'The member is not registered at the source organisation' },
	INVALID_TRANSITION: { zh: '该操作不适用于接转的当前状态', en: 'The event does not apply to the transfer’s current state' },
	ENROLMENT_DUPLICATE: { zh: '该会员已参加此保障计划（每人每个计划限一次）', en: 'The member is already enrolled in this plan (one enrolment per person and plan)' },
	CAP_EXCEEDED: { zh: '给付将超过该计划的年度累计限额', en: 'The payout would exceed the plan’s cumulative cap' },
	TIER_EXCEEDED: { zh: '给付将超过本次事故的档次金额', en: 'The payout would exceed the accident’s tier' },
	ALREADY_DECIDED: { zh: '该理赔已有最终结论', en: 'The claim already has a final decision' },
	WEBHOOK_EXISTS: { zh: '该地址已订阅过平台事件', en: 'This URL is already subscribed' },
	PAYLOAD_TOO_LARGE: { zh: '请求体超过 1 MiB', en: 'The body is larger than 1 MiB' },
	NOT_AUTHORIZED: { zh: '操作人不是应当办理该操作的组织的管理员', en: 'The actor is not an admin of the organisation that must act' },
	RATE_LIMITED: { zh: '请求过于频繁，平台要求稍后再试', en: 'Too many requests: the platform asked to retry later' },
	INTERNAL_ERROR: { zh: '平台内部错误', en: 'The platform had an internal error' },
};

const BY_STATUS: Record<number, string> = {
	400: 'VALIDATION_FAILED',
	401: 'SIGNATURE_INVALID',
	404: 'NOT_FOUND',
	409: 'VERSION_CONFLICT',
	428: 'PRECONDITION_REQUIRED',
	429: 'RATE_LIMITED',
	500: 'INTERNAL_ERROR',
};

export function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

function asProblem(body: unknown): ProblemDocument {
	if (typeof body === 'string') {
		try {
			return asProblem(JSON.parse(body));
		} catch {
			return body.trim() ? { detail: body.slice(0, 500) } : {};
		}
	}
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as ProblemDocument;
	return {};
}

/** Explains a failed response: status and body as received. */
export function explainProblem(status: number, body: unknown, options: { names?: string[] } = {}): ExplainedProblem {
	const problem = asProblem(body);
	const code = typeof problem.code === 'string' && problem.code ? problem.code : (BY_STATUS[status] ?? `HTTP_${status}`);
	const known = KNOWN[code];
	const mask = (text: string) => maskText(text, { names: options.names });
	const title = problem.title ? mask(String(problem.title)) : undefined;
	const zh = known?.zh ?? title ?? `平台拒绝了请求（HTTP ${status}）`;
	const en = known?.en ?? title ?? `The platform refused the request (HTTP ${status})`;
	const message = `粤工惠: ${zh} — ${en} [${status} ${code}]`;

	const lines: string[] = [];
	if (problem.detail) lines.push(mask(String(problem.detail)));
	for (const error of problem.errors ?? []) {
		if (error && typeof error === 'object') lines.push(`${error.field}: ${mask(String(error.message))}`);
	}
	if (known?.hintZh) lines.push(known.hintZh);
	if (known?.hintEn) lines.push(known.hintEn);
	return { status, code, message, description: lines.join('\n'), retryable: isRetryableStatus(status) };
}
