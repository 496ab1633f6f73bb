/**
 * The two-factor plugin against better-auth 1.7.24: enrolment, the sign-in challenge and every
 * way to finish it (TOTP, OTP, backup codes), trusted devices, attempt limits and the lock, the
 * error answers, and the stored formats — a user enrolled on either side completes 2FA on the
 * other. Same statuses, error codes, body shapes and cookie names.
 * Deliberate differences (docs/plugins/two-factor.md) are not compared: the token returned when
 * a signed-in TOTP check turns 2FA on, and the issuer of get-totp-uri with a plugin `issuer`.
 */

import { type TwoFactorOptions, twoFactor, username } from "better-auth/plugins";
import { twoFactor as referenceTwoFactor, username as referenceUsername } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { generateTOTP } from "../../packages/better-auth/src/plugins/two-factor/totp";
import { BASE_URL, createPair, type Options, type Pair, read, shapeOf } from "./harness";

const password = "password123";
type SideName = "ours" | "reference";
const SIDES: SideName[] = ["ours", "reference"];
type PerSide<T> = Record<SideName, T>;

/** A base32 secret from a TOTP URI → the secret string (its UTF-8 bytes). */
function secretOf(uri: string): string {
	const base32 = new URL(uri).searchParams.get("secret") ?? "";
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	let bits = "";
	for (const char of base32) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
	const bytes = Uint8Array.from({ length: Math.floor(bits.length / 8) }, (_, i) =>
		Number.parseInt(bits.slice(i * 8, i * 8 + 8), 2),
	);
	return new TextDecoder().decode(bytes);
}

const totp = (secret: string, offset = 0) =>
	generateTOTP(secret, { digits: 6, period: 30 }, Date.now() + offset * 1000);
const wrong = (secret: string) => {
	const valid = new Set([-30, 0, 30].map((offset) => totp(secret, offset)));
	return ["000000", "111111", "222222"].find((code) => !valid.has(code)) as string;
};

/** Both sides with a cookie jar each, and the codes each side's `sendOTP` received. */
async function setup(options: TwoFactorOptions = {}, extra: Options = {}) {
	const sent: PerSide<string[]> = { ours: [], reference: [] };
	const plugin = (side: SideName) => ({
		...options,
		otpOptions: {
			sendOTP: ({ otp }: { otp: string }) => {
				sent[side].push(otp);
			},
			...options.otpOptions,
		},
	});
	const base = {
		emailAndPassword: { enabled: true },
		logger: { disabled: true },
		rateLimit: { enabled: false },
		...extra,
	};
	const pair = await createPair(
		{ ...base, plugins: [twoFactor(plugin("ours") as TwoFactorOptions), username()] },
		{ ...base, plugins: [referenceTwoFactor(plugin("reference") as never), referenceUsername()] },
	);
	const jars: PerSide<Map<string, string>> = { ours: new Map(), reference: new Map() };

	async function send(side: SideName, path: string, body: unknown, method = "POST") {
		const cookie = [...jars[side]].map(([name, value]) => `${name}=${value}`).join("; ");
		const headers: Record<string, string> = { origin: BASE_URL, "content-type": "application/json" };
		if (cookie) headers.cookie = cookie;
		const response = await pair[side].handler(
			new Request(`${BASE_URL}/api/auth${path}`, {
				method,
				headers,
				body: body === undefined || method === "GET" ? undefined : JSON.stringify(body),
			}),
		);
		const cookies = response.headers.getSetCookie();
		for (const header of cookies) {
			const [pairText, ...attributes] = header.split(";");
			const index = pairText.indexOf("=");
			const name = pairText.slice(0, index);
			const value = pairText.slice(index + 1);
			if (value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) jars[side].delete(name);
			else jars[side].set(name, value);
		}
		return { ...(await read(response)), cookies: cookies.map((header) => header.slice(0, header.indexOf("="))).sort() };
	}

	/** The same call on both sides (the body may differ per side, e.g. each side's TOTP code); they must agree. */
	async function both(path: string, body: unknown | ((side: SideName) => unknown) = {}, method = "POST") {
		const bodyOf = (side: SideName) =>
			typeof body === "function" ? (body as (side: SideName) => unknown)(side) : body;
		const ours = await send("ours", path, bodyOf("ours"), method);
		const reference = await send("reference", path, bodyOf("reference"), method);
		const label = `${path} ${JSON.stringify(bodyOf("reference"))}`;
		expect(ours.status, `${label} status ${JSON.stringify(ours.body)}`).toBe(reference.status);
		expect(shapeOf(ours.body), `${label} shape`).toEqual(shapeOf(reference.body));
		const code = (reference.body as { code?: string } | null)?.code;
		if (code) expect((ours.body as { code?: string }).code, `${label} code`).toBe(code);
		expect(ours.cookies, `${label} cookies`).toEqual(reference.cookies);
		return { ours, reference };
	}

	const rows = (side: SideName, sql: string, ...args: unknown[]) =>
		pair[side].database.prepare(sql).all(...args) as Record<string, unknown>[];
	const run = (sql: string, ...args: unknown[]) => {
		for (const side of SIDES) pair[side].database.prepare(sql).run(...args);
	};
	const clearJars = () => {
		for (const side of SIDES) jars[side].clear();
	};

	/** Signs up on both sides and enrols TOTP (confirmed); returns each side's secret and codes. */
	async function enrol(email = "a@x.com") {
		await both("/sign-up/email", { email, password, name: "A", username: `user_${email.split("@")[0]}` });
		const enabled = await both("/two-factor/enable", { password });
		const secrets = {
			ours: secretOf((enabled.ours.body as { totpURI: string }).totpURI),
			reference: secretOf((enabled.reference.body as { totpURI: string }).totpURI),
		};
		const codes = {
			ours: (enabled.ours.body as { backupCodes: string[] }).backupCodes,
			reference: (enabled.reference.body as { backupCodes: string[] }).backupCodes,
		};
		await send("ours", "/two-factor/verify-totp", { code: totp(secrets.ours) });
		await send("reference", "/two-factor/verify-totp", { code: totp(secrets.reference) });
		return { secrets, codes };
	}

	return { pair, sent, jars, send, both, rows, run, clearJars, enrol };
}

