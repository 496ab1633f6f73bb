/**
 * Sign-in state, kept server-side in the verification table for 10 minutes and consumed on first
 * use. OIDC state is also bound to the browser by the signed `state` cookie. SAML's RelayState
 * cannot be: the IdP posts back cross-site, where a SameSite=Lax cookie is not sent; there the
 * AuthnRequest ID (InResponseTo, checked by node-saml against the same table) does the binding.
 */
import { fullContext } from "better-auth/api";
import { parseCookies } from "better-auth/cookies";
import { generateRandomString, signValue, verifySignedValue } from "better-auth/crypto";

export interface SSOState {
	callbackURL: string;
	errorURL?: string;
	newUserURL?: string;
	requestSignUp?: boolean;
	codeVerifier?: string;
	providerId: string;
	expiresAt: number;
}

interface StateCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

const TTL_MS = 10 * 60 * 1000;
const identifier = (state: string) => `sso-state:${state}`;

export async function createState(
	ctx: StateCtx,
	data: Omit<SSOState, "expiresAt">,
	{ bindCookie }: { bindCookie: boolean },
): Promise<string> {
	const context = fullContext(ctx);
	const state = generateRandomString(32, "a-z", "A-Z", "0-9");
	const expiresAt = Date.now() + TTL_MS;
	await context.internalAdapter.createVerificationValue({
		identifier: identifier(state),
		value: JSON.stringify({ ...data, expiresAt }),
		expiresAt: new Date(expiresAt),
	});
	if (bindCookie) {
		const cookie = context.authCookies.state;
		ctx.setCookie(cookie.name, await signValue(state, context.secret), cookie.attributes as Record<string, unknown>);
	}
	return state;
}

export type StateResult = { ok: true; data: SSOState } | { ok: false; error: "state_not_found" | "state_mismatch" };

/** Consumes a state; with `checkCookie`, the signed cookie must name it too (and is cleared). */
export async function consumeState(
	ctx: StateCtx,
	state: string | undefined,
	{ checkCookie }: { checkCookie: boolean },
): Promise<StateResult> {
	const context = fullContext(ctx);
	if (!state) return { ok: false, error: "state_not_found" };
	const stored = await context.internalAdapter.consumeVerificationValue(identifier(state));
	if (checkCookie) {
		const cookie = context.authCookies.state;
		ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
	}
	if (!stored) return { ok: false, error: "state_not_found" };
	let data: SSOState;
	try {
		data = JSON.parse(stored.value) as SSOState;
	} catch {
		return { ok: false, error: "state_mismatch" };
	}
	if (typeof data.expiresAt !== "number" || data.expiresAt < Date.now()) return { ok: false, error: "state_mismatch" };
	if (checkCookie) {
		const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
		const raw = parseCookies(header).get(context.authCookies.state.name);
		const fromCookie = raw ? await verifySignedValue(raw, context.secret) : null;
		if (fromCookie !== state) return { ok: false, error: "state_mismatch" };
	}
	return { ok: true, data };
}
