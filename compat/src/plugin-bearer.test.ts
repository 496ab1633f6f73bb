/**
 * The bearer plugin against better-auth 1.7.24: which Authorization headers authenticate, what
 * `set-auth-token` carries and when, and which cookies the answers set.
 */
import { createHmac } from "node:crypto";
import { bearer } from "better-auth/plugins";
import { bearer as referenceBearer } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, createPair, type Pair, read, SECRET, shapeOf } from "./harness";

const sign = (value: string) => `${value}.${createHmac("sha256", SECRET).update(value).digest("base64")}`;

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

function pairFor(requireSignature?: boolean) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true } };
	return createPair(
		{ ...base, plugins: [bearer({ requireSignature })] },
		{ ...base, plugins: [referenceBearer({ requireSignature })] },
	);
}

type Side = Pair["ours"];
type Answer = { status: number; body: unknown; token: string | null; exposed: string | null; cookies: string[] };

async function call(side: Side, path: string, init: RequestInit = {}): Promise<Answer> {
	const response = await side.handler(new Request(`${BASE_URL}/api/auth${path}`, init));
	return {
		...(await read(response)),
		token: response.headers.get("set-auth-token"),
		exposed: response.headers.get("access-control-expose-headers"),
		cookies: cookieNames(response),
	};
}

function agree(label: string, a: Answer, b: Answer) {
	expect(a.status, `${label} status`).toBe(b.status);
	expect(shapeOf(a.body), `${label} body shape`).toEqual(shapeOf(b.body));
	expect(a.body === null, `${label} null body`).toBe(b.body === null);
	expect(a.token === null, `${label} set-auth-token present`).toBe(b.token === null);
	expect(a.exposed, `${label} expose headers`).toBe(b.exposed);
	expect(a.cookies, `${label} cookies`).toEqual(b.cookies);
}

/** Signs a user up on each side; returns each side's raw session token. */
async function signUpBoth(pair: Pair) {
	const body = { email: "a@x.com", password: "password123", name: "A" };
	const [a, b] = [
		await call(pair.ours, "/sign-up/email", json(body)),
		await call(pair.reference, "/sign-up/email", json(body)),
	];
	agree("sign-up", a, b);
	const raw = (answer: Answer) => (answer.body as { token: string }).token;
	// set-auth-token is the signed cookie value: token.base64(HMAC-SHA256).
	expect(a.token).toBe(sign(raw(a)));
	expect(b.token).toBe(sign(raw(b)));
	return { ours: raw(a), reference: raw(b) };
}

/** Sends the same request shape to both sides, built from each side's own token. */
async function both(
	pair: Pair,
	tokens: { ours: string; reference: string },
	path: string,
	init: (token: string) => RequestInit,
) {
	const [a, b] = [
		await call(pair.ours, path, init(tokens.ours)),
		await call(pair.reference, path, init(tokens.reference)),
	];
	agree(`${path} ${JSON.stringify(init("<token>").headers)}`, a, b);
	return { ours: a, reference: b };
}

const withAuth = (authorization: (token: string) => string, cookie?: (token: string) => string) => (token: string) => ({
	headers: { authorization: authorization(token), ...(cookie ? { cookie: cookie(token) } : {}) },
});

