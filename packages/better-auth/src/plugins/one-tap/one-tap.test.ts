import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthClient } from "../../client";
import { type GoogleAccountsId, oneTapClient, type PromptNotification } from "../../client/plugins/one-tap";
import { createClientTestServer } from "../../client/test-utils";
import { cookieHeader, getTestInstance } from "../../test";
import { oneTap } from "./index";
import type { OneTapOptions } from "./types";

const CLIENT_ID = "test-client.apps.googleusercontent.com";
let jwksURL = "";
let server: Server;
let jwksRequests = 0;
let privateKey: CryptoKey;
let strangerKey: CryptoKey;

// A stand-in for Google's key endpoint, on 127.0.0.1.
beforeAll(async () => {
	const pair = await generateKeyPair("RS256");
	privateKey = pair.privateKey;
	strangerKey = (await generateKeyPair("RS256")).privateKey;
	const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
	server = createServer((_request, response) => {
		jwksRequests++;
		response.writeHead(200, { "content-type": "application/json" });
		response.end(JSON.stringify({ keys: [jwk] }));
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	jwksURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface TokenOptions {
	sub?: string;
	aud?: string;
	iss?: string;
	exp?: string | number;
	kid?: string;
	key?: CryptoKey;
}

function idToken(claims: Record<string, unknown>, o: TokenOptions = {}) {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: "RS256", kid: o.kid ?? "k1" })
		.setIssuedAt()
		.setIssuer(o.iss ?? "https://accounts.google.com")
		.setAudience(o.aud ?? CLIENT_ID)
		.setSubject(o.sub ?? "google-1")
		.setExpirationTime(o.exp ?? "1h")
		.sign(o.key ?? privateKey);
}

const person = { email: "Ann@Example.com", email_verified: true, name: "Ann", picture: "https://img/ann.png" };

async function setup(options: OneTapOptions = { clientId: CLIENT_ID }, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [oneTap({ jwksURL, ...options })],
	});
	const callback = (body: unknown, headers?: Record<string, string>) =>
		instance.request("/one-tap/callback", { body, headers });
	const query = (sql: string) => instance.database.prepare(sql).all() as Record<string, unknown>[];
	return { ...instance, callback, query };
}

async function expectError(response: Response, status: number, code: string, message?: string) {
	expect(response.status).toBe(status);
	const body = await response.json();
	expect(body).toMatchObject({ code });
	if (message) expect(body.message).toBe(message);
}

describe("oneTap: /one-tap/callback", () => {
	it("signs a new Google user up, with a google account", async () => {
		const { callback, query, request } = await setup();
		const token = await idToken(person);
		const response = await callback({ idToken: token });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(Object.keys(body).sort()).toEqual(["token", "user"]);
		expect(body.user).toMatchObject({
			email: "ann@example.com",
			name: "Ann",
			image: "https://img/ann.png",
			emailVerified: true,
		});
		expect(query("select providerId, accountId, idToken, scope from account")).toEqual([
			{ providerId: "google", accountId: "google-1", idToken: token, scope: "openid,profile,email" },
		]);
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.user.id).toBe(body.user.id);
	});

	it("signs the same user in again and keeps one account", async () => {
		const { callback, query } = await setup();
		const first = await (await callback({ idToken: await idToken(person) })).json();
		const second = await (await callback({ idToken: await idToken(person) })).json();
		expect(second.user.id).toBe(first.user.id);
		expect(query("select id from account")).toHaveLength(1);
	});

	it("takes the client id from socialProviders.google and accepts both issuer forms", async () => {
		const { callback } = await setup({}, { socialProviders: { google: { clientId: CLIENT_ID, clientSecret: "s" } } });
		expect((await callback({ idToken: await idToken(person, { iss: "accounts.google.com" }) })).status).toBe(200);
	});

	it("refuses tokens that are not Google's for this client", async () => {
		const { callback, query } = await setup();
		const invalid = "INVALID_ID_TOKEN";
		await expectError(await callback({ idToken: "garbage" }), 400, invalid, "invalid id token");
		await expectError(await callback({ idToken: await idToken(person, { aud: "someone-else" }) }), 400, invalid);
		await expectError(await callback({ idToken: await idToken(person, { iss: "https://evil.com" }) }), 400, invalid);
		await expectError(await callback({ idToken: await idToken(person, { exp: "-1h" }) }), 400, invalid);
		await expectError(await callback({ idToken: await idToken(person, { key: strangerKey }) }), 400, invalid);
		await expectError(await callback({ idToken: await idToken(person, { kid: "unknown" }) }), 400, invalid);
		expect(query("select id from user")).toEqual([]);
		expect(jwksRequests).toBeGreaterThan(0);
	});

	it("refuses a token without an email", async () => {
		const { callback } = await setup();
		await expectError(
			await callback({ idToken: await idToken({ name: "No Mail" }) }),
			400,
			"EMAIL_NOT_AVAILABLE_IN_TOKEN",
			"Email not available in token",
		);
	});

	it("refuses new users with disableSignup, but signs existing ones in", async () => {
		const { callback, signUp, database } = await setup({ clientId: CLIENT_ID, disableSignup: true });
		await expectError(await callback({ idToken: await idToken(person) }), 401, "SIGNUP_DISABLED", "signup disabled");
		await signUp({ email: "ann@example.com", password: "password123", name: "Ann" });
		database.prepare("update user set emailVerified = 1").run();
		expect((await callback({ idToken: await idToken(person) })).status).toBe(200);
	});

	it("does not link to an existing user whose email nobody verified", async () => {
		const { callback, signUp } = await setup();
		await signUp({ email: "ann@example.com", password: "password123", name: "Ann" });
		await expectError(
			await callback({ idToken: await idToken({ ...person, email_verified: false }) }),
			401,
			"ACCOUNT_NOT_LINKED",
			"account not linked",
		);
	});

	it("needs a client id", async () => {
		const { callback } = await setup({});
		await expectError(await callback({ idToken: await idToken(person) }), 400, "GOOGLE_CLIENT_ID_REQUIRED");
	});

	it("refuses malformed bodies and foreign origins", async () => {
		const { callback } = await setup();
		await expectError(await callback({}), 400, "VALIDATION_ERROR");
		await expectError(await callback({ idToken: 5 }), 400, "VALIDATION_ERROR");
		const foreign = await callback({ idToken: await idToken(person) }, { origin: "https://evil.example" });
		expect(foreign.status).toBe(403);
	});
});

