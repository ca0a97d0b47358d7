import type { Operation } from '../contract/openapi';

interface Route {
	operation: Operation;
	pattern: RegExp;
	names: string[];
}

export type RouteMatch =
	| { kind: 'found'; operation: Operation; params: Record<string, string> }
	| { kind: 'method_not_allowed'; allowed: string[] }
	| { kind: 'not_found' };

/** Routes requests to the operations of the contract: the paths are the documents' own. */
export function createRouter(operations: Operation[]) {
	const routes: Route[] = operations.map((operation) => {
		const names: string[] = [];
		const source = operation.fullPath
			.split(/(\{[^}]+\})/)
			.map((part) => {
				const name = /^\{([^}]+)\}$/.exec(part)?.[1];
				if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				names.push(name);
				return '([^/]+)';
			})
			.join('');
		return { operation, pattern: new RegExp(`^${source}$`), names };
	});

	return function match(method: string, pathname: string): RouteMatch {
		const allowed: string[] = [];
		for (const route of routes) {
			const m = route.pattern.exec(pathname);
			if (!m) continue;
			if (route.operation.method !== method) {
				allowed.push(route.operation.method);
				continue;
			}
			const params: Record<string, string> = {};
			route.names.forEach((name, i) => {
				params[name] = safeDecode(m[i + 1]);
			});
			return { kind: 'found', operation: route.operation, params };
		}
		return allowed.length ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
	};
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
