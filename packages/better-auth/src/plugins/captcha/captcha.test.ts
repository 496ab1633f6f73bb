import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTestInstance } from "../../test";
import { captcha } from "./index";
import type { CaptchaOptions, CaptchaProvider } from "./types";

/** A siteverify stand-in on 127.0.0.1: records each request, answers `reply` with `status`. */
const provider = {
	requests: [] as { method: string; contentType: string; body: string }[],
	reply: { success: true } as unknown,
	status: 200,
	hang: false,
	url: "",
};
const server = createServer((request, response) => {
	let body = "";
	request.on("data", (chunk) => {
		body += chunk;
	});
	request.on("end", () => {
		provider.requests.push({ method: request.method ?? "", contentType: request.headers["content-type"] ?? "", body });
		if (provider.hang) return;
		response.writeHead(provider.status, { "content-type": "application/json" });
		response.end(typeof provider.reply === "string" ? provider.reply : JSON.stringify(provider.reply));
	});
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});
beforeEach(() => {
	provider.requests = [];
	provider.reply = { success: true };
	provider.status = 200;
	provider.hang = false;
});

async function setup(options: Partial<CaptchaOptions> = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true, sendResetPassword: async () => {} },
		...extra,
		plugins: [
			captcha({
				provider: "cloudflare-turnstile",
				secretKey: "secret-key",
				siteVerifyURLOverride: provider.url,
				...options,
			}),
		],
	});
	const signIn = (headers: Record<string, string> = {}) =>
		instance.request("/sign-in/email", { body: { email: "a@x.com", password: "password123" }, headers });
	return { ...instance, signIn };
}

async function expectError(response: Response, status: number, code: string, message: string) {
	expect(response.status).toBe(status);
	expect(response.headers.get("content-type")).toContain("application/json");
	expect(await response.json()).toEqual({ code, message });
}

describe("captcha: protected endpoints", () => {
	it("refuses a request without a token with 400 MISSING_RESPONSE, without asking the provider", async () => {
		const { signIn } = await setup();
		await expectError(await signIn(), 400, "MISSING_RESPONSE", "Missing CAPTCHA response");
		await expectError(await signIn({ "x-captcha-response": "" }), 400, "MISSING_RESPONSE", "Missing CAPTCHA response");
		expect(provider.requests).toEqual([]);
	});

	it("lets an accepted token through to the endpoint", async () => {
		const { signIn } = await setup();
		const response = await signIn({ "x-captcha-response": "good-token" });
		// The endpoint ran: the user does not exist.
		expect(response.status).toBe(401);
		expect((await response.json()).code).toBe("INVALID_EMAIL_OR_PASSWORD");
	});

	it("refuses a rejected token with 403 VERIFICATION_FAILED", async () => {
		const { signIn } = await setup();
		provider.reply = { success: false, "error-codes": ["invalid-input-response"] };
		await expectError(
			await signIn({ "x-captcha-response": "bad-token" }),
			403,
			"VERIFICATION_FAILED",
			"Captcha verification failed",
		);
		provider.reply = "not json";
		await expectError(
			await signIn({ "x-captcha-response": "bad-token" }),
			403,
			"VERIFICATION_FAILED",
			"Captcha verification failed",
		);
	});

	it("answers 500 UNKNOWN_ERROR when the provider fails, is unreachable or too slow", async () => {
		const { signIn } = await setup({ timeout: 300 });
		provider.status = 503;
		await expectError(await signIn({ "x-captcha-response": "t" }), 500, "UNKNOWN_ERROR", "Something went wrong");
		provider.status = 200;
		provider.hang = true;
		const started = Date.now();
		await expectError(await signIn({ "x-captcha-response": "t" }), 500, "UNKNOWN_ERROR", "Something went wrong");
		expect(Date.now() - started).toBeLessThan(3_000);
		const unreachable = await setup({ siteVerifyURLOverride: "http://127.0.0.1:1/siteverify" });
		await expectError(
			await unreachable.signIn({ "x-captcha-response": "t" }),
			500,
			"UNKNOWN_ERROR",
			"Something went wrong",
		);
	});

	it("protects sign-up, sign-in and request-password-reset by default, nothing else", async () => {
		const { request } = await setup();
		for (const path of ["/sign-up/email", "/sign-in/email", "/request-password-reset"]) {
			await expectError(
				await request(path, { body: { email: "a@x.com" } }),
				400,
				"MISSING_RESPONSE",
				"Missing CAPTCHA response",
			);
		}
		expect((await request("/get-session")).status).toBe(200);
		expect((await request("/ok")).status).toBe(200);
		expect((await request("/ok?x=/sign-in/email")).status).toBe(200);
		expect((await request("/sign-out", { body: {} })).status).toBe(200);
	});

	it("protects the configured endpoints, with * patterns", async () => {
		const { request, signIn } = await setup({ endpoints: ["/sign-up/*", "/change-password"] });
		expect((await signIn()).status).toBe(401);
		await expectError(
			await request("/sign-up/email", { body: { email: "a@x.com", password: "password123", name: "A" } }),
			400,
			"MISSING_RESPONSE",
			"Missing CAPTCHA response",
		);
		await expectError(
			await request("/change-password", { body: {} }),
			400,
			"MISSING_RESPONSE",
			"Missing CAPTCHA response",
		);
	});

	it("works under a custom basePath and ignores a trailing slash", async () => {
		const { auth } = await setup({}, { basePath: "/auth" });
		const send = (path: string) =>
			auth.handler(
				new Request(`http://localhost:3000/auth${path}`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: "http://localhost:3000" },
					body: "{}",
				}),
			);
		expect((await send("/sign-in/email")).status).toBe(400);
		expect((await send("/sign-in/email/")).status).toBe(400);
	});

	it("lets CORS preflights through", async () => {
		const { auth } = await setup();
		const response = await auth.handler(
			new Request("http://localhost:3000/api/auth/sign-in/email", { method: "OPTIONS" }),
		);
		expect(response.status).not.toBe(400);
		expect(provider.requests).toEqual([]);
	});

	it("does not check server calls through auth.api", async () => {
		const { auth } = await setup();
		await expect(auth.api.signInEmail({ body: { email: "a@x.com", password: "password123" } })).rejects.toMatchObject({
			body: { code: "INVALID_EMAIL_OR_PASSWORD" },
		});
		expect(provider.requests).toEqual([]);
	});
});

