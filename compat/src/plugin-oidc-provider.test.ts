/**
 * The oidcProvider plugin against better-auth 1.7.24. 1.7.24 no longer ships `oidcProvider` in
 * "better-auth/plugins" (it moved out of the core package), so there is no reference to compare
 * the flow with; these tests pin that fact and check our wire answers through the same harness.
 */

import { createHash } from "node:crypto";
// Imported by path until "better-auth/plugins" exports oidcProvider.
import { oidcProvider } from "better-auth/plugins";
import * as referencePlugins from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, createPair, read } from "./harness";

const REDIRECT = "https://app.example.com/callback";

describe("compat: oidcProvider", () => {
	it("is not exported by better-auth 1.7.24, so the reference answers 404", async () => {
		expect("oidcProvider" in referencePlugins).toBe(false);
		const pair = await createPair(
			{ logger: { disabled: true }, plugins: [oidcProvider({ loginPage: "/sign-in" })] },
			{ logger: { disabled: true } },
		);
		const { ours, reference } = await pair.request("/.well-known/openid-configuration");
		expect(reference.status).toBe(404);
		expect(ours.status).toBe(200);
		const body = (await read(ours)).body as Record<string, unknown>;
		expect(body.issuer).toBe(`${BASE_URL}/api/auth`);
	});

	it("runs a code flow over HTTP on our side", async () => {
		const pair = await createPair(
			{
				logger: { disabled: true },
				emailAndPassword: { enabled: true },
				plugins: [oidcProvider({ loginPage: "/sign-in", allowDynamicClientRegistration: true })],
			},
			{ logger: { disabled: true } },
		);
		const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
			pair.ours.handler(
				new Request(`${BASE_URL}/api/auth${path}`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
					body: JSON.stringify(body),
				}),
			);
		const client = (await (await post("/oauth2/register", { redirect_uris: [REDIRECT] })).json()) as {
			client_id: string;
			client_secret: string;
		};
		const signUp = await post("/sign-up/email", { email: "a@b.co", password: "password123", name: "A B" });
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const verifier = "v".repeat(64);
		const query = new URLSearchParams({
			response_type: "code",
			client_id: client.client_id,
			redirect_uri: REDIRECT,
			scope: "openid",
			code_challenge: createHash("sha256").update(verifier).digest("base64url"),
			code_challenge_method: "S256",
		});
		const page = await pair.ours.handler(
			new Request(`${BASE_URL}/api/auth/oauth2/authorize?${query}`, { headers: { cookie } }),
		);
		expect(page.status).toBe(200);
		expect(page.headers.get("content-type")).toContain("text/html");
		const consent = await post(
			"/oauth2/consent",
			{ accept: true },
			{
				cookie: `${cookie}; ${page.headers
					.getSetCookie()
					.map((c) => c.split(";")[0])
					.join("; ")}`,
			},
		);
		const code = new URL(((await consent.json()) as { redirectURI: string }).redirectURI).searchParams.get("code");
		const token = await pair.ours.handler(
			new Request(`${BASE_URL}/api/auth/oauth2/token`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams({
					grant_type: "authorization_code",
					code: code ?? "",
					redirect_uri: REDIRECT,
					client_id: client.client_id,
					client_secret: client.client_secret,
					code_verifier: verifier,
				}),
			}),
		);
		expect(token.status).toBe(200);
		expect(Object.keys((await token.json()) as object).sort()).toEqual(
			["access_token", "expires_in", "id_token", "refresh_token", "scope", "token_type"].sort(),
		);
	});
});