describe("compat: two-factor schema", () => {
	it("adds the same columns and indexes", async () => {
		const { pair } = await setup();
		const columns = (side: Pair["ours"], table: string) =>
			(
				side.database.prepare(`pragma table_info("${table}")`).all() as {
					name: string;
					type: string;
					notnull: number;
				}[]
			)
				.map(({ name, type, notnull }) => ({ name, type, notnull }))
				.sort((a, b) => a.name.localeCompare(b.name));
		expect(columns(pair.ours, "twoFactor")).toEqual(columns(pair.reference, "twoFactor"));
		expect(columns(pair.ours, "user")).toEqual(columns(pair.reference, "user"));
		const indexes = (side: Pair["ours"]) =>
			(side.database.prepare("pragma index_list('twoFactor')").all() as { name: string }[])
				.map(({ name }) => name)
				.sort();
		expect(indexes(pair.ours)).toEqual(indexes(pair.reference));
		const foreignKeys = (side: Pair["ours"]) =>
			(side.database.prepare("pragma foreign_key_list('twoFactor')").all() as Record<string, unknown>[]).map(
				({ table, from, to, on_delete }) => ({ table, from, to, on_delete }),
			);
		expect(foreignKeys(pair.ours)).toEqual(foreignKeys(pair.reference));
	});
});

