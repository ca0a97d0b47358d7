/**
 * The request pipeline: local helpers (health, sinks, fault admin) first, then every operation of
 * the contract — faults, body (size-limited), authentication, validation, idempotency, handler —
 * each request's reads and writes in one transaction.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Contract, Operation } from './contract/openapi';
import type { Db } from './db/open';
import { readBody } from './http/body';
import type { Faults } from './http/faults';
import type { IdempotencyStore } from './http/idempotency';
import { ProblemError, problems } from './http/problem';
import { internalErrorResult, problemResult, send } from './http/respond';
import { createRouter } from './http/router';
import type { HandlerResult, Operations, RequestContext } from './http/types';
import type { CompanyOAuth } from './security/oauth';
import type { Sinks } from './sinks';

export interface AppDeps {
	db: Db;
	contract: Contract;
	handlers: Operations;
	checkSignature(req: IncomingMessage, rawBody: Buffer): string;
	oauth: CompanyOAuth;
	idempotency: IdempotencyStore;
	faults: Faults;
	sinks: Sinks;
	bodyLimit: number;
	onError?(error: unknown): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function createApp(deps: AppDeps) {
	const { db, contract, handlers, faults, sinks, bodyLimit } = deps;
	for (const op of contract.operations) {
		if (!handlers[op.operationId]) throw new Error(`No handler for ${op.operationId}`);
	}
	const match = createRouter(contract.operations);
	const heldByFaults = new Set<NodeJS.Timeout>();

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://platform.invalid');
		if (url.pathname === '/healthz') return send(res, { status: 200, body: { status: 'ok' } });
		if (url.pathname === '/sinks' || url.pathname.startsWith('/sinks/')) {
			const rawBody = await readBody(req, bodyLimit);
			if (!sinks.handle(req, res, rawBody)) throw problems.notFound('sink', url.pathname);
			return;
		}
		if (url.pathname.startsWith('/_admin/')) return admin(req, res, method, url.pathname);

		const route = match(method, url.pathname);
		if (route.kind === 'not_found') {
			await readBody(req, bodyLimit).catch(() => undefined);
			throw new ProblemError(404, 'NOT_FOUND', `No resource at ${url.pathname}`);
		}
		if (route.kind === 'method_not_allowed') {
			await readBody(req, bodyLimit).catch(() => undefined);
			throw new ProblemError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`, {}, { Allow: route.allowed.join(', ') });
		}

		const fault = faults.draw();
		if (fault === '500') throw new ProblemError(500, 'INTERNAL_ERROR', 'Injected fault');
		if (fault === '429') throw new ProblemError(429, 'RATE_LIMITED', 'Injected fault: slow down', {}, { 'Retry-After': '1' });
		if (fault === 'timeout') {
			const timer = setTimeout(() => {
				heldByFaults.delete(timer);
				req.socket.destroy();
			}, faults.config.timeoutMs);
			heldByFaults.add(timer);
			return;
		}

		const rawBody = await readBody(req, bodyLimit);
		const ctx = authenticate(req, route.operation, route.params, rawBody);
		ctx.body = parseBody(req, route.operation, rawBody);
		ctx.query = Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.get(k) ?? undefined]));
		const queryErrors = contract.validateQuery(route.operation.operationId, ctx.query);
		if (queryErrors) throw problems.validation(queryErrors, 'The query does not match the API contract');
		send(res, run(route.operation, ctx, req));
	}

	function authenticate(req: IncomingMessage, op: Operation, params: Record<string, string>, rawBody: Buffer): RequestContext {
		return {
			operationId: op.operationId,
			params,
			query: {},
			body: undefined,
			rawBody,
			headers: req.headers,
			appKey: op.auth === 'signature' ? deps.checkSignature(req, rawBody) : null,
			companyId: op.auth === 'bearer' ? deps.oauth.check(params.companyId, req.headers) : null,
		};
	}

	function parseBody(req: IncomingMessage, op: Operation, rawBody: Buffer): unknown {
		if (op.bodyContentType === 'application/x-www-form-urlencoded') return new URLSearchParams(rawBody.toString('utf8'));
		if (op.bodyContentType !== 'application/json') return undefined;
		const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (type && type !== 'application/json' && !type.endsWith('+json')) {
			throw new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
		}
		let body: unknown;
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			throw new ProblemError(400, 'MALFORMED_JSON', 'The body is not JSON');
		}
		const errors = contract.validateBody(op.operationId, body);
		if (errors) throw problems.validation(errors);
		return body;
	}

	/** The handler and, for a create with Idempotency-Key, the key's record, in one transaction. */
	function run(op: Operation, ctx: RequestContext, req: IncomingMessage): HandlerResult {
		const handler = handlers[op.operationId];
		const header = req.headers['idempotency-key'];
		const key = op.acceptsIdempotencyKey ? (Array.isArray(header) ? header[0] : header) : undefined;
		if (key !== undefined && (key.length < 1 || key.length > 255)) {
			throw problems.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
		}
		const scope = ctx.appKey ?? ctx.companyId ?? '';
		const hash = key !== undefined ? deps.idempotency.requestHash(op.method, op.fullPath + ' ' + req.url, ctx.rawBody) : '';
		// A savepoint of its own, so a refused request leaves nothing behind but its remembered answer.
		const attempt = db.transaction(() => handler(ctx));
		return db.transaction((): HandlerResult => {
			if (key !== undefined) {
				const replay = deps.idempotency.replay(scope, key, hash);
				if (replay) return replay;
			}
			let result: HandlerResult;
			try {
				result = attempt();
			} catch (error) {
				if (!(error instanceof ProblemError) || error.status >= 500) throw error;
				result = problemResult(error);
			}
			if (key !== undefined) deps.idempotency.remember(scope, key, hash, result);
			return result;
		})();
	}

	async function admin(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
		const rawBody = await readBody(req, bodyLimit);
		if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw problems.forbidden('NOT_LOCAL', 'Admin endpoints answer only on loopback');
		if (path !== '/_admin/faults') throw problems.notFound('admin endpoint', path);
		if (method === 'GET') return send(res, { status: 200, body: faults.config });
		if (method !== 'POST') throw new ProblemError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`, {}, { Allow: 'GET, POST' });
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(rawBody.toString('utf8') || '{}');
		} catch {
			throw new ProblemError(400, 'MALFORMED_JSON', 'The body is not JSON');
		}
		try {
			send(res, { status: 200, body: faults.set(body) });
		} catch (error) {
			throw problems.validation([{ field: '(body)', message: (error as Error).message }]);
		}
	}

	return {
		async listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
			try {
				await handle(req, res);
			} catch (error) {
				if (error instanceof ProblemError) {
					const result = problemResult(error);
					if (error.status === 413) result.headers = { ...result.headers, Connection: 'close' };
					send(res, result);
				} else {
					deps.onError?.(error);
					send(res, internalErrorResult());
				}
			}
		},
		close(): void {
			for (const timer of heldByFaults) clearTimeout(timer);
			heldByFaults.clear();
		},
	};
}
