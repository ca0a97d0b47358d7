/**
 * A small signed client for the sandbox tests: signs with lib/platform/signing exactly as the
 * n8n nodes do, goes over real HTTP, and checks every answer against the contract documents.
 */
import { signRequest } from '../../lib/platform/signing';
import { loadContract } from '../../sandbox/contract/openapi';
import { createRouter } from '../../sandbox/http/router';
import { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, type PlatformServer, type PlatformServerOptions } from '../../sandbox/server';

/** A parsed answer, as loosely typed as JSON.parse gives it: its shape is checked against the schemas instead. */
export type JsonBody = ReturnType<typeof JSON.parse>;

export interface Reply {
	status: number;
	headers: Headers;
	body: JsonBody;
	text: string;
	/** The operation the request reached, when it matched one. */
	operationId: string | null;
	/** Where the answer departs from the documented one; null when it matches. */
	schemaErrors: string[] | null;
}

export interface RequestOptions {
	body?: unknown;
	/** Sent as it is (overrides body). */
	raw?: string | Buffer;
	headers?: Record<string, string>;
	/** false: no signature headers; or overrides for forging. */
	sign?: false | { secret?: string; appKey?: string; timestamp?: number; nonce?: string };
	ifMatch?: number | string;
	idempotencyKey?: string;
}

const contract = loadContract();
const route = createRouter(contract.operations);

/** Every (operationId, status) seen, for the contract coverage check. */
export const seen = new Map<string, Set<number>>();

export function createClient(baseUrl: string, credentials = { appKey: DEMO_APP_KEY, secret: DEMO_SECRET }) {
	async function request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
		const url = new URL(baseUrl + path);
		const pathWithQuery = url.pathname + url.search;
		const payload =
			options.raw !== undefined ? options.raw : options.body !== undefined ? JSON.stringify(options.body) : undefined;
		const headers: Record<string, string> = {};
		if (payload !== undefined) headers['Content-Type'] = 'application/json';
		if (options.ifMatch !== undefined) headers['If-Match'] = String(options.ifMatch);
		if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
		if (options.sign !== false && url.pathname.startsWith('/api/')) {
			const forged = options.sign ?? {};
			Object.assign(
				headers,
				signRequest({
					method,
					pathWithQuery,
					body: payload ?? '',
					secret: forged.secret ?? credentials.secret,
					appKey: forged.appKey ?? credentials.appKey,
					timestamp: forged.timestamp,
					nonce: forged.nonce,
				}),
			);
		}
		Object.assign(headers, options.headers);
		const response = await fetch(url, { method, headers, body: payload as NonNullable<Parameters<typeof fetch>[1]>['body'] });
		const text = await response.text();
		let body: JsonBody = text;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: keep the text
		}
		const matched = route(method, url.pathname);
		const operationId = matched.kind === 'found' ? matched.operation.operationId : null;
		let schemaErrors: string[] | null = null;
		if (operationId) {
			if (!seen.has(operationId)) seen.set(operationId, new Set());
			seen.get(operationId)!.add(response.status);
			schemaErrors = contract.validateResponse(operationId, response.status, body);
		}
		return { status: response.status, headers: response.headers, body, text, operationId, schemaErrors };
	}

	return {
		request,
		get: (path: string, options?: RequestOptions) => request('GET', path, options),
		post: (path: string, body?: unknown, options?: RequestOptions) => request('POST', path, { ...options, body }),
		put: (path: string, body?: unknown, options?: RequestOptions) => request('PUT', path, { ...options, body }),
		patch: (path: string, body?: unknown, options?: RequestOptions) => request('PATCH', path, { ...options, body }),
		delete: (path: string, options?: RequestOptions) => request('DELETE', path, options),
	};
}

export type Client = ReturnType<typeof createClient>;

/** A platform on a free port with an in-memory database, and a client for it. */
export async function startPlatform(options: PlatformServerOptions = {}): Promise<{ platform: PlatformServer; api: Client; client: Client }> {
	const platform = await createPlatformServer({ dbFile: ':memory:', port: 0, ...options });
	return { platform, api: createClient(platform.apiUrl), client: createClient(platform.url) };
}

/** A token for a platform company, by HTTP Basic. */
export async function companyToken(baseUrl: string, companyId: string): Promise<string> {
	const response = await fetch(`${baseUrl}/companies/${companyId}/oauth/token`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Authorization: 'Basic ' + Buffer.from(`${companyId}-client:${companyId}-secret`).toString('base64'),
		},
		body: 'grant_type=client_credentials',
	});
	const json = (await response.json()) as { access_token: string };
	return json.access_token;
}

/** A valid application body. */
export function application(overrides: Record<string, unknown> = {}) {
	return {
		name: '张伟',
		idNumber: '11010519491231002X',
		phone: '13800138000',
		group: 'delivery_rider',
		employmentRelation: 'platform_managed',
		workCity: '深圳',
		platform: { name: '美团配送（演示）', usci: null },
		realNameVerified: true,
		...overrides,
	};
}

export const APPROVE_AT_FEDERATION = {
	outcome: 'approve',
	reasons: [],
	assignedOrg: { type: 'city_newform_federation', cityCode: '440300' },
	decidedBy: { adminId: 'ADM-440300-1', adminOrgId: 'FED-440300' },
};

/** A claim body for a member. */
export function claim(memberId: string, accidentId: string, overrides: Record<string, unknown> = {}) {
	return {
		memberId,
		accidentId,
		accident: { date: '2022-05-10', time: '14:30', description: '送餐途中摔伤', diagnoses: ['S52.5', 'V28.4'] },
		hospital: { name: '深圳市人民医院', level: 3, ownership: 'public', category: 'general' },
		invoices: [{ invoiceCode: '044031900111', invoiceNo: '00000001', serviceDate: '2022-05-10', selfPaidInScopeFen: 60_000 }],
		documents: { invoiceOriginals: true, accidentProof: ['proof.jpg'], medicalRecords: true },
		payee: { name: '张伟', bankAccount: '6222020200112233445' },
		...overrides,
	};
}
