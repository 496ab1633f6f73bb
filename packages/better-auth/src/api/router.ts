/**
 * Path → endpoint matching, built once. Matching is exact (case, slashes, encoding), so an odd
 * spelling of a path can never reach an endpoint by a route that skips its checks.
 */
import type { Endpoint } from "better-call";

export interface Route {
	key: string;
	endpoint: Endpoint;
	methods: Set<string>;
}

export interface Match {
	route: Route;
	params: Record<string, string>;
}

export function createRouter(endpoints: Record<string, Endpoint>) {
	const statics = new Map<string, Route>();
	const dynamic: { pattern: RegExp; names: string[]; route: Route }[] = [];
	for (const [key, endpoint] of Object.entries(endpoints)) {
		// Server-only endpoints are reachable through auth.api, never over HTTP.
		if ((endpoint.options.metadata as { SERVER_ONLY?: boolean } | undefined)?.SERVER_ONLY) continue;
		const method = endpoint.options.method;
		const methods = new Set((Array.isArray(method) ? method : [method]).map((m) => String(m).toUpperCase()));
		const route = { key, endpoint, methods };
		const path = endpoint.path as string;
		if (!path.includes(":") && !path.includes("*")) {
			statics.set(path, route);
			continue;
		}
		const names: string[] = [];
		const source = path
			.split("/")
			.map((segment) => {
				if (segment.startsWith(":")) {
					names.push(segment.slice(1));
					return "([^/]+)";
				}
				if (segment === "**" || segment === "*") {
					names.push("_");
					return "(.*)";
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
			})
			.join("/");
		dynamic.push({ pattern: new RegExp(`^${source}$`), names, route });
	}
	return {
		match(path: string): Match | null {
			const exact = statics.get(path);
			if (exact) return { route: exact, params: {} };
			for (const { pattern, names, route } of dynamic) {
				const found = pattern.exec(path);
				if (!found) continue;
				const params: Record<string, string> = {};
				names.forEach((name, i) => {
					params[name] = decodeURIComponent(found[i + 1]);
				});
				return { route, params };
			}
			return null;
		},
	};
}
