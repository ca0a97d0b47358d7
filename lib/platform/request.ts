/**
 * Prepares an outgoing platform request so that the bytes signed are the bytes sent: the full
 * target (path and query) is fixed here, and the body is serialized here, once.
 */

export type QueryValue = string | number | boolean | null | undefined | Array<string | number | boolean>;

export interface RequestTarget {
	/** Absolute URL, query included. */
	url: string;
	/** Path and query exactly as an HTTP client puts them on the request line. */
	pathWithQuery: string;
}

function isAbsolute(url: string): boolean {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

function joinUrl(baseUrl: string | undefined, url: string): string {
	if (isAbsolute(url)) return url;
	if (!baseUrl) throw new Error(`A relative URL "${url}" needs a base URL`);
	return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

export function encodeQuery(qs: Record<string, QueryValue> | undefined): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		const values = Array.isArray(value) ? value : [value];
		for (const v of values) params.append(key, String(v));
	}
	return params.toString();
}

/** Joins base, path and query; the result is normalized the way the URL parser (and so axios) does. */
export function resolveTarget(baseUrl: string | undefined, url: string, qs?: Record<string, QueryValue>): RequestTarget {
	const joined = new URL(joinUrl(baseUrl, url));
	const extra = encodeQuery(qs);
	if (extra) joined.search = joined.search ? `${joined.search}&${extra}` : `?${extra}`;
	const pathWithQuery = joined.pathname + joined.search;
	return { url: joined.toString(), pathWithQuery };
}

/**
 * The body as it goes on the wire. Objects become compact JSON; JSON text is trimmed as HTTP
 * clients trim it; no body is ''.
 */
export function serializeBody(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') {
		try {
			JSON.parse(body);
			return body.trim();
		} catch {
			return body;
		}
	}
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}