describe("compat: enrolment", () => {
	it("enable, get-totp-uri, verify-totp, generate-backup-codes, disable: answers and errors", async () => {
		const t = await setup();
		// Signed out.
		for (const path of ["/two-factor/enable", "/two-factor/disable", "/two-factor/get-totp-uri"]) {
			await t.both(path, { password });
		}
		await t.both("/two-factor/generate-backup-codes", { password });
		await t.both("/two-factor/verify-totp", { code: "123456" });
		await t.both("/two-factor/verify-backup-code", { code: "123456" });
		await t.both("/two-factor/send-otp", {});
		await t.both("/two-factor/verify-otp", { code: "123456" });

		await t.both("/sign-up/email", { email: "a@x.com", password, name: "A" });
		await t.both("/two-factor/get-totp-uri", { password });
		await t.both("/two-factor/generate-backup-codes", { password });
		await t.both("/two-factor/verify-totp", { code: "123456" });
		await t.both("/two-factor/verify-backup-code", { code: "123456" });
		for (const body of [
			{},
			{ password: 5 },
			{ password: "wrong-password" },
			{ password, method: "sms" },
			{ password, issuer: 5 },
		]) {
			await t.both("/two-factor/enable", body);
		}
		await t.both("/two-factor/enable", undefined);
		await t.both("/two-factor/enable", "text");

		const enabled = await t.both("/two-factor/enable", { password, issuer: "My App" });
		for (const side of SIDES) {
			const body = enabled[side].body as { totpURI: string; backupCodes: string[]; method: string };
			expect(body.method).toBe("totp");
			expect(body.totpURI).toMatch(
				/^otpauth:\/\/totp\/My%20App:a%40x\.com\?secret=[A-Z2-7]{52}&issuer=My\+App&digits=6&period=30$/,
			);
			expect(body.backupCodes).toHaveLength(10);
			for (const code of body.backupCodes) expect(code).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
		}
		// Not on until the first code: the row exists unverified, the user flag is still off.
		for (const side of SIDES) {
			expect(t.rows(side, "select verified from twoFactor")).toEqual([{ verified: 0 }]);
			expect(t.rows(side, "select twoFactorEnabled from user")).toEqual([{ twoFactorEnabled: 0 }]);
		}
		// Enabling again before confirming starts over with a new secret.
		const again = await t.both("/two-factor/enable", { password });
		const secrets = {
			ours: secretOf((again.ours.body as { totpURI: string }).totpURI),
			reference: secretOf((again.reference.body as { totpURI: string }).totpURI),
		};
		await t.both("/two-factor/get-totp-uri", { password: "wrong-password" });
		const uri = await t.both("/two-factor/get-totp-uri", { password });
		expect(secretOf((uri.ours.body as { totpURI: string }).totpURI)).toBe(secrets.ours);
		await t.both("/two-factor/generate-backup-codes", { password });
		for (const body of [{}, { code: 123456 }, { code: "123456", trustDevice: "yes" }]) {
			await t.both("/two-factor/verify-totp", body);
		}
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: wrong(secrets[side]) }));
		// The first right code turns 2FA on and replaces the session.
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		for (const side of SIDES) {
			expect(t.rows(side, "select verified from twoFactor")).toEqual([{ verified: 1 }]);
			expect(t.rows(side, "select twoFactorEnabled from user")).toEqual([{ twoFactorEnabled: 1 }]);
			expect(t.rows(side, "select count(*) as n from session")).toEqual([{ n: 1 }]);
		}
		await t.both("/two-factor/enable", { password });
		await t.both("/two-factor/enable", { password: "wrong-password" });
		// Signed in, a code checks out without a new session, and previous/next periods count.
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side], -30) }));
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side], 30) }));
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side], -60) }));
		const generated = await t.both("/two-factor/generate-backup-codes", { password });
		expect((generated.ours.body as { backupCodes: string[] }).backupCodes).toHaveLength(10);
		await t.both("/two-factor/generate-backup-codes", { password: "wrong-password" });
		await t.both("/two-factor/disable", { password: "wrong-password" });
		await t.both("/two-factor/disable", { password });
		for (const side of SIDES) {
			expect(t.rows(side, "select * from twoFactor")).toEqual([]);
			expect(t.rows(side, "select twoFactorEnabled from user")).toEqual([{ twoFactorEnabled: 0 }]);
		}
		await t.both("/two-factor/disable", { password });
	});

	it("OTP-only enrolment, skipVerificationOnEnable, TOTP or OTP turned off", async () => {
		const t = await setup();
		await t.both("/sign-up/email", { email: "a@x.com", password, name: "A" });
		await t.both("/two-factor/enable", { password, method: "otp" });
		for (const side of SIDES)
			expect(t.rows(side, "select twoFactorEnabled from user")).toEqual([{ twoFactorEnabled: 1 }]);
		await t.both("/two-factor/enable", { password, method: "otp" });
		await t.both("/two-factor/get-totp-uri", { password });
		await t.both("/two-factor/generate-backup-codes", { password });
		t.clearJars();
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/verify-totp", { code: "123456" });
		await t.both("/two-factor/verify-backup-code", { code: "123456" });

		const skip = await setup({ skipVerificationOnEnable: true });
		await skip.both("/sign-up/email", { email: "a@x.com", password, name: "A" });
		await skip.both("/two-factor/enable", { password, method: "otp" });
		await skip.both("/two-factor/enable", { password });
		await skip.both("/two-factor/enable", { password });
		for (const side of SIDES) {
			expect(skip.rows(side, "select verified from twoFactor")).toEqual([{ verified: 1 }]);
			expect(skip.rows(side, "select twoFactorEnabled from user")).toEqual([{ twoFactorEnabled: 1 }]);
		}

		const noTotp = await setup({ totpOptions: { disable: true } });
		await noTotp.both("/sign-up/email", { email: "a@x.com", password, name: "A" });
		await noTotp.both("/two-factor/enable", { password });
		await noTotp.both("/two-factor/enable", { password: "wrong-password" });
		await noTotp.both("/two-factor/get-totp-uri", { password });
		await noTotp.both("/two-factor/verify-totp", { code: "123456" });

		const noOtp = await setup({ otpOptions: { sendOTP: undefined } });
		await noOtp.both("/sign-up/email", { email: "a@x.com", password, name: "A" });
		await noOtp.both("/two-factor/enable", { password, method: "otp" });
		await noOtp.both("/two-factor/send-otp", {});
		await noOtp.both("/two-factor/verify-otp", { code: "123456" });
	});

	it("options shape the URI and the backup codes", async () => {
		const t = await setup(
			{
				totpOptions: { digits: 8, period: 60 },
				backupCodeOptions: { amount: 3, length: 8, storeBackupCodes: "plain" },
			},
			{ appName: "Acme & Co" },
		);
		await t.both("/sign-up/email", { email: "b+1@x.com", password, name: "B" });
		const enabled = await t.both("/two-factor/enable", { password });
		for (const side of SIDES) {
			const body = enabled[side].body as { totpURI: string; backupCodes: string[] };
			expect(body.totpURI).toMatch(
				/^otpauth:\/\/totp\/Acme%20%26%20Co:b%2B1%40x\.com\?secret=[A-Z2-7]+&issuer=Acme\+%26\+Co&digits=8&period=60$/,
			);
			expect(body.backupCodes.map((code) => code.length)).toEqual([9, 9, 9]);
			expect(t.rows(side, "select backupCodes from twoFactor")).toEqual([
				{ backupCodes: JSON.stringify(body.backupCodes) },
			]);
		}
	});
});

