/** RFC 9457 problem documents with a machine `code` (docs/api/*.openapi.yaml, Problem). */

export interface FieldError {
	field: string;
	message: string;
}

export interface ProblemDocument {
	type: string;
	title: string;
	status: number;
	code: string;
	detail?: string;
	errors?: FieldError[];
	[extension: string]: unknown;
}

const TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Content Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Content',
	428: 'Precondition Required',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

/** Thrown by handlers; the pipeline turns it into a problem response. */
export class ProblemError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		detail?: string,
		readonly extensions: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {},
	) {
		super(detail ?? code);
	}

	get document(): ProblemDocument {
		return problemDocument(this.status, this.code, this.message, this.extensions);
	}
}

export function problemDocument(
	status: number,
	code: string,
	detail?: string,
	extensions: Record<string, unknown> = {},
): ProblemDocument {
	return {
		type: `urn:gonghui:problem:${code.toLowerCase().replace(/_/g, '-')}`,
		title: TITLES[status] ?? 'Error',
		status,
		code,
		...(detail !== undefined ? { detail } : {}),
		...extensions,
	};
}

export const problems = {
	validation: (errors: FieldError[], detail = 'The request does not match the API contract') =>
		new ProblemError(400, 'VALIDATION_FAILED', detail, { errors }),
	notFound: (what: string, id: string) => new ProblemError(404, 'NOT_FOUND', `No ${what} ${JSON.stringify(id)}`),
	conflict: (code: string, detail: string, extensions: Record<string, unknown> = {}) =>
		new ProblemError(409, code, detail, extensions),
	unprocessable: (code: string, detail: string) => new ProblemError(422, code, detail),
	forbidden: (code: string, detail: string) => new ProblemError(403, code, detail),
};
