/**
 * The client object: `client.signIn.email(data, fetchOptions)` → `POST /sign-in/email`.
 * Property names become kebab-case path segments; a call sends the request. Plugin actions and
 * root members (`$fetch`, `useSession`...) are looked up first.
 */
import type { BetterFetchOption } from "@better-fetch/fetch";
import type { InternalFetch } from "./fetch";

/** `signIn` → `sign-in`, `verifyTOTP` → `verify-totp`: a hyphen only where lower case meets upper case. */
export function toKebabCase(segment: string): string {
	return segment.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

export interface ProxyInput {
	$fetch: InternalFetch;
	/** Members of the client object itself; they win over everything else. */
	root: Record<string, unknown>;
	/** Merged plugin actions (nested objects allowed). */
	actions: Record<string, unknown>;
	/** `"/path"` → method, from plugins (and the core list). */
	pathMethods: Record<string, string>;
}

/** Keys that must never turn into requests: promise checks, inspection, serialization. */
const INERT_KEYS = new Set([
	"then",
	"catch",
	"finally",
	"toJSON",
	"constructor",
	"prototype",
	"$$typeof",
	"asymmetricMatch",
]);

/**
 * Builds the client proxy. Nodes are cached per path, so `client.signIn.email` is the same function
 * every time (safe in React dependency arrays).
 */
export function createClientProxy({ $fetch, root, actions, pathMethods }: ProxyInput): Record<string, unknown> {
	const nodes = new Map<string, unknown>();

	const call = (segments: string[], args: unknown[]) => {
		const path = `/${segments.map(toKebabCase).join("/")}`;
		const [input, extra] = args as [unknown, BetterFetchOption | undefined];
		const { query, fetchOptions, ...body } = (input && typeof input === "object" ? input : {}) as {
			query?: Record<string, unknown>;
			fetchOptions?: BetterFetchOption;
		} & Record<string, unknown>;
		const options: BetterFetchOption = { ...fetchOptions, ...extra };
		// An explicit method wins, then the plugin's (or core's) pathMethods, then: a body means POST.
		const method = options.method ?? pathMethods[path] ?? (Object.keys(body).length > 0 ? "POST" : "GET");
		return $fetch(path, {
			...options,
			method,
			query: query ?? options.query,
			body: method === "GET" || method === "HEAD" ? undefined : body,
		});
	};

	const node = (segments: string[], action: unknown): unknown => {
		const key = segments.join("/");
		const cached = nodes.get(key);
		if (cached) return cached;
		const created = new Proxy(() => {}, {
			get(_, property) {
				if (typeof property !== "string" || INERT_KEYS.has(property)) return undefined;
				const child =
					action !== null && (typeof action === "object" || typeof action === "function")
						? (action as Record<string, unknown>)[property]
						: undefined;
				return node([...segments, property], child);
			},
			apply(_, thisArg, args) {
				if (typeof action === "function") return Reflect.apply(action, thisArg, args);
				return call(segments, args);
			},
		});
		nodes.set(key, created);
		return created;
	};

	return new Proxy(root, {
		get(target, property) {
			if (typeof property !== "string") return undefined;
			if (property in target) return target[property];
			if (INERT_KEYS.has(property)) return undefined;
			return node([property], actions[property]);
		},
	});
}