describe("compat: sign-in challenge", () => {
	it("stops password sign-ins and finishes with TOTP, OTP or a backup code", async () => {
		const t = await setup();
		const { secrets, codes } = await t.enrol();
		for (const path of ["/sign-in/email", "/sign-in/username"]) {
			t.clearJars();
			const body = path === "/sign-in/email" ? { email: "a@x.com", password } : { username: "user_a", password };
			const sessions = (side: SideName) => t.rows(side, "select count(*) as n from session")[0].n;
			const before = { ours: sessions("ours"), reference: sessions("reference") };
			const stopped = await t.both(path, body);
			expect(stopped.ours.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
			// The session the sign-in created was taken back.
			for (const side of SIDES) expect(sessions(side)).toBe(before[side]);
			await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
			const session = await t.both("/get-session", undefined, "GET");
			expect(session.ours.body).toMatchObject({ user: { email: "a@x.com", twoFactorEnabled: true } });
		}
		// Each way to finish, with and without "remember me", with and without trusting the device.
		const finishes: Array<[string, (side: SideName) => Record<string, unknown>]> = [
			["/two-factor/verify-totp", (side) => ({ code: totp(secrets[side]) })],
			["/two-factor/verify-otp", (side) => ({ code: t.sent[side].at(-1) })],
			["/two-factor/verify-backup-code", (side) => ({ code: codes[side].shift() })],
		];
		for (const [path, body] of finishes) {
			for (const rememberMe of [true, false]) {
				t.clearJars();
				await t.both("/sign-in/email", { email: "a@x.com", password, rememberMe });
				await t.both("/two-factor/send-otp", undefined);
				const done = await t.both(path, (side: SideName) => body(side));
				expect(done.ours.body).toMatchObject({ token: expect.any(String), user: { email: "a@x.com" } });
				await t.both(path, (side: SideName) => body(side));
			}
		}
		// Ours deletes a finished sign-in's unused codes; 1.7 leaves them to expire.
		expect(t.rows("ours", "select identifier from verification where identifier like '2fa-%'")).toEqual([]);
	});

	it("with the cookie cache on: the same cookies through the challenge", async () => {
		// Enrolment runs per side: 1.7's session middleware re-sends `session_data` on every
		// session-checked call (a core difference, see the report), which is not this plugin's.
		const t = await setup({}, { session: { cookieCache: { enabled: true } } });
		const secrets = {} as PerSide<string>;
		for (const side of SIDES) {
			await t.send(side, "/sign-up/email", { email: "a@x.com", password, name: "A" });
			const enabled = await t.send(side, "/two-factor/enable", { password });
			secrets[side] = secretOf((enabled.body as { totpURI: string }).totpURI);
			await t.send(side, "/two-factor/verify-totp", { code: totp(secrets[side]) });
		}
		t.clearJars();
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		await t.both("/get-session", undefined, "GET");
	});

	it("trusted devices skip the challenge, rotate, and stop at another user or after disable", async () => {
		const t = await setup();
		const { secrets } = await t.enrol();
		await t.both("/sign-up/email", { email: "b@x.com", password, name: "B" });
		await t.both("/two-factor/enable", { password, method: "otp" });
		for (const rememberMe of [true, false]) {
			t.clearJars();
			await t.both("/sign-in/email", { email: "a@x.com", password, rememberMe });
			await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]), trustDevice: true }));
			const trusted = Object.fromEntries(SIDES.map((side) => [side, t.jars[side].get("better-auth.trust_device")]));
			for (const side of SIDES) {
				t.jars[side].clear();
				t.jars[side].set("better-auth.trust_device", trusted[side] as string);
			}
			const skipped = await t.both("/sign-in/email", { email: "a@x.com", password, rememberMe });
			expect(skipped.ours.body).toMatchObject({ token: expect.any(String) });
			// The cookie was replaced: the old one no longer trusts.
			for (const side of SIDES) {
				expect(t.jars[side].get("better-auth.trust_device")).not.toBe(trusted[side]);
				t.jars[side].clear();
				t.jars[side].set("better-auth.trust_device", trusted[side] as string);
			}
			await t.both("/sign-in/email", { email: "a@x.com", password, rememberMe });
		}
		// Another user's sign-in with a's trusted cookie: challenged, cookie cleared.
		t.clearJars();
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]), trustDevice: true }));
		const trustedA = Object.fromEntries(SIDES.map((side) => [side, t.jars[side].get("better-auth.trust_device")]));
		for (const side of SIDES) {
			t.jars[side].clear();
			t.jars[side].set("better-auth.trust_device", trustedA[side] as string);
		}
		await t.both("/sign-in/email", { email: "b@x.com", password });
		// A forged cookie is ignored.
		for (const side of SIDES) t.jars[side].set("better-auth.trust_device", "forged.value");
		await t.both("/sign-in/email", { email: "a@x.com", password });
		// Disabling 2FA forgets the device.
		t.clearJars();
		for (const side of SIDES) t.jars[side].set("better-auth.trust_device", trustedA[side] as string);
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/disable", { password });
		await t.both("/two-factor/enable", { password, method: "otp" });
		for (const side of SIDES) t.jars[side].set("better-auth.trust_device", trustedA[side] as string);
		await t.both("/sign-in/email", { email: "a@x.com", password });
	});

	it("limits attempts per sign-in and locks after ten failures", async () => {
		const t = await setup();
		const { secrets, codes } = await t.enrol();
		t.clearJars();
		await t.both("/sign-in/email", { email: "a@x.com", password });
		for (let i = 0; i < 4; i++)
			await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: wrong(secrets[side]) }));
		await t.both("/two-factor/verify-backup-code", { code: "aaaaa-bbbbb" });
		// Sixth try: the sign-in is over, whatever the code.
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		// Four more failures on a new sign-in make ten: locked, even for right codes, until it expires.
		await t.both("/sign-in/email", { email: "a@x.com", password });
		for (let i = 0; i < 4; i++)
			await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: wrong(secrets[side]) }));
		await t.both("/two-factor/send-otp", {});
		await t.both("/two-factor/verify-otp", { code: "00000" });
		for (const side of SIDES) {
			expect(t.rows(side, "select failedVerificationCount as n from twoFactor")).toEqual([{ n: 10 }]);
		}
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		await t.both("/two-factor/verify-otp", (side: SideName) => ({ code: t.sent[side].at(-1) }));
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({ code: codes[side][0] }));
		await t.both("/two-factor/send-otp", {});
		t.run("update twoFactor set lockedUntil = ?", new Date(Date.now() - 1000).toISOString());
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: wrong(secrets[side]) }));
		for (const side of SIDES)
			expect(t.rows(side, "select failedVerificationCount as n from twoFactor")).toEqual([{ n: 1 }]);
		// That was this sign-in's fifth wrong code: the next try ends it; a new sign-in succeeds.
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/verify-totp", (side: SideName) => ({ code: totp(secrets[side]) }));
		for (const side of SIDES)
			expect(t.rows(side, "select failedVerificationCount as n from twoFactor")).toEqual([{ n: 0 }]);
	});

	it("OTP: attempts per code, expiry, latest code wins, malformed input", async () => {
		const t = await setup({ otpOptions: { allowedAttempts: 2 } });
		await t.enrol();
		t.clearJars();
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/verify-otp", { code: "123456" });
		await t.both("/two-factor/send-otp", undefined);
		for (let i = 0; i < 3; i++) await t.both("/two-factor/verify-otp", { code: "bad" });
		await t.both("/two-factor/verify-otp", (side: SideName) => ({ code: t.sent[side].at(-1) }));
		await t.both("/two-factor/send-otp", { trustDevice: true });
		t.run(
			"update verification set expiresAt = ? where identifier like '2fa-otp-%'",
			new Date(Date.now() - 1000).toISOString(),
		);
		await t.both("/two-factor/verify-otp", (side: SideName) => ({ code: t.sent[side].at(-1) }));
		await t.both("/two-factor/send-otp", {});
		await t.both("/two-factor/send-otp", {});
		await t.both("/two-factor/verify-otp", (side: SideName) => ({ code: t.sent[side].at(-2) }));
		for (const body of [{}, { code: 5 }, { code: "1", trustDevice: "yes" }])
			await t.both("/two-factor/verify-otp", body);
		await t.both("/two-factor/send-otp", { trustDevice: "yes" });
		await t.both("/two-factor/verify-otp", (side: SideName) => ({ code: t.sent[side].at(-1) }));
		// Signed in: OTP can turn 2FA on by itself.
		const fresh = await setup();
		await fresh.both("/sign-up/email", { email: "c@x.com", password, name: "C" });
		await fresh.both("/two-factor/send-otp", {});
		await fresh.both("/two-factor/verify-otp", (side: SideName) => ({ code: fresh.sent[side].at(-1) }));
		for (const side of SIDES)
			expect(fresh.rows(side, "select twoFactorEnabled from user")).toEqual([{ twoFactorEnabled: 1 }]);
	});

	it("backup codes: spent once, disableSession, malformed input", async () => {
		const t = await setup();
		const { codes } = await t.enrol();
		t.clearJars();
		await t.both("/sign-in/email", { email: "a@x.com", password });
		for (const body of [{}, { code: 5 }, { code: "x", disableSession: "no" }, { code: "x", trustDevice: 1 }]) {
			await t.both("/two-factor/verify-backup-code", body);
		}
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({
			code: codes[side][0],
			disableSession: true,
		}));
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({ code: codes[side][1] }));
		await t.both("/sign-in/email", { email: "a@x.com", password });
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({ code: codes[side][0] }));
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({ code: codes[side][1], trustDevice: true }));
		// Signed in, a backup code checks out (and is spent).
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({ code: codes[side][2] }));
		await t.both("/two-factor/verify-backup-code", (side: SideName) => ({ code: codes[side][2] }));
		const viewed = await Promise.all(
			SIDES.map(async (side) => {
				const [{ id }] = t.rows(side, "select id from user");
				return t.pair[side].api.viewBackupCodes({ body: { userId: id } });
			}),
		);
		expect(shapeOf(viewed[0])).toEqual(shapeOf(viewed[1]));
		expect(viewed[0].backupCodes).toEqual(codes.ours.slice(3));
		expect(viewed[1].backupCodes).toEqual(codes.reference.slice(3));
		for (const side of SIDES) {
			await expect(t.pair[side].api.viewBackupCodes({ body: { userId: "nobody" } })).rejects.toMatchObject({
				body: { code: "BACKUP_CODES_NOT_ENABLED" },
			});
		}
	});

	it("server-only endpoints are not routes; generateTOTP agrees", async () => {
		const t = await setup();
		await t.both("/totp/generate", { secret: "abc" });
		await t.both("/two-factor/view-backup-codes", { userId: "x" });
		const codes = await Promise.all(SIDES.map((side) => t.pair[side].api.generateTOTP({ body: { secret: "abc" } })));
		expect([codes[0].code, codes[0].code]).toContain(codes[1].code);
	});

	it("rate limits /two-factor/* at 3 requests per 10 seconds", async () => {
		const t = await setup({}, { rateLimit: { enabled: true } });
		await t.both("/sign-up/email", { email: "a@x.com", password, name: "A" });
		// The 429 body is the core limiter's (ours adds a `code`): statuses are compared here.
		for (const path of ["/two-factor/get-totp-uri", "/two-factor/verify-totp"]) {
			const statuses: PerSide<number[]> = { ours: [], reference: [] };
			for (let i = 0; i < 4; i++) {
				for (const side of SIDES) statuses[side].push((await t.send(side, path, { password, code: "123456" })).status);
			}
			expect(statuses.ours).toEqual(statuses.reference);
			expect(statuses.ours.at(-1)).toBe(429);
		}
	});
});

