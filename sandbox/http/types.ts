import type { IncomingHttpHeaders } from 'node:http';

export type Query = Record<string, string | number | undefined>;

/** What a handler gets: the request already authenticated, parsed and validated. */
export interface RequestContext {
	operationId: string;
	params: Record<string, string>;
	/** Validated against the operation's parameters: numbers coerced, defaults filled. */
	query: Query;
	/** Validated against the operation's request schema; each handler names its shape. */
	body: unknown;
	rawBody: Buffer;
	headers: IncomingHttpHeaders;
	/** The app key of a signed request. */
	appKey: string | null;
	/** The company a bearer token was issued by. */
	companyId: string | null;
}

export interface HandlerResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** Handlers are synchronous: a request's reads and writes happen in one go, in one transaction. */
export type Handler = (ctx: RequestContext) => HandlerResult;

export type Operations = Record<string, Handler>;

export function ok(body: unknown, version?: number): HandlerResult {
	return { status: 200, body, headers: version !== undefined ? { ETag: `"${version}"` } : {} };
}

export function created(body: unknown, location: string, version?: number): HandlerResult {
	const headers: Record<string, string> = { Location: location };
	if (version !== undefined) headers.ETag = `"${version}"`;
	return { status: 201, body, headers };
}
