/**
 * OAuth through genericOAuth providers on both sides (better-auth 1.7 serves them on the core
 * /sign-in/social, /callback/:id and /link-social paths; the docs' /sign-in/oauth2 paths are ours only), against one fake OpenID provider on 127.0.0.1:
 * the same flows must end in the same redirects, error codes, cookies and rows.
 */
import { genericOAuth } from "better-auth/plugins";
import { genericOAuth as referenceGenericOAuth } from "better-auth-reference/plugins";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../packages/better-auth/src/test-utils/oauth-server";
import { BASE_URL, cookieNames, createPair, type Options, type Pair, shapeOf } from "./harness";

let fake: FakeOAuthServer;
beforeAll(async () => {
	fake = await startFakeOAuthServer();
});
afterAll(() => fake.close());

function pairFor(extra: Options = {}, config: Options = {}) {
	const provider = () => ({
		providerId: "fake",
		clientId: fake.clientId,
		clientSecret: fake.clientSecret,
		discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
		scopes: ["openid", "email", "profile"],
		pkce: true,
		...config,
	});
	const base = { emailAndPassword: { enabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [genericOAuth({ config: [provider()] })] },
		{ ...base, plugins: [referenceGenericOAuth({ config: [provider() as never] })] },
	);
}

type Handler = (request: Request) => Promise<Response>;
const cookieHeader = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.filter((cookie) => !cookie.endsWith("="))
		.join("; ");