describe("compat: stored formats work across implementations", () => {
	/** Copies every row of `tables` from one side's database to the other's. */
	function copy(t: Awaited<ReturnType<typeof setup>>, from: SideName, to: SideName, tables: string[]) {
		for (const table of tables) {
			t.pair[to].database.prepare(`delete from "${table}"`).run();
			for (const row of t.rows(from, `select * from "${table}"`)) {
				const keys = Object.keys(row);
				t.pair[to].database
					.prepare(
						`insert into "${table}" (${keys.map((key) => `"${key}"`).join(", ")}) values (${keys.map(() => "?").join(", ")})`,
					)
					.run(...keys.map((key) => row[key]));
			}
		}
	}

	for (const [from, to] of [
		["reference", "ours"],
		["ours", "reference"],
	] as const) {
		it(`a user enrolled on ${from} completes 2FA on ${to}: TOTP, backup code, pending sign-in, trusted device`, async () => {
			const t = await setup();
			await t.send(from, "/sign-up/email", { email: "a@x.com", password, name: "A", username: "user_a" });
			const enabled = await t.send(from, "/two-factor/enable", { password });
			const secret = secretOf((enabled.body as { totpURI: string }).totpURI);
			const codes = (enabled.body as { backupCodes: string[] }).backupCodes;
			expect((await t.send(from, "/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
			copy(t, from, to, ["user", "account", "twoFactor"]);

			const uri = await t.send(to, "/sign-in/email", { email: "a@x.com", password });
			expect(uri.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
			expect((await t.send(to, "/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
			expect((await t.send(to, "/two-factor/get-totp-uri", { password })).body).toEqual({
				totpURI: expect.stringContaining(
					`secret=${new URL((enabled.body as { totpURI: string }).totpURI).searchParams.get("secret")}`,
				),
			});
			t.jars[to].clear();
			await t.send(to, "/sign-in/email", { email: "a@x.com", password });
			expect((await t.send(to, "/two-factor/verify-backup-code", { code: codes[0] })).status).toBe(200);
			// The backup codes one side leaves behind are readable on the other.
			copy(t, to, from, ["twoFactor"]);
			const left = await t.pair[from].api.viewBackupCodes({
				body: { userId: t.rows(from, "select id from user")[0].id },
			});
			expect(left.backupCodes).toEqual(codes.slice(1));

			// A sign-in started on one side finishes on the other (challenge rows + cookie).
			t.jars[from].clear();
			await t.send(from, "/sign-in/email", { email: "a@x.com", password });
			copy(t, from, to, ["twoFactor", "verification"]);
			t.jars[to] = new Map(t.jars[from]);
			const finished = await t.send(to, "/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
			expect(finished.status).toBe(200);
			// ... and the device trusted there is trusted back on the first side.
			copy(t, to, from, ["twoFactor", "verification"]);
			t.jars[from] = new Map([["better-auth.trust_device", t.jars[to].get("better-auth.trust_device") as string]]);
			const trusted = await t.send(from, "/sign-in/email", { email: "a@x.com", password });
			expect(trusted.body).toMatchObject({ token: expect.any(String) });
		});
	}
});
