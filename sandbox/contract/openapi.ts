/**
 * The contract documents, loaded once and compiled with Ajv (JSON Schema 2020-12, as OpenAPI 3.1
 * uses it): the server validates every request against them, and the tests every response.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { FieldError } from '../http/problem';

export type ApiName = 'yuegonghui' | 'company';
export type AuthKind = 'signature' | 'bearer' | 'client';

const FILES: Record<ApiName, string> = {
	yuegonghui: 'yuegonghui.openapi.yaml',
	company: 'platform-company.openapi.yaml',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface Operation {
	operationId: string;
	api: ApiName;
	method: string;
	/** As in the document: `/applications/{applicationId}`. */
	pathTemplate: string;
	/** With the server's base path: `/api/v1/applications/{applicationId}`. */
	fullPath: string;
	auth: AuthKind;
	bodyContentType: string | null;
	acceptsIdempotencyKey: boolean;
	requiresIfMatch: boolean;
}

/** Parsed YAML, walked by key; values are narrowed where they are read. */
interface Json {
	[key: string]: unknown;
}

function obj(value: unknown): Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
	return Array.isArray(value) ? (value as Json[]) : [];
}

export interface Contract {
	documents: Record<ApiName, Json>;
	operations: Operation[];
	operation(operationId: string): Operation;
	/** Field errors of a request body, or null when it is valid. */
	validateBody(operationId: string, body: unknown): FieldError[] | null;
	/** Checks and coerces (in place, with defaults) the query of an operation. */
	validateQuery(operationId: string, query: Record<string, unknown>): FieldError[] | null;
	/** Schema errors of a response, or null when it matches the documented one. */
	validateResponse(operationId: string, status: number, body: unknown): string[] | null;
	/** Schema errors of a webhook's body, or null. */
	validateEvent(eventType: string, body: unknown): string[] | null;
}

function findDocsDir(): string {
	for (let dir = __dirname; ; dir = dirname(dir)) {
		const candidate = join(dir, 'docs', 'api');
		if (existsSync(join(candidate, FILES.yuegonghui))) return candidate;
		if (dirname(dir) === dir) throw new Error('docs/api/yuegonghui.openapi.yaml not found above ' + __dirname);
	}
}

/** `#/components/schemas/X` becomes `<api>#/$defs/X`, so both documents live in one Ajv. */
function rewriteRefs(value: unknown, api: ApiName): unknown {
	if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, api));
	if (value && typeof value === 'object') {
		const out: Json = {};
		for (const [key, v] of Object.entries(value)) {
			out[key] =
				key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
					? `${api}#/$defs/${v.slice('#/components/schemas/'.length)}`
					: rewriteRefs(v, api);
		}
		return out;
	}
	return value;
}

function newAjv(coerce: boolean): Ajv2020 {
	const ajv = new Ajv2020({
		allErrors: true,
		strict: true,
		strictTypes: false,
		strictRequired: false,
		coerceTypes: coerce,
		useDefaults: coerce,
	});
	addFormats(ajv);
	return ajv;
}

function resolve(doc: Json, node: unknown): Json | undefined {
	let current = node === undefined ? undefined : obj(node);
	while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
		current = current.$ref
			.slice(2)
			.split('/')
			.reduce<Json | undefined>((acc, part) => (acc?.[part] === undefined ? undefined : obj(acc[part])), doc);
	}
	return current;
}

function authOf(doc: Json, op: Json): AuthKind {
	const requirements = list(op.security ?? doc.security);
	const names = requirements.flatMap((r) => Object.keys(r));
	if (names.includes('Signature')) return 'signature';
	if (names.includes('companyOAuth')) return 'bearer';
	return 'client';
}

function fieldOf(error: ErrorObject): string {
	const path = error.instancePath
		.split('/')
		.slice(1)
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	const params = error.params as Record<string, unknown>;
	const extra = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
	if (typeof extra === 'string') path.push(extra);
	return path.length ? path.join('.') : '(body)';
}

function messageOf(error: ErrorObject): string {
	const params = error.params as Record<string, unknown>;
	if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') return 'is not an allowed field';
	if (error.keyword === 'required') return 'is required';
	if (error.keyword === 'enum') return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
	return error.message ?? 'is not valid';
}

