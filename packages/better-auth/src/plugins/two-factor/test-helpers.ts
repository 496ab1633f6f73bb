/** For this plugin's tests: an instance with a browser-like cookie jar and table readers. */
import type { BetterAuthOptions } from "@better-auth/core";
import type BetterSqlite3 from "better-sqlite3";
import { Secret } from "otpauth";
import { expect } from "vitest";
import { getTestInstance } from "../../test";
import { twoFactor } from "./index";
import { generateTOTP } from "./totp";
import type { TwoFactorOptions } from "./types";

export const password = "password123";

export interface Sent {
	email: string;
	otp: string;
}

export async function setup(options: TwoFactorOptions = {}, extra: Partial<BetterAuthOptions> = {}) {
	const sent: Sent[] = [];
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		rateLimit: { enabled: false },
		...extra,
		plugins: [
			twoFactor({
				...options,
				otpOptions: {
					sendOTP: ({ user, otp }) => {
						sent.push({ email: user.email, otp });
					},
					...options.otpOptions,
				},
			}),
			...(extra.plugins ?? []),
		],
	});
	const jar = new Map<string, string>();
	const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

	/** A request with the jar's cookies; the answer's Set-Cookie headers update the jar. */
	const call = async (path: string, body?: unknown, method = "POST") => {
		const response = await instance.request(path, {
			method,
			body: method === "GET" ? undefined : (body ?? {}),
			cookie: cookie(),
		});
		for (const header of response.headers.getSetCookie()) {
			const [pair, ...attributes] = header.split(";");
			const index = pair.indexOf("=");
			const name = pair.slice(0, index);
			const value = pair.slice(index + 1);
			if (value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) jar.delete(name);
			else jar.set(name, value);
		}
		const text = await response.text();
		return {
			response,
			status: response.status,
			body: text ? JSON.parse(text) : null,
			cookies: response.headers.getSetCookie(),
		};
	};

	const get = (path: string) => call(path, undefined, "GET");
	const signUp = (email = "a@x.com") => call("/sign-up/email", { email, password, name: "User" });
	const signIn = (email = "a@x.com", extraBody: Record<string, unknown> = {}) =>
		call("/sign-in/email", { email, password, ...extraBody });
	/** Signs up and enrols TOTP (confirmed with a first code); returns the secret and backup codes. */
	const enrol = async (email = "a@x.com") => {
		await signUp(email);
		const enabled = await call("/two-factor/enable", { password });
		expect(enabled.status).toBe(200);
		const secret = secretOf(enabled.body.totpURI);
		const verified = await call("/two-factor/verify-totp", { code: totp(secret) });
		expect(verified.status).toBe(200);
		return { secret, backupCodes: enabled.body.backupCodes as string[] };
	};
	const rows = (table: string) =>
		instance.database.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
	const verifications = (prefix: string) =>
		(rows("verification") as { identifier: string; value: string }[]).filter((row) =>
			row.identifier.startsWith(prefix),
		);
	const userRow = (email = "a@x.com") =>
		instance.database.prepare("select * from user where email = ?").get(email) as Record<string, unknown>;
	const twoFactorRow = () => rows("twoFactor")[0] as Record<string, unknown> | undefined;
	return {
		...instance,
		database: instance.database as BetterSqlite3.Database,
		sent,
		jar,
		call,
		get,
		signUp,
		signIn,
		enrol,
		rows,
		verifications,
		userRow,
		twoFactorRow,
	};
}

/** The TOTP secret as the server keeps it: the URI carries its UTF-8 bytes in base32. */
export function secretOf(uri: string): string {
	return Secret.fromBase32(new URL(uri).searchParams.get("secret") ?? "").utf8;
}

export function totp(secret: string, offsetSeconds = 0, digits = 6, period = 30) {
	return generateTOTP(secret, { digits, period }, Date.now() + offsetSeconds * 1000);
}

/** A code that is not the current one (nor its neighbours). */
export function wrongCode(secret: string, digits = 6) {
	const valid = new Set([-30, 0, 30].map((offset) => totp(secret, offset, digits)));
	for (let n = 0; ; n++) {
		const code = String(n).padStart(digits, "0");
		if (!valid.has(code)) return code;
	}
}

export async function expectError(result: { status: number; body: unknown }, status: number, code: string) {
	expect(result.status, JSON.stringify(result.body)).toBe(status);
	expect(result.body).toMatchObject({ code });
}

export const cookieName = (header: string) => header.slice(0, header.indexOf("="));
