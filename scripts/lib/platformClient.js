'use strict';
// A signed client for the 粤工惠 platform API, signing as the package's credential does
// (dist/lib/platform/signing). Used by the demo script and the end-to-end tests.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

function platformClient(baseUrl, { appKey = 'demo-app', secret = 'demo-secret-change-me' } = {}) {
	const { signRequest } = require(path.join(root, 'dist', 'lib', 'platform', 'signing'));
	async function request(method, apiPath, { body, ifMatch, idempotencyKey } = {}) {
		const url = new URL(`${baseUrl}/api/v1${apiPath}`);
		const payload = body === undefined ? '' : JSON.stringify(body);
		const headers = signRequest({ method, pathWithQuery: url.pathname + url.search, body: payload, appKey, secret });
		if (payload) headers['Content-Type'] = 'application/json';
		if (ifMatch !== undefined) headers['If-Match'] = String(ifMatch);
		if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
		const response = await fetch(url, { method, headers, body: payload || undefined });
		const text = await response.text();
		const data = text ? JSON.parse(text) : undefined;
		return { status: response.status, body: data };
	}
	return {
		request,
		get: (p) => request('GET', p),
		post: (p, body, options = {}) => request('POST', p, { body, ...options }),
		/** Every item of a cursor-paginated list. */
		async all(p) {
			const items = [];
			let cursor = null;
			do {
				const sep = p.includes('?') ? '&' : '?';
				const page = await request('GET', `${p}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
				if (page.status !== 200) throw new Error(`GET ${p}: ${page.status} ${JSON.stringify(page.body)}`);
				items.push(...page.body.items);
				cursor = page.body.nextCursor;
			} while (cursor);
			return items;
		},
	};
}

module.exports = { platformClient };
