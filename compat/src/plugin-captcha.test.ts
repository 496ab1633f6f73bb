/**
 * The captcha plugin against better-auth 1.7.24, both pointed (siteVerifyURLOverride) at one fake
 * siteverify server on 127.0.0.1: which paths are protected, the error answers, and exactly what
 * each provider is sent. Not compared: OPTIONS preflights (we let them through; see
 * docs/plugins/captcha.md).
 *
 * Imports the plugin by path until `better-auth/plugins` exports it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { CaptchaOptions } from "better-auth/plugins";
import { captcha } from "better-auth/plugins";
import { captcha as referenceCaptcha } from "better-auth-reference/plugins";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, createPair, type Pair, read, shapeOf } from "./harness";

const fake = {
	requests: [] as { contentType: string; body: string }[],
	reply: { success: true } as unknown,
	status: 200,
	url: "",
};
const server = createServer((request, response) => {
	let body = "";
	request.on("data", (chunk) => {
		body += chunk;
	});
	request.on("end", () => {
		fake.requests.push({ contentType: request.headers["content-type"] ?? "", body });
		response.writeHead(fake.status, { "content-type": "application/json" });
		response.end(typeof fake.reply === "string" ? fake.reply : JSON.stringify(fake.reply));
	});
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});
beforeEach(() => {
	fake.requests = [];
	fake.reply = { success: true };
	fake.status = 200;
});

function pairFor(options: Partial<CaptchaOptions> = {}) {
	const full = {
		provider: "cloudflare-turnstile" as const,
		secretKey: "secret-key",
		siteVerifyURLOverride: fake.url,
		...options,
	};
	const base = { emailAndPassword: { enabled: true, sendResetPassword: async () => {} }, logger: { disabled: true } };
	return createPair({ ...base, plugins: [captcha(full)] }, { ...base, plugins: [referenceCaptcha(full as never)] });
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	expect(shapeOf(a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	expect(a.body, `${path} body`).toEqual(b.body);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
}

const signIn = { email: "a@x.com", password: "password123" };

describe("compat: captcha plugin", () => {
	it("protects the default endpoints and answers the same errors", async () => {
		const pair = await pairFor();
		for (const path of ["/sign-up/email", "/sign-in/email", "/request-password-reset", "/sign-in/email?x=1"]) {
			await same(pair, path, post({ ...signIn, name: "A" }));
		}
		await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "" }));
		await same(pair, "/get-session", { headers: { origin: BASE_URL } });
		await same(pair, "/ok?x=/sign-in/email");
		await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "tok" }));
		fake.reply = { success: false, "error-codes": ["invalid-input-response"] };
		await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "tok" }));
		fake.reply = "not json";
		await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "tok" }));
		fake.reply = { success: true };
		fake.status = 503;
		await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "tok" }));
	});

	it("answers 500 when the provider is unreachable", async () => {
		const pair = await pairFor({ siteVerifyURLOverride: "http://127.0.0.1:1/siteverify" });
		await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "tok" }));
	});

	it("honours custom endpoints with * patterns", async () => {
		const pair = await pairFor({ endpoints: ["/sign-up/*"] });
		await same(pair, "/sign-in/email", post(signIn));
		await same(pair, "/sign-up/email", post({ ...signIn, name: "A" }));
	});

	for (const provider of ["cloudflare-turnstile", "google-recaptcha", "hcaptcha", "captchafox"] as const) {
		it(`${provider}: sends the provider the same request`, async () => {
			const pair = await pairFor({ provider, siteKey: "site-key" });
			await same(
				pair,
				"/sign-in/email",
				post(signIn, { "x-captcha-response": "tok", "x-forwarded-for": "203.0.113.9" }),
			);
			expect(fake.requests).toHaveLength(2);
			expect(fake.requests[0]).toEqual(fake.requests[1]);
		});
	}

	it("google-recaptcha: the same minScore decisions", async () => {
		const pair = await pairFor({ provider: "google-recaptcha", minScore: 0.6 });
		for (const reply of [{ success: true, score: 0.5 }, { success: true, score: 0.9 }, { success: true }]) {
			fake.reply = reply;
			await same(pair, "/sign-in/email", post(signIn, { "x-captcha-response": "tok" }));
		}
	});

	it("does not check auth.api calls", async () => {
		const pair = await pairFor();
		const call = (side: Pair["ours"]) =>
			side.api.signInEmail({ body: signIn }).then(
				() => "ok",
				(error: { body?: { code?: string } }) => error.body?.code,
			);
		expect(await call(pair.ours)).toBe(await call(pair.reference));
		expect(fake.requests).toEqual([]);
	});
});
