import type { ServerResponse } from 'node:http';
import { ProblemError, problemDocument } from './problem';
import type { HandlerResult } from './types';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

export function problemResult(error: ProblemError): HandlerResult {
	return { status: error.status, body: error.document, headers: { 'Content-Type': PROBLEM_TYPE, ...error.headers } };
}

export function internalErrorResult(): HandlerResult {
	return {
		status: 500,
		body: problemDocument(500, 'INTERNAL_ERROR', 'The platform failed to answer this request'),
		headers: { 'Content-Type': PROBLEM_TYPE },
	};
}

export function send(res: ServerResponse, result: HandlerResult): void {
	if (res.headersSent) return;
	const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...result.headers };
	if (result.body === undefined) {
		res.writeHead(result.status, headers);
		res.end();
		return;
	}
	const payload = JSON.stringify(result.body);
	headers['Content-Type'] ??= JSON_TYPE;
	headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(result.status, headers);
	res.end(payload);
}
