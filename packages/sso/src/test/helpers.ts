/** Shared set-up for the SSO tests: a test instance with the plugin and a signed-in user. */
import type { BetterAuthOptions } from "@better-auth/core";
import { cookieHeader, getTestInstance, TEST_BASE_URL } from "better-auth/test";
import { expect } from "vitest";
import { sso } from "../index";
import type { SSOOptions } from "../types";

export { cookieHeader, TEST_BASE_URL };

type TestInstance = Awaited<ReturnType<typeof getTestInstance>>;

export interface SSOTestInstance {
	auth: { handler: (request: Request) => Promise<Response> };
	database: TestInstance["database"];
	request: TestInstance["request"];
	signUp: TestInstance["signUp"];
	signIn: TestInstance["signIn"];
	/** The session cookie of the signed-up owner@acme.test. */
	cookie: string;
	register: (body: Record<string, unknown>, asCookie?: string) => Promise<Response>;
	rows: (sql: string) => Record<string, unknown>[];
	/** POSTs a form (as an IdP's auto-submitting page does), no Origin header. */
	postForm: (path: string, form: Record<string, string>, cookie?: string) => Promise<Response>;
}

export async function setup(
	options: SSOOptions = {},
	extra: Partial<BetterAuthOptions> = {},
): Promise<SSOTestInstance> {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [sso(options), ...(extra.plugins ?? [])],
	});
	const { cookie } = await instance.signUp({ email: "owner@acme.test", name: "Owner" });
	const register = (body: Record<string, unknown>, asCookie: string | undefined = cookie) =>
		instance.request("/sso/register", { body, cookie: asCookie });
	const rows = (sql: string) => instance.database.prepare(sql).all() as Record<string, unknown>[];
	const postForm = (path: string, form: Record<string, string>, cookie?: string) =>
		instance.auth.handler(
			new Request(`${TEST_BASE_URL}/api/auth${path}`, {
				method: "POST",
				headers: {
					"content-type": "application/x-www-form-urlencoded",
					...(cookie ? { cookie } : {}),
				},
				body: new URLSearchParams(form).toString(),
			}),
		);
	const { auth, database, request, signUp, signIn } = instance;
	return { auth, database, request, signUp, signIn, cookie, register, rows, postForm };
}

export async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

/** The path of an absolute URL under the test instance's `/api/auth`. */
export function authPath(url: string): string {
	const prefix = `${TEST_BASE_URL}/api/auth`;
	expect(url.startsWith(prefix)).toBe(true);
	return url.slice(prefix.length);
}

/** Merges two Cookie headers, later values winning. */
export function mergeCookies(...headers: string[]): string {
	const jar = new Map<string, string>();
	for (const header of headers) {
		for (const pair of header.split(/;\s*/).filter(Boolean)) {
			const index = pair.indexOf("=");
			jar.set(pair.slice(0, index), pair.slice(index + 1));
		}
	}
	return [...jar]
		.filter(([, value]) => value !== "")
		.map(([name, value]) => `${name}=${value}`)
		.join("; ");
}
