/**
 * The haveIBeenPwned plugin against better-auth 1.7.24. `fetch` is replaced by a stand-in for the
 * Pwned Passwords range API (there is no network), which both sides call: same range requests,
 * same answers on every checked endpoint. When the API fails, both answer 500 with the same
 * message; ours adds `code: "PASSWORD_CHECK_FAILED"` (see docs/plugins/have-i-been-pwned.md).
 *
 * Imports the plugins by path until `better-auth/plugins` exports them.
 */
import { createHash } from "node:crypto";
import type { HaveIBeenPwnedOptions } from "better-auth/plugins";
import { haveIBeenPwned, phoneNumber } from "better-auth/plugins";
import { haveIBeenPwned as referenceHIBP, phoneNumber as referencePhoneNumber } from "better-auth-reference/plugins";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Pair, read, shapeOf } from "./harness";

const PWNED = "password123";
const CLEAN = "a-clean-password-42";
const sha1 = (value: string) => createHash("sha1").update(value).digest("hex").toUpperCase();
type SideName = "ours" | "reference";

const api = { calls: [] as { url: string; headers: Record<string, string> }[], mode: "ok" as "ok" | "error" | "down" };

beforeEach(() => {
	api.calls = [];
	api.mode = "ok";
	vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
		const url = String(input instanceof Request ? input.url : input);
		api.calls.push({ url, headers: Object.fromEntries(new Headers(init?.headers)) });
		if (api.mode === "down") throw new TypeError("fetch failed");
		if (api.mode === "error") return new Response("unavailable", { status: 503 });
		const pwned = sha1(PWNED);
		const body = url.endsWith(`/range/${pwned.slice(0, 5)}`) ? `${pwned.slice(5)}:42\r\nABC:0` : "ABC:0";
		return new Response(body, { status: 200 });
	});
});
afterEach(() => {
	vi.unstubAllGlobals();
});

async function setup(options: HaveIBeenPwnedOptions = {}) {
	const tokens: Record<SideName, string[]> = { ours: [], reference: [] };
	const codes: Record<SideName, string[]> = { ours: [], reference: [] };
	const base = (side: SideName) => ({
		logger: { disabled: true },
		emailAndPassword: {
			enabled: true,
			sendResetPassword: async ({ token }: { token: string }) => {
				tokens[side].push(token);
			},
		},
	});
	const phone = (side: SideName) => ({
		sendOTP: ({ code }: { code: string }) => {
			codes[side].push(code);
		},
		sendPasswordResetOTP: ({ code }: { code: string }) => {
			codes[side].push(code);
		},
		signUpOnVerification: { getTempEmail: (p: string) => `${p.slice(1)}@phone.test` },
	});
	const pair = await createPair(
		{ ...base("ours"), plugins: [haveIBeenPwned(options), phoneNumber(phone("ours"))] },
		{
			...base("reference"),
			plugins: [referenceHIBP(options as never), referencePhoneNumber(phone("reference") as never)],
		},
	);
	return { pair, token: (side: SideName) => tokens[side].at(-1), code: (side: SideName) => codes[side].at(-1) };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

/** Both sides answer alike; error bodies (code and message) must be identical. */
async function same(pair: Pair, path: string, init: RequestInit | ((side: SideName) => RequestInit)) {
	const build = typeof init === "function" ? init : () => init;
	const url = `${BASE_URL}/api/auth${path}`;
	const ours = await pair.ours.handler(new Request(url, build("ours")));
	const reference = await pair.reference.handler(new Request(url, build("reference")));
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	expect(shapeOf(a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) expect(a.body).toEqual(b.body);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference };
}

const signUp = (password: string, email = "a@x.com") => post({ email, password, name: "A" });

describe("compat: haveIBeenPwned plugin", () => {
	it("makes the same range request and refuses the same passwords on sign-up", async () => {
		const { pair } = await setup();
		await same(pair, "/sign-up/email", signUp(PWNED));
		expect(api.calls).toHaveLength(2);
		expect(api.calls[0]).toEqual(api.calls[1]);
		expect(api.calls[0].url).toBe(`https://api.pwnedpasswords.com/range/${sha1(PWNED).slice(0, 5)}`);
		await same(pair, "/sign-up/email", signUp(CLEAN));
		await same(pair, "/sign-in/email", post({ email: "a@x.com", password: CLEAN }));
		expect(api.calls).toHaveLength(4);
	});

	it("change-password and reset-password", async () => {
		const s = await setup();
		const { ours, reference } = await same(s.pair, "/sign-up/email", signUp(CLEAN));
		const cookie = (side: SideName) => ({ cookie: cookieOf(side === "ours" ? ours : reference) });
		for (const newPassword of ["short", PWNED, "another-clean-password"]) {
			await same(s.pair, "/change-password", (side) =>
				post({ currentPassword: newPassword === PWNED ? CLEAN : "another-clean-password", newPassword }, cookie(side)),
			);
		}
		await same(s.pair, "/request-password-reset", post({ email: "a@x.com" }));
		await same(s.pair, "/reset-password", (side) => post({ token: s.token(side), newPassword: PWNED }));
	});

	it("phone-number reset: refused, then the same code works with a clean password", async () => {
		const s = await setup();
		await same(s.pair, "/phone-number/send-otp", post({ phoneNumber: "+15550001111" }));
		await same(s.pair, "/phone-number/verify", (side) => post({ phoneNumber: "+15550001111", code: s.code(side) }));
		await same(s.pair, "/phone-number/request-password-reset", post({ phoneNumber: "+15550001111" }));
		for (const newPassword of [PWNED, CLEAN]) {
			await same(s.pair, "/phone-number/reset-password", (side) =>
				post({ phoneNumber: "+15550001111", otp: s.code(side), newPassword }),
			);
		}
	});

	it("customPasswordCompromisedMessage and paths", async () => {
		const custom = await setup({ customPasswordCompromisedMessage: "Pick another one." });
		await same(custom.pair, "/sign-up/email", signUp(PWNED));
		const only = await setup({ paths: ["/change-password"] });
		api.calls = [];
		await same(only.pair, "/sign-up/email", signUp(PWNED));
		expect(api.calls).toEqual([]);
	});

	it("fails closed with the same status and message when the API fails", async () => {
		const { pair } = await setup();
		for (const mode of ["error", "down"] as const) {
			api.mode = mode;
			const url = `${BASE_URL}/api/auth/sign-up/email`;
			const a = await read(await pair.ours.handler(new Request(url, signUp(CLEAN))));
			const b = await read(await pair.reference.handler(new Request(url, signUp(CLEAN))));
			expect(a.status).toBe(b.status);
			expect((a.body as { message: string }).message).toBe((b.body as { message: string }).message);
			expect(a.body).toMatchObject({ code: "PASSWORD_CHECK_FAILED" });
		}
	});
});
