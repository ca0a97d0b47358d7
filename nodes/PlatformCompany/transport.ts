/**
 * The single door to a platform company's API: OAuth2 client credentials through n8n, the base
 * URL from the credential, 429/5xx retried, and errors that never show an ID number unmasked.
 */
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { maskText } from '../../lib/core/masking';
import { explainCompanyProblem } from './problems';

export const CREDENTIAL = 'platformCompanyOAuth2Api';

const NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN'];

export interface CompanyRequest {
	method?: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	maxRetries: number;
	retryDelayMs: number;
	/** Statuses answered as `{ statusCode }` instead of errors. */
	acceptStatuses?: number[];
}

export interface CompanyResponse {
	statusCode: number;
	body: IDataObject;
}

function statusOf(error: unknown): number | undefined {
	const e = error as { httpCode?: unknown; cause?: { response?: { status?: unknown } }; response?: { status?: unknown } };
	// The token endpoint refused the client: n8n's OAuth2 client reports it as EAUTH.
	if (e.httpCode === 'EAUTH') return 401;
	const status = Number(e.cause?.response?.status ?? e.response?.status ?? e.httpCode);
	return Number.isInteger(status) && status >= 100 ? status : undefined;
}

/** The response body: n8n's NodeApiError keeps it in context.data. */
function bodyOf(error: unknown): unknown {
	const e = error as { context?: { data?: unknown }; cause?: { response?: { data?: unknown } }; response?: { data?: unknown } };
	return e.context?.data ?? e.cause?.response?.data ?? e.response?.data;
}

export async function companyRequest(this: IExecuteFunctions, request: CompanyRequest): Promise<CompanyResponse> {
	const credentials = await this.getCredentials(CREDENTIAL, request.itemIndex);
	const baseURL = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	for (let attempt = 0; ; attempt++) {
		try {
			const body = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
				method: request.method ?? 'GET',
				baseURL,
				url: request.path,
				qs: request.qs,
				json: true,
			})) as IDataObject;
			return { statusCode: 200, body };
		} catch (error) {
			const status = statusOf(error);
			if (status !== undefined && request.acceptStatuses?.includes(status)) {
				const raw = bodyOf(error);
				return { statusCode: status, body: ((typeof raw === 'string' ? safeJson(raw) : raw) as IDataObject) ?? {} };
			}
			const networkFailure = NETWORK_CODES.includes(String((error as { httpCode?: unknown }).httpCode));
			const retryable = status === undefined ? networkFailure : status === 429 || status >= 500;
			if (retryable && attempt < request.maxRetries) {
				await sleep(Math.min(request.retryDelayMs * 2 ** attempt, 30_000));
				continue;
			}
			throw companyError(this, status, bodyOf(error), request.itemIndex, String((error as Error).message ?? ''));
		}
	}
}

/** A fresh error from plain data: the original carries the request URL, ID number included. */
export function companyError(
	context: IExecuteFunctions,
	status: number | undefined,
	body: unknown,
	itemIndex: number,
	errorMessage = '',
): NodeApiError {
	const parsed = typeof body === 'string' ? safeJson(body) : body;
	const explained = explainCompanyProblem(status, parsed, maskText(errorMessage));
	const apiError = new NodeApiError(context.getNode(), { status: status ?? null, code: explained.code } as JsonObject, {
		message: explained.message,
		description: explained.description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex,
	});
	apiError.context.code = explained.code;
	return apiError;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return { detail: text.slice(0, 300) };
	}
}