describe("captcha: providers", () => {
	const cases: Array<[CaptchaProvider, string, string]> = [
		[
			"cloudflare-turnstile",
			"application/json",
			JSON.stringify({ secret: "secret-key", response: "tok", remoteip: "203.0.113.9" }),
		],
		["google-recaptcha", "application/x-www-form-urlencoded", "secret=secret-key&response=tok&remoteip=203.0.113.9"],
		[
			"hcaptcha",
			"application/x-www-form-urlencoded",
			"secret=secret-key&response=tok&sitekey=site-key&remoteip=203.0.113.9",
		],
		[
			"captchafox",
			"application/x-www-form-urlencoded",
			"secret=secret-key&response=tok&sitekey=site-key&remoteIp=203.0.113.9",
		],
	];

	for (const [name, contentType, body] of cases) {
		it(`${name}: POSTs the secret, token, client IP (and site key) as the provider expects`, async () => {
			const { signIn } = await setup({ provider: name, siteKey: "site-key" });
			await signIn({ "x-captcha-response": "tok", "x-forwarded-for": "203.0.113.9, 10.0.0.1" });
			expect(provider.requests).toEqual([{ method: "POST", contentType, body }]);
		});
	}

	it("sends no client IP when IP tracking is off, and ignores x-captcha-user-remote-ip", async () => {
		const { signIn } = await setup({}, { advanced: { ipAddress: { disableIpTracking: true } } });
		await signIn({
			"x-captcha-response": "tok",
			"x-forwarded-for": "203.0.113.9",
			"x-captcha-user-remote-ip": "1.2.3.4",
		});
		expect(JSON.parse(provider.requests[0].body)).toEqual({ secret: "secret-key", response: "tok" });
	});

	it("google-recaptcha: refuses v3 scores below minScore (default 0.5); v2 answers have none", async () => {
		const { signIn } = await setup({ provider: "google-recaptcha" });
		provider.reply = { success: true, score: 0.3 };
		expect((await signIn({ "x-captcha-response": "t" })).status).toBe(403);
		provider.reply = { success: true, score: 0.7 };
		expect((await signIn({ "x-captcha-response": "t" })).status).toBe(401);
		provider.reply = { success: true };
		expect((await signIn({ "x-captcha-response": "t" })).status).toBe(401);

		const strict = await setup({ provider: "google-recaptcha", minScore: 0.8 });
		provider.reply = { success: true, score: 0.7 };
		expect((await strict.signIn({ "x-captcha-response": "t" })).status).toBe(403);
	});

	it("ignores scores for the other providers", async () => {
		const { signIn } = await setup({ provider: "hcaptcha" });
		provider.reply = { success: true, score: 0.1 };
		expect((await signIn({ "x-captcha-response": "t" })).status).toBe(401);
	});

	it("refuses a misconfiguration at start-up", () => {
		expect(() => captcha({ provider: "recaptcha" as CaptchaProvider, secretKey: "x" })).toThrow(/unknown provider/);
		expect(() => captcha({ provider: "hcaptcha", secretKey: "" })).toThrow(/secretKey/);
	});

	it("exposes its error codes", () => {
		expect(Object.keys(captcha({ provider: "hcaptcha", secretKey: "x" }).$ERROR_CODES)).toEqual([
			"VERIFICATION_FAILED",
			"MISSING_RESPONSE",
			"UNKNOWN_ERROR",
		]);
	});
});
