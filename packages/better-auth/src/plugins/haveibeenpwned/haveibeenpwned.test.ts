import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTestInstance } from "../../test";
import { phoneNumber } from "../phone-number";
import { haveIBeenPwned } from "./index";
import type { HaveIBeenPwnedOptions } from "./types";

const PWNED = "password123";
const CLEAN = "a-clean-password-42";
const sha1 = (value: string) => createHash("sha1").update(value).digest("hex").toUpperCase();

/** A stand-in for api.pwnedpasswords.com on 127.0.0.1: knows PWNED, pads with count-0 entries. */
const api = {
	requests: [] as { url: string; headers: IncomingHttpHeaders }[],
	mode: "ok" as "ok" | "error" | "hang" | "padding-only",
	url: "",
};
const server = createServer((request, response) => {
	api.requests.push({ url: request.url ?? "", headers: request.headers });
	if (api.mode === "hang") return;
	if (api.mode === "error") {
		response.writeHead(503).end("unavailable");
		return;
	}
	const prefix = (request.url ?? "").split("/").pop() ?? "";
	const pwned = sha1(PWNED);
	const lines = ["0018A45C4D1DEF81644B54AB7F969B88D65:0", "00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2"];
	if (prefix === pwned.slice(0, 5)) {
		// Lowercase, as some mirrors answer; a padding entry for the same suffix would carry count 0.
		lines.push(api.mode === "padding-only" ? `${pwned.slice(5)}:0` : `${pwned.slice(5).toLowerCase()}:10434004`);
	}
	response.writeHead(200, { "content-type": "text/plain" }).end(lines.join("\r\n"));
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});
beforeEach(() => {
	api.requests = [];
	api.mode = "ok";
});

async function setup(options: HaveIBeenPwnedOptions = {}, extra: Record<string, unknown> = {}) {
	const resetTokens: string[] = [];
	const codes: string[] = [];
	const instance = await getTestInstance({
		emailAndPassword: {
			enabled: true,
			sendResetPassword: async ({ token }: { token: string }) => {
				resetTokens.push(token);
			},
		},
		...extra,
		plugins: [
			haveIBeenPwned({ apiURL: api.url, ...options }),
			phoneNumber({
				sendOTP: ({ code }) => {
					codes.push(code);
				},
				sendPasswordResetOTP: ({ code }) => {
					codes.push(code);
				},
				signUpOnVerification: { getTempEmail: (phone) => `${phone.slice(1)}@phone.test` },
			}),
		],
	});
	const signUpWith = (password: string, email = "a@x.com") =>
		instance.request("/sign-up/email", { body: { email, password, name: "A" } });
	const userCount = () => (instance.database.prepare("select count(*) as n from user").get() as { n: number }).n;
	return { ...instance, resetTokens, codes, signUpWith, userCount };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("haveIBeenPwned: the range query", () => {
	it("sends only the first five hex characters of the SHA-1, with padding asked for", async () => {
		const { signUpWith } = await setup();
		await signUpWith(PWNED);
		expect(api.requests).toHaveLength(1);
		const [request] = api.requests;
		expect(request.url).toBe(`/range/${sha1(PWNED).slice(0, 5)}`);
		expect(request.url).not.toContain(sha1(PWNED).slice(5));
		expect(request.headers["add-padding"]).toBe("true");
		expect(request.headers["user-agent"]).toBe("BetterAuth Password Checker");
	});

	it("refuses a breached password with 400 PASSWORD_COMPROMISED and creates nothing", async () => {
		const { signUpWith, userCount } = await setup();
		const response = await signUpWith(PWNED);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: "PASSWORD_COMPROMISED",
			message: "The password you entered has been compromised. Please choose a different password.",
		});
		expect(userCount()).toBe(0);
		expect((await signUpWith(CLEAN)).status).toBe(200);
		expect(userCount()).toBe(1);
	});

	it("ignores padding entries (count 0)", async () => {
		const { signUpWith } = await setup();
		api.mode = "padding-only";
		expect((await signUpWith(PWNED)).status).toBe(200);
	});

	it("uses customPasswordCompromisedMessage", async () => {
		const { signUpWith } = await setup({ customPasswordCompromisedMessage: "Please choose a more secure password." });
		expect(await (await signUpWith(PWNED)).json()).toEqual({
			code: "PASSWORD_COMPROMISED",
			message: "Please choose a more secure password.",
		});
	});

	it("fails closed with 500 PASSWORD_CHECK_FAILED when the API errors, is unreachable or too slow", async () => {
		const { signUpWith, userCount } = await setup({ timeout: 300 });
		api.mode = "error";
		const failed = await signUpWith(CLEAN);
		expect(failed.status).toBe(500);
		expect(await failed.json()).toEqual({
			code: "PASSWORD_CHECK_FAILED",
			message: "Failed to check password. Status: 503",
		});
		api.mode = "hang";
		const started = Date.now();
		await expectError(await signUpWith(CLEAN), 500, "PASSWORD_CHECK_FAILED");
		expect(Date.now() - started).toBeLessThan(3_000);

		const unreachable = await setup({ apiURL: "http://127.0.0.1:1" });
		const response = await unreachable.signUpWith(CLEAN);
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({
			code: "PASSWORD_CHECK_FAILED",
			message: "Failed to check password. Please try again later.",
		});
		expect(userCount()).toBe(0);
	});
});