describe("compat: bearer plugin", () => {
	it("sign-up and sign-in expose set-auth-token; failures do not", async () => {
		const pair = await pairFor();
		await signUpBoth(pair);
		const body = { email: "a@x.com", password: "password123" };
		agree(
			"sign-in",
			await call(pair.ours, "/sign-in/email", json(body)),
			await call(pair.reference, "/sign-in/email", json(body)),
		);
		const remember = { ...body, rememberMe: false };
		agree(
			"sign-in rememberMe false",
			await call(pair.ours, "/sign-in/email", json(remember)),
			await call(pair.reference, "/sign-in/email", json(remember)),
		);
		const wrong = { ...body, password: "wrong-password" };
		agree(
			"sign-in wrong",
			await call(pair.ours, "/sign-in/email", json(wrong)),
			await call(pair.reference, "/sign-in/email", json(wrong)),
		);
	});

	it("which Authorization headers authenticate, without requireSignature", async () => {
		const pair = await pairFor();
		const tokens = await signUpBoth(pair);
		const cases: ((token: string) => string)[] = [
			(token) => `Bearer ${token}`,
			(token) => `Bearer ${sign(token)}`,
			(token) => `Bearer ${encodeURIComponent(sign(token))}`,
			(token) => `bearer ${token}`,
			(token) => `Bearer  ${token}`,
			(token) => `Bearer ${token}.bad`,
			(token) => `Basic ${token}`,
			(token) => token,
			() => "Bearer garbage",
			() => "Bearer ",
		];
		for (const header of cases) {
			const { ours } = await both(pair, tokens, "/get-session", withAuth(header));
			if (header("t") === "Bearer t") expect(ours.body).not.toBeNull();
		}
		const staleCookie = () => `a=1; better-auth.session_token=${encodeURIComponent(sign("nope"))}`;
		await both(
			pair,
			tokens,
			"/get-session",
			withAuth((token) => `Bearer ${token}`, staleCookie),
		);
		const validCookie = (token: string) => `better-auth.session_token=${encodeURIComponent(sign(token))}`;
		await both(
			pair,
			tokens,
			"/get-session",
			withAuth(() => "Bearer nope", validCookie),
		);
		await both(
			pair,
			tokens,
			"/get-session",
			withAuth((token) => `Bearer ${token}.bad`, validCookie),
		);
	});

	it("which Authorization headers authenticate, with requireSignature", async () => {
		const pair = await pairFor(true);
		const tokens = await signUpBoth(pair);
		for (const header of [
			(token: string) => `Bearer ${token}`,
			(token: string) => `Bearer ${sign(token)}`,
			(token: string) => `Bearer ${encodeURIComponent(sign(token))}`,
			(token: string) => `Bearer ${token}.bad`,
		]) {
			await both(pair, tokens, "/get-session", withAuth(header));
		}
		const staleCookie = () => `a=1; better-auth.session_token=${encodeURIComponent(sign("nope"))}`;
		await both(
			pair,
			tokens,
			"/get-session",
			withAuth((token) => `Bearer ${token}`, staleCookie),
		);
		const validCookie = (token: string) => `better-auth.session_token=${encodeURIComponent(sign(token))}`;
		await both(
			pair,
			tokens,
			"/get-session",
			withAuth(() => "Bearer nope", validCookie),
		);
	});

	it("protected endpoints, update-user and sign-out with a bearer token", async () => {
		const pair = await pairFor();
		const tokens = await signUpBoth(pair);
		const auth = (token: string) => `Bearer ${token}`;
		await both(pair, tokens, "/list-sessions", withAuth(auth));
		await both(pair, tokens, "/update-user", (token) => json({ name: "B" }, { authorization: auth(token) }));
		await both(pair, tokens, "/sign-out", (token) => json({}, { authorization: auth(token) }));
		await both(pair, tokens, "/get-session", withAuth(auth));
		// After sign-out a session-protected endpoint is 401 on both sides. (1.7's session middleware also
		// clears the session cookies on that 401, ours does not: a core difference, not the plugin's.)
		const [a, b] = [
			await call(pair.ours, "/list-sessions", withAuth(auth)(tokens.ours)),
			await call(pair.reference, "/list-sessions", withAuth(auth)(tokens.reference)),
		];
		expect(a.status).toBe(401);
		expect(b.status).toBe(401);
		expect((a.body as { code: string }).code).toBe((b.body as { code: string }).code);
	});

	it("auth.api.getSession reads the bearer token from headers", async () => {
		const pair = await pairFor();
		const tokens = await signUpBoth(pair);
		const ours = await pair.ours.api.getSession({ headers: new Headers({ authorization: `Bearer ${tokens.ours}` }) });
		const reference = await pair.reference.api.getSession({
			headers: new Headers({ authorization: `Bearer ${tokens.reference}` }),
		});
		expect(shapeOf(ours)).toEqual(shapeOf(reference));
		expect(ours.user.email).toBe("a@x.com");
	});
});
