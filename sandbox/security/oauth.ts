import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { ProblemError } from '../http/problem';
import type { HandlerResult } from '../http/types';

export const TOKEN_TTL_SECONDS = 3600;

interface CompanyRow {
	company_id: string;
	client_id: string;
	client_secret: string;
}

function sameText(a: string, b: string): boolean {
	const left = createHash('sha256').update(a).digest();
	const right = createHash('sha256').update(b).digest();
	return timingSafeEqual(left, right);
}

function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): HandlerResult {
	return {
		status,
		body: { error, error_description: description },
		headers: { 'Cache-Control': 'no-store', ...headers },
	};
}

/** OAuth 2.0 client credentials (RFC 6749 §4.4) for the platform companies, tokens per company. */
export function createCompanyOAuth(db: Db, clock: Clock) {
	const company = db.prepare('SELECT company_id, client_id, client_secret FROM companies WHERE company_id = ?');
	const saveToken = db.prepare('INSERT INTO oauth_tokens (token_hash, company_id, expires_ms) VALUES (?, ?, ?)');
	const findToken = db.prepare('SELECT company_id, expires_ms FROM oauth_tokens WHERE token_hash = ?');
	const purge = db.prepare('DELETE FROM oauth_tokens WHERE expires_ms <= ?');

	function issue(companyId: string, headers: IncomingMessage['headers'], form: URLSearchParams): HandlerResult {
		const row = company.get(companyId) as CompanyRow | undefined;
		if (!row) throw new ProblemError(404, 'NOT_FOUND', `No company ${JSON.stringify(companyId)}`);
		if (form.get('grant_type') !== 'client_credentials') {
			const error = form.get('grant_type') ? 'unsupported_grant_type' : 'invalid_request';
			return oauthError(400, error, 'grant_type must be client_credentials');
		}
		let clientId = form.get('client_id') ?? '';
		let clientSecret = form.get('client_secret') ?? '';
		const basic = /^Basic\s+(.+)$/i.exec(String(headers.authorization ?? ''));
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon >= 0) {
				clientId = safeDecode(decoded.slice(0, colon));
				clientSecret = safeDecode(decoded.slice(colon + 1));
			}
		}
		if (!clientId || !sameText(clientId, row.client_id) || !sameText(clientSecret, row.client_secret)) {
			return oauthError(401, 'invalid_client', 'Unknown client or wrong secret for this company', {
				'WWW-Authenticate': `Basic realm="${companyId}"`,
			});
		}
		const now = clock();
		purge.run(now);
		const token = randomBytes(24).toString('base64url');
		saveToken.run(tokenHash(token), companyId, now + TOKEN_TTL_SECONDS * 1000);
		return {
			status: 200,
			body: { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS },
			headers: { 'Cache-Control': 'no-store' },
		};
	}

	/** The company a bearer token belongs to; it must be the one asked for. */
	function check(companyId: string, headers: IncomingMessage['headers']): string {
		if (!company.get(companyId)) throw new ProblemError(404, 'NOT_FOUND', `No company ${JSON.stringify(companyId)}`);
		const challenge = { 'WWW-Authenticate': `Bearer realm="${companyId}"` };
		const match = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''));
		if (!match) throw new ProblemError(401, 'TOKEN_MISSING', 'Send Authorization: Bearer <access token>', {}, challenge);
		const row = findToken.get(tokenHash(match[1])) as { company_id: string; expires_ms: number } | undefined;
		if (!row || row.expires_ms <= clock() || row.company_id !== companyId) {
			throw new ProblemError(401, 'TOKEN_INVALID', 'The access token is unknown, expired or for another company', {}, {
				'WWW-Authenticate': `Bearer realm="${companyId}", error="invalid_token"`,
			});
		}
		return row.company_id;
	}

	return { issue, check };
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

export type CompanyOAuth = ReturnType<typeof createCompanyOAuth>;
