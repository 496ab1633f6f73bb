/** A memory-backed instance and request builders, shared by the endpoint tests. */
import { memoryAdapter } from "../adapters/memory";
import { betterAuth } from "../auth";

export const BASE = "http://localhost:3000";
export type Options = Parameters<typeof betterAuth>[0];

export function memoryInstance(extra: Partial<Options> = {}) {
	return betterAuth({
		baseURL: BASE,
		secret: "s".repeat(32),
		database: memoryAdapter({}),
		emailAndPassword: { enabled: true },
		logger: { disabled: true },
		...extra,
	} as Options);
}

/** A same-origin JSON POST to an auth path. */
export const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
	new Request(`${BASE}/api/auth${path}`, {
		method: "POST",
		headers: { "content-type": "application/json", origin: BASE, ...headers },
		body: JSON.stringify(body),
	});