/** Starts a flow on one side and lets the fake consent; returns the callback URL and cookies. */
async function start(handler: Handler, body: Options = {}, cookie = "", path = "/sign-in/social") {
	const response = await handler(
		new Request(`${BASE_URL}/api/auth${path}`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: BASE_URL, ...(cookie ? { cookie } : {}) },
			body: JSON.stringify({ provider: "fake", callbackURL: "/dash", ...body }),
		}),
	);
	const text = await response.clone().text();
	if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text}`);
	const data = JSON.parse(text) as { url: string; redirect: boolean };
	const consent = await fetch(data.url, { redirect: "manual" });
	return { response, data, callback: consent.headers.get("location") as string, cookie: cookieHeader(response) };
}

async function flowOnBoth(
	pair: Pair,
	body: Options = {},
	cookies: { ours?: string; reference?: string } = {},
	path?: string,
) {
	const run = async (handler: Handler, cookie = "") => {
		const started = await start(handler, body, cookie, path);
		const both = [cookie, started.cookie].filter(Boolean).join("; ");
		const callback = await handler(new Request(started.callback, { headers: { cookie: both } }));
		return { started, callback, location: callback.headers.get("location"), cookie: cookieHeader(callback) };
	};
	return {
		ours: await run(pair.ours.handler, cookies.ours),
		reference: await run(pair.reference.handler, cookies.reference),
	};
}

describe("compat: OAuth", () => {
	it("sign-in/oauth2 answers alike and the callback signs up, then signs in", async () => {
		fake.user = { sub: "compat-1", email: "compat@example.com", email_verified: true, name: "Compat" };
		const pair = await pairFor();
		const first = await flowOnBoth(pair, { newUserCallbackURL: "/welcome" });
		expect(shapeOf(await first.ours.started.response.clone().json())).toEqual(
			shapeOf(await first.reference.started.response.clone().json()),
		);
		expect(cookieNames(first.ours.started.response)).toEqual(cookieNames(first.reference.started.response));
		const oursURL = new URL(first.ours.started.data.url);
		const referenceURL = new URL(first.reference.started.data.url);
		expect([...oursURL.searchParams.keys()].sort(), `${oursURL} vs ${referenceURL}`).toEqual(
			[...referenceURL.searchParams.keys()].sort(),
		);
		expect(oursURL.searchParams.get("redirect_uri")).toBe(referenceURL.searchParams.get("redirect_uri"));
		expect(oursURL.searchParams.get("scope")).toBe(referenceURL.searchParams.get("scope"));
		expect(first.ours.callback.status).toBe(first.reference.callback.status);
		expect(first.ours.location).toBe(first.reference.location);
		expect(first.ours.location).toBe("/welcome");
		expect(cookieNames(first.ours.callback)).toEqual(cookieNames(first.reference.callback));
		const rows = (side: Pair["ours"]) =>
			side.database.prepare(`select providerId, accountId, scope from account`).all();
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		const users = (side: Pair["ours"]) => side.database.prepare(`select name, email, emailVerified from user`).all();
		expect(users(pair.ours)).toEqual(users(pair.reference));
		const second = await flowOnBoth(pair, { newUserCallbackURL: "/welcome" });
		expect(second.ours.location).toBe(second.reference.location);
		expect(second.ours.location).toBe("/dash");
	});

	it("error redirects carry the same codes", async () => {
		fake.user = { sub: "compat-2", email: null, name: "No Email" };
		const pair = await pairFor();
		const noEmail = await flowOnBoth(pair, { errorCallbackURL: "/oops" });
		expect(noEmail.ours.location).toBe(noEmail.reference.location);

		fake.user = { sub: "compat-3", email: "local@example.com", email_verified: true, name: "L" };
		const linkPair = await pairFor();
		for (const side of [linkPair.ours, linkPair.reference]) {
			await side.api.signUpEmail({ body: { email: "local@example.com", password: "password123", name: "L" } });
		}
		const notLinked = await flowOnBoth(linkPair, { errorCallbackURL: "/oops" });
		expect(notLinked.ours.location).toBe(notLinked.reference.location);
		expect(notLinked.ours.location).toBe("/oops?error=account_not_linked");

		const signUpOff = await pairFor({}, { disableSignUp: true });
		fake.user = { sub: "compat-4", email: "new@example.com", email_verified: true, name: "N" };
		const refused = await flowOnBoth(signUpOff);
		expect(refused.ours.location).toBe(refused.reference.location);

		const replayPair = await pairFor();
		const run = async (handler: Handler) => {
			const started = await start(handler);
			const once = await handler(new Request(started.callback, { headers: { cookie: started.cookie } }));
			const twice = await handler(new Request(started.callback, { headers: { cookie: started.cookie } }));
			const missing = await handler(new Request(`${BASE_URL}/api/auth/callback/fake?code=x`));
			return [once.headers.get("location"), twice.headers.get("location"), missing.headers.get("location")];
		};
		fake.user = { sub: "compat-5", email: "replay@example.com", email_verified: true, name: "R" };
		expect(await run(replayPair.ours.handler)).toEqual(await run(replayPair.reference.handler));
	});

	it("link, list-accounts, unlink and provider errors agree", async () => {
		fake.user = { sub: "compat-6", email: "linker@example.com", email_verified: true, name: "Linker" };
		const pair = await pairFor();
		const cookies: { ours?: string; reference?: string } = {};
		for (const [name, side] of [
			["ours", pair.ours],
			["reference", pair.reference],
		] as const) {
			const signUp = await side.handler(
				new Request(`${BASE_URL}/api/auth/sign-up/email`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: BASE_URL },
					body: JSON.stringify({ email: "linker@example.com", password: "password123", name: "Linker" }),
				}),
			);
			cookies[name] = cookieHeader(signUp);
		}
		const linked = await flowOnBoth(pair, { callbackURL: "/linked" }, cookies, "/link-social");
		expect(linked.ours.location).toBe(linked.reference.location);
		const list = async (side: Pair["ours"], cookie?: string) =>
			(
				await side.handler(new Request(`${BASE_URL}/api/auth/list-accounts`, { headers: { cookie: cookie ?? "" } }))
			).json();
		const oursAccounts = await list(pair.ours, cookies.ours);
		const referenceAccounts = await list(pair.reference, cookies.reference);
		expect(shapeOf(oursAccounts)).toEqual(shapeOf(referenceAccounts));
		expect(oursAccounts.map((a: { providerId: string }) => a.providerId).sort()).toEqual(
			referenceAccounts.map((a: { providerId: string }) => a.providerId).sort(),
		);
		const post = (side: Pair["ours"], path: string, body: Options, cookie?: string) =>
			side.handler(
				new Request(`${BASE_URL}/api/auth${path}`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: BASE_URL, cookie: cookie ?? "" },
					body: JSON.stringify(body),
				}),
			);
		const byId = (accounts: Array<{ id: string; providerId: string }>) =>
			accounts.find((account) => account.providerId === "fake")?.id as string;
		const oursToken = await post(pair.ours, "/get-access-token", { accountId: byId(oursAccounts) }, cookies.ours);
		const referenceToken = await post(
			pair.reference,
			"/get-access-token",
			{ accountId: byId(referenceAccounts) },
			cookies.reference,
		);
		expect(oursToken.status).toBe(referenceToken.status);
		expect(Object.keys(await oursToken.json()).sort()).toEqual(
			expect.arrayContaining(Object.keys(await referenceToken.json()).sort()),
		);
		const oursUnlink = await post(pair.ours, "/unlink-account", { accountId: byId(oursAccounts) }, cookies.ours);
		const referenceUnlink = await post(
			pair.reference,
			"/unlink-account",
			{ accountId: byId(referenceAccounts) },
			cookies.reference,
		);
		expect([oursUnlink.status, await oursUnlink.json()]).toEqual([
			referenceUnlink.status,
			await referenceUnlink.json(),
		]);
		const credential = (accounts: Array<{ id: string; providerId: string }>) =>
			accounts.find((account) => account.providerId === "credential")?.id as string;
		const oursLast = await post(
			pair.ours,
			"/unlink-account",
			{ providerId: "credential", accountId: credential(oursAccounts) },
			cookies.ours,
		);
		const referenceLast = await post(
			pair.reference,
			"/unlink-account",
			{ providerId: "credential", accountId: credential(referenceAccounts) },
			cookies.reference,
		);
		expect([oursLast.status, await oursLast.json()]).toEqual([referenceLast.status, await referenceLast.json()]);
	});
});
