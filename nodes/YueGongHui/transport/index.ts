/**
 * The single door to the 粤工惠 API: every request is signed by the credential, retried on 429
 * and 5xx with exponential backoff, and failures become NodeApiError in the user's words.
 */
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { explainProblem, isRetryableStatus } from '../../../lib/platform/problems';

export const CREDENTIAL = 'yueGongHuiApi';

export type PlatformContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Delay before the first retry; doubled each time. */
	baseDelayMs: number;
}

/**
 * Five retries (six attempts, up to 15.5 s of backoff): the trigger acknowledges a delivery on
 * receipt, so the platform never redelivers an event whose execution failed; at a fifth of requests
 * failing, four attempts still lose one request in 625, six attempts one in 15 625.
 */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500 };
const MAX_DELAY_MS = 30_000;

export interface PlatformRequest {
	method: IHttpRequestMethods;
	/** Path under the API root, e.g. `/members/M-1`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	idempotencyKey?: string;
	/** The record version an update is based on (sent as If-Match). */
	ifMatch?: number;
	itemIndex?: number;
	retry?: RetryPolicy;
	/** Statuses answered as data instead of errors (e.g. 404 for a lookup). */
	acceptStatuses?: number[];
}

export interface PlatformResponse {
	statusCode: number;
	body: IDataObject;
	headers: IDataObject;
}

const NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN'];

function networkCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	// n8n's NodeApiError keeps the socket error's code in httpCode.
	let current = error as { code?: unknown; httpCode?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		for (const candidate of [current.code, current.httpCode]) {
			if (typeof candidate === 'string' && NETWORK_CODES.includes(candidate)) return candidate;
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

function parseBody(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { text: body };
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body as IDataObject;
}

function retryDelay(attempt: number, policy: RetryPolicy, retryAfter: unknown): number {
	const seconds = Number(retryAfter);
	if (retryAfter !== undefined && Number.isFinite(seconds) && seconds >= 0) {
		return Math.min(seconds * 1000, MAX_DELAY_MS);
	}
	return Math.min(policy.baseDelayMs * 2 ** attempt, MAX_DELAY_MS);
}

export async function platformRequestFull(this: PlatformContext, request: PlatformRequest): Promise<PlatformResponse> {
	const policy = request.retry ?? DEFAULT_RETRY;
	const headers: IDataObject = { Accept: 'application/json, application/problem+json' };
	if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
	if (request.ifMatch !== undefined) headers['If-Match'] = `"${request.ifMatch}"`;

	for (let attempt = 0; ; attempt++) {
		// A fresh options object each attempt: the credential re-signs it with a new nonce.
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.path,
			qs: request.qs,
			headers: { ...headers },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: true,
		};
		if (request.body !== undefined) options.body = request.body;

		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, options)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			if (code && attempt < policy.maxRetries) {
				await sleep(retryDelay(attempt, policy, undefined));
				continue;
			}
			// A plain object: NodeApiError hands back an existing NodeApiError unchanged, message and all.
			throw new NodeApiError(this.getNode(), { message: (error as Error).message, code: code ?? null } as JsonObject, {
				message: `粤工惠: 无法连接平台 — could not reach the platform${code ? ` (${code})` : ''}`,
				description: (error as Error).message,
				itemIndex: request.itemIndex,
			});
		}

		const status = response.statusCode;
		const body = parseBody(response.body);
		if (status < 400 || request.acceptStatuses?.includes(status)) {
			return { statusCode: status, body, headers: response.headers as IDataObject };
		}
		if (isRetryableStatus(status) && attempt < policy.maxRetries) {
			await sleep(retryDelay(attempt, policy, (response.headers as IDataObject)?.['retry-after']));
			continue;
		}
		const explained = explainProblem(status, body);
		const attempts = attempt + 1;
		// Only the problem's outline goes into the error object: its detail is shown masked in the description.
		const outline = { status, code: explained.code, title: String(body.title ?? ''), type: String(body.type ?? '') };
		const apiError = new NodeApiError(this.getNode(), outline as JsonObject, {
			message: explained.message,
			description:
				explained.description +
				(explained.retryable ? `\n已尝试 ${attempts} 次 — gave up after ${attempts} attempt(s).` : ''),
			httpCode: String(status),
			itemIndex: request.itemIndex,
		});
		apiError.context.code = explained.code;
		throw apiError;
	}
}

export async function platformRequest(this: PlatformContext, request: PlatformRequest): Promise<IDataObject> {
	return (await platformRequestFull.call(this, request)).body;
}

export interface ListPage {
	items: IDataObject[];
	nextCursor: string | null;
}

/** Reads a cursor-paginated list: all of it, or up to `limit` records. */
export async function platformList(
	this: PlatformContext,
	request: Omit<PlatformRequest, 'method'>,
	{ returnAll, limit, pageSize = 100 }: { returnAll: boolean; limit: number; pageSize?: number },
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const page = Math.max(1, Math.min(500, Math.floor(pageSize)));
	let cursor: string | null = null;
	do {
		const wanted = returnAll ? page : Math.min(page, limit - records.length);
		const qs: IDataObject = { ...request.qs, limit: wanted };
		if (cursor) qs.cursor = cursor;
		const answer = (await platformRequest.call(this, { ...request, method: 'GET', qs })) as unknown as ListPage;
		records.push(...(answer.items ?? []));
		cursor = answer.nextCursor ?? null;
	} while (cursor && (returnAll || records.length < limit));
	return returnAll ? records : records.slice(0, limit);
}