export function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
	const seen = new Set<string>();
	const out: FieldError[] = [];
	for (const error of errors ?? []) {
		// oneOf/anyOf/if summaries repeat what their branches already said.
		if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
		const item = { field: fieldOf(error), message: messageOf(error) };
		const key = `${item.field}\u0000${item.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(item);
		if (out.length >= 50) break;
	}
	if (out.length === 0 && errors?.length) out.push({ field: fieldOf(errors[0]), message: messageOf(errors[0]) });
	return out;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
	return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

let cached: Contract | undefined;

export function loadContract(): Contract {
	if (cached) return cached;
	const dir = findDocsDir();
	const documents = {} as Record<ApiName, Json>;
	const strictAjv = newAjv(false);
	const queryAjv = newAjv(true);
	const operations: Operation[] = [];
	const raw = new Map<string, { doc: Json; op: Json; api: ApiName }>();

	for (const api of Object.keys(FILES) as ApiName[]) {
		const doc = obj(parse(readFileSync(join(dir, FILES[api]), 'utf8'), { maxAliasCount: 1000 }));
		documents[api] = doc;
		const defs = { $id: api, $defs: rewriteRefs(obj(doc.components).schemas ?? {}, api) };
		strictAjv.addSchema(defs);
		queryAjv.addSchema(defs);
		const basePath = new URL(String(list(doc.servers)[0]?.url ?? 'http://localhost/')).pathname.replace(/\/$/, '');
		for (const [pathTemplate, pathValue] of Object.entries(obj(doc.paths))) {
			const pathItem = obj(pathValue);
			for (const method of METHODS) {
				if (!pathItem[method]) continue;
				const op = obj(pathItem[method]);
				const params = [...list(pathItem.parameters), ...list(op.parameters)].map((p) => resolve(doc, p) ?? {});
				const content = obj(resolve(doc, op.requestBody)?.content);
				operations.push({
					operationId: String(op.operationId),
					api,
					method: method.toUpperCase(),
					pathTemplate,
					fullPath: basePath + pathTemplate,
					auth: authOf(doc, op),
					bodyContentType: Object.keys(content)[0] ?? null,
					acceptsIdempotencyKey: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
					requiresIfMatch: params.some((p) => p.in === 'header' && p.name === 'If-Match' && p.required),
				});
				raw.set(String(op.operationId), { doc, op: { ...op, parameters: params }, api });
			}
		}
	}

	const bodyValidators = new Map<string, ValidateFunction | null>();
	const queryValidators = new Map<string, ValidateFunction>();
	const responseValidators = new Map<string, ValidateFunction | null>();

	function entry(operationId: string) {
		const found = raw.get(operationId);
		if (!found) throw new Error(`No operation ${operationId} in the contract`);
		return found;
	}

	const contract: Contract = {
		documents,
		operations,
		operation(operationId) {
			const op = operations.find((o) => o.operationId === operationId);
			if (!op) throw new Error(`No operation ${operationId} in the contract`);
			return op;
		},
		validateBody(operationId, body) {
			if (!bodyValidators.has(operationId)) {
				const { doc, op, api } = entry(operationId);
				const schema = obj(obj(resolve(doc, op.requestBody)?.content)['application/json']).schema;
				bodyValidators.set(operationId, schema ? strictAjv.compile(obj(rewriteRefs(schema, api))) : null);
			}
			const validate = bodyValidators.get(operationId);
			if (!validate || validate(body)) return null;
			return toFieldErrors(validate.errors);
		},
		validateQuery(operationId, query) {
			let validate = queryValidators.get(operationId);
			if (!validate) {
				const { op, api } = entry(operationId);
				const queryParams = list(op.parameters).filter((p) => p.in === 'query');
				validate = queryAjv.compile({
					type: 'object',
					properties: Object.fromEntries(queryParams.map((p) => [String(p.name), rewriteRefs(p.schema ?? {}, api)])),
					required: queryParams.filter((p) => p.required).map((p) => String(p.name)),
				});
				queryValidators.set(operationId, validate);
			}
			if (validate(query)) return null;
			return toFieldErrors(validate.errors);
		},
		validateResponse(operationId, status, body) {
			const key = `${operationId} ${status}`;
			if (!responseValidators.has(key)) {
				const { doc, op, api } = entry(operationId);
				const responses = obj(op.responses);
				const response = resolve(doc, responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
				if (!response) throw new Error(`${operationId} does not document status ${status}`);
				const content = obj(response.content);
				const schema = obj(content['application/json'] ?? content['application/problem+json']).schema;
				responseValidators.set(key, schema ? strictAjv.compile(obj(rewriteRefs(schema, api))) : null);
			}
			const validate = responseValidators.get(key);
			if (!validate) return body === undefined || body === null || body === '' ? null : ['a body where none is documented'];
			return validate(body) ? null : describe(validate.errors);
		},
		validateEvent(eventType, body) {
			const key = `event ${eventType}`;
			if (!responseValidators.has(key)) {
				const webhook = obj(obj(obj(documents.yuegonghui.webhooks)[eventType]).post);
				const schema = obj(obj(obj(webhook.requestBody).content)['application/json']).schema;
				if (!schema) throw new Error(`No webhook ${eventType} in the contract`);
				responseValidators.set(key, strictAjv.compile(obj(rewriteRefs(schema, 'yuegonghui'))));
			}
			const validate = responseValidators.get(key)!;
			return validate(body) ? null : describe(validate.errors);
		},
	};
	cached = contract;
	return contract;
}
