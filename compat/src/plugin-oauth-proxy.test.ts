/**
 * The OAuth proxy against better-auth 1.7.24, on a preview deployment: the sign-in rewrite and
 * the completion endpoints' answers. Not compared (deliberate differences, see
 * docs/plugins/oauth-proxy.md): the sealed payloads themselves (each side reads only its own), and
 * the full round trip, which needs a provider (our unit tests run it against a stubbed GitHub).
 */

import { oAuthProxy } from "better-auth/plugins";
import { oAuthProxy as referenceOAuthProxy } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { cookieNames, createPair, type Pair, read, shapeOf } from "./harness";

const PREVIEW = "https://preview.example.com";
const PRODUCTION = "https://prod.example.com";

function pairFor(baseURL = PREVIEW, options: Record<string, unknown> = { productionURL: PRODUCTION }) {
	const base = {
		baseURL,
		logger: { disabled: true },
		socialProviders: {
			github: { clientId: "gh", clientSecret: "ghs", redirectURI: `${PRODUCTION}/api/auth/callback/github` },
		},
	};
	return createPair(
		{ ...base, plugins: [oAuthProxy(options)] },
		{ ...base, plugins: [referenceOAuthProxy(options as never)] },
	);
}

async function both(pair: Pair, url: string, init: RequestInit = {}) {
	const [ours, reference] = await Promise.all([
		pair.ours.handler(new Request(url, init)),
		pair.reference.handler(new Request(url, init)),
	]);
	const [a, b] = [await read(ours.clone()), await read(reference.clone())];
	expect(a.status, `${url} status`).toBe(b.status);
	expect(shapeOf(a.body), `${url} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect((a.body as { code?: string }).code).toBe((b.body as { code: string }).code);
	}
	expect(cookieNames(ours), `${url} cookies`).toEqual(cookieNames(reference));
	expect(ours.headers.get("location"), `${url} location`).toBe(reference.headers.get("location"));
	return { ours, reference, a, b };
}

const signIn = (baseURL: string, body: Record<string, unknown>, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: baseURL, ...headers },
	body: JSON.stringify(body),
});

const storedCallback = (side: Pair["ours"]) => {
	const row = side.database.prepare("select value from verification").get() as { value: string } | undefined;
	return row ? (JSON.parse(row.value) as { callbackURL: string }).callbackURL : undefined;
};

async function compareSignIn(
	pair: Pair,
	baseURL: string,
	body: Record<string, unknown>,
	headers?: Record<string, string>,
) {
	const [ours, reference] = await Promise.all([
		pair.ours.handler(new Request(`${baseURL}/api/auth/sign-in/social`, signIn(baseURL, body, headers))),
		pair.reference.handler(new Request(`${baseURL}/api/auth/sign-in/social`, signIn(baseURL, body, headers))),
	]);
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status).toBe(b.status);
	expect(shapeOf(a.body)).toEqual(shapeOf(b.body));
	expect(cookieNames(ours)).toEqual(cookieNames(reference));
	if (b.status !== 200) {
		expect((a.body as { code?: string }).code).toBe((b.body as { code?: string }).code);
		return;
	}
	const urls = [a, b].map((side) => new URL((side.body as { url: string }).url));
	expect(urls[0].searchParams.get("redirect_uri")).toBe(urls[1].searchParams.get("redirect_uri"));
	// Ours redirects to the URL it answers; 1.7's Location keeps the unsealed state (see the docs).
	expect(ours.headers.get("location")).toBe(urls[0].href);
	expect(reference.headers.has("location")).toBe(true);
	expect(storedCallback(pair.ours)).toBe(storedCallback(pair.reference));
	// Sealed on both sides when proxying, a plain state otherwise.
	const sealed = urls.map((url) => (url.searchParams.get("state") ?? "").length > 100);
	expect(sealed[0]).toBe(sealed[1]);
	return sealed[0];
}

describe("compat: oauth-proxy plugin", () => {
	it("rewrites the preview's sign-in alike", async () => {
		const pair = await pairFor();
		expect(await compareSignIn(pair, PREVIEW, { provider: "github", callbackURL: "/dashboard" })).toBe(true);
	});

	it("leaves production's sign-in alone alike", async () => {
		const pair = await pairFor(PRODUCTION);
		expect(await compareSignIn(pair, PRODUCTION, { provider: "github", callbackURL: "/dashboard" })).toBe(false);
	});

	it("honours x-skip-oauth-proxy alike", async () => {
		const pair = await pairFor();
		expect(
			await compareSignIn(pair, PREVIEW, { provider: "github", callbackURL: "/x" }, { "x-skip-oauth-proxy": "1" }),
		).toBe(false);
	});

	it("refuses an untrusted callback URL alike", async () => {
		const pair = await pairFor();
		await compareSignIn(pair, PREVIEW, { provider: "github", callbackURL: "https://evil.com/steal" });
	});

	it("answers the completion endpoints' errors alike", async () => {
		const pair = await pairFor();
		for (const path of ["/callback/github/oauth-proxy", "/oauth-proxy-callback"]) {
			const base = `${PREVIEW}/api/auth${path}`;
			await both(pair, `${base}?callbackURL=%2Fdashboard`);
			await both(pair, `${base}?callbackURL=%2Fdashboard&profile=abc`);
			await both(pair, `${base}?callbackURL=%2Fdashboard&profile=${"ab".repeat(80)}`);
			await both(pair, `${base}?callbackURL=https%3A%2F%2Fevil.com&profile=abc`);
			await both(pair, base);
		}
	});

	it("refuses a sealed-looking state it cannot open alike", async () => {
		const pair = await pairFor(PRODUCTION);
		await both(pair, `${PRODUCTION}/api/auth/callback/github?code=x&state=${"ab".repeat(60)}`);
	});
});
