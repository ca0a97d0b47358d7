/** A gateway URL: `path` under `base` (or `path` itself when absolute), with `qs` added to its query. */
export function gatewayUrl(base: string, path: string | undefined, qs?: Record<string, unknown>): URL {
	const url =
		path && /^https?:\/\//i.test(path)
			? new URL(path)
			: new URL(base.replace(/\/+$/, '') + (!path ? '' : path.startsWith('/') ? path : '/' + path));
	for (const [k, v] of Object.entries(qs ?? {})) {
		if (v === undefined || v === null) continue;
		url.searchParams.set(k, String(v));
	}
	return url;
}
