/**
 * OAuth state, kept server-side as better-auth 1.7 keeps it: a verification value
 * `auth-state:<state>` (JSON with the callback URLs, the PKCE verifier and an optional link
 * request; 10 minutes), bound to the browser by the signed `state` cookie (5 minutes).
 * A state is consumed on first use, so a replayed or forged callback fails.
 *
 * With `account.storeStateStrategy: "cookie"` nothing is stored server-side: the same data goes,
 * encrypted with the secret, into the `oauth_state` cookie (10 minutes), cleared at the callback.
 */
import { fullContext } from "../context/full-context";
import { parseCookies } from "../cookies";
import { signValue, verifySignedValue } from "../crypto/hmac";
import { generateRandomString } from "../crypto/random";
import { symmetricDecrypt, symmetricEncrypt } from "../crypto/symmetric";

export interface OAuthStateData {
	callbackURL: string;
	codeVerifier: string;
	errorURL?: string;
	newUserURL?: string;
	link?: { userId: string; email: string };
	requestSignUp?: boolean;
	expiresAt: number;
	oauthState: string;
	/** Extra data a plugin or `additionalData` attached. */
	[key: string]: unknown;
}

interface StateCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

const STATE_TTL_MS = 10 * 60 * 1000;
const identifier = (state: string) => `auth-state:${state}`;

export async function generateState(
	ctx: StateCtx,
	input: { callbackURL: string } & Partial<Omit<OAuthStateData, "codeVerifier" | "expiresAt" | "oauthState">>,
): Promise<{ state: string; codeVerifier: string }> {
	const context = fullContext(ctx);
	const state = generateRandomString(32, "a-z", "A-Z", "0-9", "-_");
	const codeVerifier = generateRandomString(128, "a-z", "A-Z", "0-9", "-_");
	const expiresAt = Date.now() + STATE_TTL_MS;
	const data: OAuthStateData = { ...input, codeVerifier, expiresAt, oauthState: state };
	if (context.options.account?.storeStateStrategy === "cookie") {
		const cookie = context.authCookies.oauthState;
		const sealed = await symmetricEncrypt({ key: context.secret, data: JSON.stringify(data) });
		ctx.setCookie(cookie.name, sealed, cookie.attributes as Record<string, unknown>);
		return { state, codeVerifier };
	}
	await context.internalAdapter.createVerificationValue({
		identifier: identifier(state),
		value: JSON.stringify(data),
		expiresAt: new Date(expiresAt),
	});
	const cookie = context.authCookies.state;
	ctx.setCookie(cookie.name, await signValue(state, context.secret), cookie.attributes as Record<string, unknown>);
	return { state, codeVerifier };
}

export type ParsedState =
	| { ok: true; data: OAuthStateData }
	| { ok: false; error: "state_not_found" | "state_mismatch" | "please_restart_the_process"; errorURL?: string };

/**
 * Takes the state of a callback: it must exist, be unexpired, and match the signed cookie of
 * the browser that started the flow. Always consumes the stored value and clears the cookie.
 */
export async function parseState(ctx: StateCtx, state: string | undefined): Promise<ParsedState> {
	const context = fullContext(ctx);
	if (!state) return { ok: false, error: "state_not_found" };
	if (context.options.account?.storeStateStrategy === "cookie") return parseCookieState(ctx, state);
	const cookie = context.authCookies.state;
	ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
	const stored = await context.internalAdapter.consumeVerificationValue(identifier(state));
	if (!stored) return { ok: false, error: "state_mismatch" };
	let data: OAuthStateData;
	try {
		data = JSON.parse(stored.value) as OAuthStateData;
	} catch {
		return { ok: false, error: "state_mismatch" };
	}
	const errorURL = data.errorURL;
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	const raw = parseCookies(header).get(cookie.name);
	const fromCookie = raw ? await verifySignedValue(raw, context.secret) : null;
	if (fromCookie !== state) return { ok: false, error: "state_mismatch", errorURL };
	if (typeof data.expiresAt !== "number" || data.expiresAt < Date.now()) {
		return { ok: false, error: "please_restart_the_process", errorURL };
	}
	return { ok: true, data };
}

async function parseCookieState(ctx: StateCtx, state: string): Promise<ParsedState> {
	const context = fullContext(ctx);
	const cookie = context.authCookies.oauthState;
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	const sealed = parseCookies(header).get(cookie.name);
	ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
	if (!sealed) return { ok: false, error: "state_mismatch" };
	let data: OAuthStateData;
	try {
		data = JSON.parse(await symmetricDecrypt({ key: context.secret, data: sealed })) as OAuthStateData;
	} catch {
		return { ok: false, error: "state_mismatch" };
	}
	if (data.oauthState !== state) return { ok: false, error: "state_mismatch", errorURL: data.errorURL };
	if (typeof data.expiresAt !== "number" || data.expiresAt < Date.now()) {
		return { ok: false, error: "please_restart_the_process", errorURL: data.errorURL };
	}
	return { ok: true, data };
}
