import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Pair, read, shapeOf } from "./harness";

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", ...headers },
	body: JSON.stringify(body),
});

/** Sends one request to both sides and checks they agree on status, error code, body shape and cookie names. */
async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	expect(shapeOf(a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect((a.body as { code?: string }).code, `${path} code`).toBe((b.body as { code: string }).code);
	}
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference, body: a.body };
}

describe("compat: email and password", () => {
	const options = { emailAndPassword: { enabled: true } };

	it("sign-up: success, duplicate (any case), short password, bad email, missing name", async () => {
		const pair = await createPair(options);
		await same(pair, "/sign-up/email", json({ email: "a@b.com", password: "password123", name: "A" }));
		await same(pair, "/sign-up/email", json({ email: "A@B.com", password: "password123", name: "A" }));
		await same(pair, "/sign-up/email", json({ email: "c@b.com", password: "short", name: "C" }));
		await same(pair, "/sign-up/email", json({ email: "c@b.com", password: "p".repeat(129), name: "C" }));
		await same(pair, "/sign-up/email", json({ email: "not-an-email", password: "password123", name: "C" }));
		await same(pair, "/sign-up/email", json({ email: "d@b.com", password: "password123" }));
		await same(
			pair,
			"/sign-up/email",
			json({ email: "e@b.com", password: "password123", name: "E", rememberMe: false }),
		);
	});

	it("sign-in: success, wrong password, unknown email, invalid email, callback URLs", async () => {
		const pair = await createPair(options);
		await same(pair, "/sign-up/email", json({ email: "a@b.com", password: "password123", name: "A" }));
		await same(pair, "/sign-in/email", json({ email: "A@b.com", password: "password123" }));
		await same(pair, "/sign-in/email", json({ email: "a@b.com", password: "password124" }));
		await same(pair, "/sign-in/email", json({ email: "nobody@b.com", password: "password123" }));
		await same(pair, "/sign-in/email", json({ email: "nope", password: "password123" }));
		await same(pair, "/sign-in/email", json({ email: "a@b.com", password: "password123", rememberMe: false }));
		await same(pair, "/sign-in/email", json({ email: "a@b.com", password: "password123", callbackURL: "/dashboard" }));
		for (const evil of ["http://evil.com", "//evil.com", "https://localhost:3000.evil.com/x"]) {
			await same(pair, "/sign-in/email", json({ email: "a@b.com", password: "password123", callbackURL: evil }));
		}
	});

	it("origin checks on requests that carry cookies", async () => {
		const pair = await createPair(options);
		const { ours, reference } = await pair.request(
			"/sign-up/email",
			json({ email: "a@b.com", password: "password123", name: "A" }),
		);
		expect(cookieOf(ours)).not.toBe("");
		for (const [label, response] of [
			["ours", ours],
			["reference", reference],
		] as const) {
			const cookie = cookieOf(response);
			const side = label === "ours" ? pair.ours : pair.reference;
			const send = (headers: Record<string, string>) =>
				side.handler(
					new Request(
						`${BASE_URL}/api/auth/sign-in/email`,
						json({ email: "a@b.com", password: "password123" }, { cookie, ...headers }),
					),
				);
			const missing = await read(await send({}));
			const evil = await read(await send({ origin: "http://evil.com" }));
			const good = await read(await send({ origin: BASE_URL }));
			expect([missing.status, (missing.body as { code: string }).code], label).toEqual([403, "MISSING_OR_NULL_ORIGIN"]);
			expect([evil.status, (evil.body as { code: string }).code], label).toEqual([403, "INVALID_ORIGIN"]);
			expect(good.status, label).toBe(200);
		}
	});

	it("get-session and sign-out", async () => {
		const pair = await createPair(options);
		const signUp = await pair.request("/sign-up/email", json({ email: "a@b.com", password: "password123", name: "A" }));
		const cookies = { ours: cookieOf(signUp.ours), reference: cookieOf(signUp.reference) };
		const both = async (path: string, init: (cookie: string) => RequestInit) => {
			const [a, b] = await Promise.all([
				pair.ours.handler(new Request(`${BASE_URL}/api/auth${path}`, init(cookies.ours))),
				pair.reference.handler(new Request(`${BASE_URL}/api/auth${path}`, init(cookies.reference))),
			]);
			const [ra, rb] = [await read(a), await read(b)];
			expect(ra.status, path).toBe(rb.status);
			expect(shapeOf(ra.body), path).toEqual(shapeOf(rb.body));
			expect(cookieNames(a), path).toEqual(cookieNames(b));
			return ra.body;
		};
		const session = (await both("/get-session", (cookie) => ({ headers: { cookie } }))) as { user: { email: string } };
		expect(session.user.email).toBe("a@b.com");
		await both("/get-session", () => ({ headers: { cookie: "better-auth.session_token=abc.def" } }));
		await both("/get-session", () => ({}));
		await both("/sign-out", (cookie) => ({ method: "POST", headers: { cookie, origin: BASE_URL } }));
		expect(await both("/get-session", (cookie) => ({ headers: { cookie } }))).toBeNull();
		await same(pair, "/sign-out", { method: "POST", headers: { origin: BASE_URL } });
	});

	it("a user created by better-auth 1.7 signs in here with the same password and cookie", async () => {
		const pair = await createPair(options);
		const signUp = await pair.reference.handler(
			new Request(
				`${BASE_URL}/api/auth/sign-up/email`,
				json({ email: "old@b.com", password: "password123", name: "Old" }),
			),
		);
		const cookie = cookieOf(signUp);
		// Copy the reference's rows into our database unchanged.
		for (const table of ["user", "account", "session"]) {
			const rows = pair.reference.database.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
			for (const row of rows) {
				const columns = Object.keys(row);
				pair.ours.database
					.prepare(
						`insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
					)
					.run(...columns.map((c) => row[c]));
			}
		}
		const session = await read(
			await pair.ours.handler(new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie } })),
		);
		expect((session.body as { user: { email: string } }).user.email).toBe("old@b.com");
		const signIn = await read(
			await pair.ours.handler(
				new Request(`${BASE_URL}/api/auth/sign-in/email`, json({ email: "old@b.com", password: "password123" })),
			),
		);
		expect(signIn.status).toBe(200);
	});
});

describe("compat: CSRF without cookies", () => {
	it("a foreign Origin and cross-site navigations are refused alike", async () => {
		const pair = await createPair({ emailAndPassword: { enabled: true } });
		await same(pair, "/sign-up/email", json({ email: "a@b.com", password: "password123", name: "A" }));
		await same(
			pair,
			"/sign-in/email",
			json({ email: "a@b.com", password: "password123" }, { origin: "http://evil.com" }),
		);
		await same(
			pair,
			"/sign-in/email",
			json(
				{ email: "a@b.com", password: "password123" },
				{ "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
			),
		);
	});
});