describe("haveIBeenPwned: where passwords are checked", () => {
	it("checks change-password after the length check, and not sign-in", async () => {
		const { signUpWith, request } = await setup();
		const signedUp = await signUpWith(CLEAN);
		const cookie = signedUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		api.requests = [];
		expect((await request("/sign-in/email", { body: { email: "a@x.com", password: CLEAN } })).status).toBe(200);
		expect(api.requests).toHaveLength(0);
		const change = (newPassword: string) =>
			request("/change-password", { body: { currentPassword: CLEAN, newPassword }, cookie });
		await expectError(await change("short"), 400, "PASSWORD_TOO_SHORT");
		expect(api.requests).toHaveLength(0);
		await expectError(await change(PWNED), 400, "PASSWORD_COMPROMISED");
		expect((await change("another-clean-password")).status).toBe(200);
	});

	it("checks reset-password", async () => {
		const { signUpWith, request, resetTokens } = await setup();
		await signUpWith(CLEAN);
		await request("/request-password-reset", { body: { email: "a@x.com" } });
		const token = resetTokens.at(-1);
		await expectError(
			await request("/reset-password", { body: { token, newPassword: PWNED } }),
			400,
			"PASSWORD_COMPROMISED",
		);
	});

	it("checks the phone-number reset, and the code survives a refused password", async () => {
		const { request, codes } = await setup();
		await request("/phone-number/send-otp", { body: { phoneNumber: "+15550001111" } });
		await request("/phone-number/verify", { body: { phoneNumber: "+15550001111", code: codes.at(-1) } });
		await request("/phone-number/request-password-reset", { body: { phoneNumber: "+15550001111" } });
		const reset = (newPassword: string) =>
			request("/phone-number/reset-password", {
				body: { phoneNumber: "+15550001111", otp: codes.at(-1), newPassword },
			});
		await expectError(await reset(PWNED), 400, "PASSWORD_COMPROMISED");
		expect((await reset(CLEAN)).status).toBe(200);
	});

	it("checks server calls through auth.api too", async () => {
		const { auth, userCount } = await setup();
		await expect(
			auth.api.signUpEmail({ body: { email: "a@x.com", password: PWNED, name: "A" } }),
		).rejects.toMatchObject({ body: { code: "PASSWORD_COMPROMISED" } });
		expect(userCount()).toBe(0);
	});

	it("checks only the listed paths when `paths` is given", async () => {
		const { signUpWith, request } = await setup({ paths: ["/change-password"] });
		const signedUp = await signUpWith(PWNED);
		expect(signedUp.status).toBe(200);
		expect(api.requests).toHaveLength(0);
		const cookie = signedUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		await expectError(
			await request("/change-password", { body: { currentPassword: PWNED, newPassword: PWNED }, cookie }),
			400,
			"PASSWORD_COMPROMISED",
		);
	});

	it("wraps a custom hasher", async () => {
		const hashed: string[] = [];
		const { signUpWith } = await setup(
			{},
			{
				emailAndPassword: {
					enabled: true,
					password: {
						hash: async (password: string) => {
							hashed.push(password);
							return `plain:${password}`;
						},
						verify: async ({ hash, password }: { hash: string; password: string }) => hash === `plain:${password}`,
					},
				},
			},
		);
		await expectError(await signUpWith(PWNED), 400, "PASSWORD_COMPROMISED");
		expect(hashed).toEqual([]);
		expect((await signUpWith(CLEAN)).status).toBe(200);
		expect(hashed).toEqual([CLEAN]);
	});
});