describe("oneTapClient", () => {
	function fakeGoogle(script: Array<"dismiss" | "skip" | { credential: string }>) {
		let config: Record<string, unknown> = {};
		let prompts = 0;
		const notification = (kind: "dismiss" | "skip"): PromptNotification => ({
			isDismissedMoment: () => kind === "dismiss",
			isSkippedMoment: () => kind === "skip",
			isNotDisplayed: () => false,
			getDismissedReason: () => "cancel_called",
		});
		const api: GoogleAccountsId = {
			initialize: (value) => {
				config = value;
			},
			prompt: (listener) => {
				const step = script[prompts++] ?? "skip";
				if (typeof step === "object") {
					void (config.callback as (r: { credential: string }) => Promise<void>)({ credential: step.credential });
				} else {
					listener?.(notification(step));
				}
			},
		};
		return { api, config: () => config, prompts: () => prompts };
	}

	async function clientWith(google: GoogleAccountsId, promptOptions = { baseDelay: 1, maxAttempts: 3 }) {
		const server = await createClientTestServer({ plugins: [oneTap({ clientId: CLIENT_ID, jwksURL })] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [oneTapClient({ clientId: CLIENT_ID, promptOptions, loadGoogle: async () => google })],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		return client;
	}

	it("initializes Google, posts the credential and calls onSuccess instead of redirecting", async () => {
		const token = await idToken(person);
		const google = fakeGoogle(["dismiss", { credential: token }]);
		const client = await clientWith(google.api);
		let signedIn: unknown;
		await client.oneTap({
			fetchOptions: {
				onSuccess: ({ data }) => {
					signedIn = data;
				},
			},
		});
		expect(google.config()).toMatchObject({
			client_id: CLIENT_ID,
			auto_select: false,
			cancel_on_tap_outside: true,
			ux_mode: "popup",
			context: "signin",
		});
		expect(google.prompts()).toBe(2);
		expect(signedIn).toMatchObject({ user: { email: "ann@example.com" } });
		const session = await client.getSession();
		expect(session.data?.user.email).toBe("ann@example.com");
	});

	it("gives up after maxAttempts and reports the last notification", async () => {
		const google = fakeGoogle(["skip", "dismiss", "skip", { credential: "never" }]);
		const client = await clientWith(google.api);
		const notifications: PromptNotification[] = [];
		await client.oneTap({ onPromptNotification: (notification) => notifications.push(notification) });
		expect(google.prompts()).toBe(3);
		expect(notifications).toHaveLength(1);
		expect(notifications[0].isSkippedMoment?.()).toBe(true);
	});

	it("does nothing outside a browser without a loader", async () => {
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			plugins: [oneTapClient({ clientId: CLIENT_ID })],
		});
		await expect(client.oneTap()).resolves.toBeUndefined();
	});
});
