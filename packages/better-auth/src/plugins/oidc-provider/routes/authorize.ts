/**
 * `GET /oauth2/authorize` (authorization code flow, RFC 6749 §4.1 with PKCE, RFC 7636) and
 * `POST /oauth2/consent`.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthEndpoint, createAuthMiddleware } from "@better-auth/core/api";
import * as z from "zod";
import { getSessionFromCtx, type SessionContext, sessionMiddleware } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { createCookieGetter, parseCookies } from "../../../cookies";
import { signValue, verifySignedValue } from "../../../crypto/hmac";
import { generateRandomString } from "../../../crypto/random";
import { parseSetCookies } from "../../../integrations/set-cookie";
import { consentHTML } from "../consent-page";
import { findClient, findConsent, oauthError, redirectURIs, saveConsent } from "../store";
import type { CodeData, OAuthClient, ResolvedOIDCOptions } from "../types";

const optional = z.string().optional();
const authorizeQuery = z.object({
	response_type: optional,
	client_id: optional,
	redirect_uri: optional,
	scope: optional,
	state: optional,
	code_challenge: optional,
	code_challenge_method: optional,
	prompt: optional,
	nonce: optional,
});

const consentBody = z.object({ accept: z.boolean(), consent_code: z.string().optional() });

const CONSENT_COOKIE = "oidc_consent_prompt";
const LOGIN_COOKIE = "oidc_login_prompt";

/** The redirect URI with the OAuth answer (`code`/`error`, and `state`) in its query. */
function withParams(uri: string, params: Record<string, string | null | undefined>) {
	const url = new URL(uri);
	for (const [key, value] of Object.entries(params)) if (value != null) url.searchParams.set(key, value);
	return url.toString();
}

/** Stores a fresh authorization code in `verification` and returns it. */
async function issueCode(context: FullAuthContext, options: ResolvedOIDCOptions, data: CodeData) {
	const code = generateRandomString(32, "a-z", "A-Z", "0-9");
	await context.internalAdapter.createVerificationValue({
		identifier: code,
		value: JSON.stringify(data),
		expiresAt: new Date(Date.now() + options.codeExpiresIn * 1000),
	});
	return code;
}

function consentCookie(context: FullAuthContext, options: ResolvedOIDCOptions) {
	return createCookieGetter(context.options)(CONSENT_COOKIE, { maxAge: options.codeExpiresIn });
}

type AuthorizeQuery = z.infer<typeof authorizeQuery>;

/** A validated authorization request. */
interface AuthorizationRequest {
	client: OAuthClient;
	redirectURI: string;
	scopes: string[];
	method: string | null;
	prompts: Set<string>;
	query: AuthorizeQuery;
}

type Outcome = { error: string; description: string } | { request: AuthorizationRequest };

/**
 * Checks an authorization request. Errors about the client or its redirect URI are thrown as 400
 * JSON: sending them to an unregistered URI would make this an open redirector (RFC 6749
 * §4.1.2.1). Later errors are returned, to be sent to the (now trusted) redirect URI.
 */
async function validate(
	context: FullAuthContext,
	options: ResolvedOIDCOptions,
	query: AuthorizeQuery,
): Promise<Outcome> {
	if (!query.client_id) throw oauthError("BAD_REQUEST", "invalid_request", "client_id is required");
	const client: OAuthClient | null = await findClient(context, options, query.client_id);
	if (!client || client.disabled) throw oauthError("BAD_REQUEST", "invalid_client", "Invalid client_id");
	if (!query.redirect_uri || !redirectURIs(client).includes(query.redirect_uri)) {
		throw oauthError("BAD_REQUEST", "invalid_request", "Invalid redirect_uri");
	}
	const fail = (error: string, description: string) => ({ error, description });
	if (query.response_type !== "code") return fail("unsupported_response_type", "Only response_type=code is supported");
	const scopes = (query.scope ?? options.defaultScope).split(" ").filter(Boolean);
	const unknown = scopes.filter((scope) => !options.scopes.includes(scope));
	if (unknown.length > 0) return fail("invalid_scope", `Unsupported scope: ${unknown.join(" ")}`);
	const method = query.code_challenge ? (query.code_challenge_method ?? "plain") : null;
	if (options.requirePKCE && !query.code_challenge) return fail("invalid_request", "code_challenge is required");
	if (method && method !== "S256" && !(method === "plain" && options.allowPlainCodeChallengeMethod)) {
		return fail("invalid_request", "Invalid code_challenge_method");
	}
	const prompts = new Set((query.prompt ?? "").split(" ").filter(Boolean));
	return { request: { client, redirectURI: query.redirect_uri, scopes, method, prompts, query } };
}

type CookieSetter = { setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown };

/**
 * The answer for a signed-in user: a code at the redirect URI when consent is given (or skipped),
 * else the consent page (with the pending code in the signed `oidc_consent_prompt` cookie).
 */
async function grant(
	ctx: CookieSetter,
	context: FullAuthContext,
	options: ResolvedOIDCOptions,
	request: AuthorizationRequest,
	session: { session: { createdAt: Date }; user: { id: string } },
): Promise<{ url: string } | { html: string }> {
	const { client, redirectURI, scopes, prompts, query } = request;
	const data: CodeData = {
		clientId: client.clientId,
		redirectURI,
		scope: scopes,
		userId: session.user.id,
		authTime: Math.floor(new Date(session.session.createdAt).getTime() / 1000),
		requireConsent: false,
		state: query.state ?? null,
		codeChallenge: query.code_challenge ?? null,
		codeChallengeMethod: request.method,
		nonce: query.nonce ?? null,
	};
	const consent = client.skipConsent ? null : await findConsent(context, client.clientId, session.user.id);
	const granted = new Set(consent?.consentGiven ? consent.scopes.split(" ") : []);
	const consented = client.skipConsent || scopes.every((scope) => granted.has(scope));
	if (consented && !prompts.has("consent")) {
		const code = await issueCode(context, options, data);
		return { url: withParams(redirectURI, { code, state: query.state }) };
	}
	if (prompts.has("none")) {
		return {
			url: withParams(redirectURI, {
				error: "consent_required",
				error_description: "Consent required",
				state: query.state,
			}),
		};
	}
	const code = await issueCode(context, options, { ...data, requireConsent: true });
	const cookie = consentCookie(context, options);
	ctx.setCookie(cookie.name, await signValue(code, context.secret), cookie.attributes as Record<string, unknown>);
	const params = new URLSearchParams({ consent_code: code, client_id: client.clientId, scope: scopes.join(" ") });
	if (options.consentPage) {
		return { url: `${options.consentPage}${options.consentPage.includes("?") ? "&" : "?"}${params}` };
	}
	return { html: consentHTML({ clientName: client.name, scopes, code, baseURL: context.baseURL }) };
}

function loginCookie(context: FullAuthContext, options: ResolvedOIDCOptions) {
	return createCookieGetter(context.options)(LOGIN_COOKIE, { maxAge: options.codeExpiresIn });
}

export function authorize(options: ResolvedOIDCOptions) {
	return createAuthEndpoint("/oauth2/authorize", { method: "GET", query: authorizeQuery }, async (ctx) => {
		const context = fullContext(ctx);
		const query = ctx.query;
		const outcome = await validate(context, options, query);
		if ("error" in outcome) {
			throw ctx.redirect(
				withParams(query.redirect_uri as string, {
					error: outcome.error,
					error_description: outcome.description,
					state: query.state,
				}),
			);
		}
		const { request } = outcome;
		const session = await getSessionFromCtx(ctx);
		if (!session || request.prompts.has("login")) {
			if (request.prompts.has("none")) {
				throw ctx.redirect(
					withParams(request.redirectURI, {
						error: "login_required",
						error_description: "Authentication required",
						state: query.state,
					}),
				);
			}
			const search = new URLSearchParams(
				Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
			);
			// Remembered so the flow resumes by itself once the user signs in (see resumeAfterLogin).
			const cookie = loginCookie(context, options);
			ctx.setCookie(
				cookie.name,
				await signValue(search.toString(), context.secret),
				cookie.attributes as Record<string, unknown>,
			);
			throw ctx.redirect(`${options.loginPage}${options.loginPage.includes("?") ? "&" : "?"}${search}`);
		}
		const answer = await grant(ctx, context, options, request, session);
		if ("url" in answer) throw ctx.redirect(answer.url);
		return new Response(answer.html, { headers: { "content-type": "text/html; charset=utf-8" } });
	});
}

/**
 * After hook: when a request carrying the `oidc_login_prompt` cookie signs someone in (a new
 * session cookie in the answer), the authorization continues. The sign-in answer becomes
 * `{ redirect: true, url }` pointing at the code (or the consent page), which the client follows.
 */
export function resumeAfterLogin(options: ResolvedOIDCOptions): AuthHook {
	return {
		// Session refreshes (get-session) re-issue the cookie without a sign-in: not a resume point.
		matcher: (ctx) =>
			ctx.path !== "/get-session" &&
			!ctx.path.startsWith("/oauth2/") &&
			Boolean(ctx.headers?.get("cookie")?.includes(LOGIN_COOKIE)),
		handler: createAuthMiddleware(async (ctx) => {
			const context = fullContext(ctx);
			const name = context.authCookies.sessionToken.name;
			const issued = parseSetCookies(ctx.context.responseHeaders)
				.filter((cookie) => cookie.name === name)
				.at(-1);
			if (!issued || issued.value === "" || issued.options.maxAge === 0) return;
			const cookie = loginCookie(context, options);
			const raw = parseCookies(ctx.headers?.get("cookie")).get(cookie.name);
			const saved = raw ? await verifySignedValue(raw, context.secret) : null;
			if (!saved) return;
			const token = await verifySignedValue(issued.value, context.secret);
			const session = token ? await context.internalAdapter.findSession(token) : null;
			if (!session) return;
			ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
			const parsed = authorizeQuery.safeParse(Object.fromEntries(new URLSearchParams(saved)));
			if (!parsed.success) return;
			const outcome = await validate(context, options, parsed.data).catch(() => null);
			if (!outcome || "error" in outcome) return;
			outcome.request.prompts.delete("login");
			const answer = await grant(ctx, context, options, outcome.request, session);
			const url = "url" in answer ? answer.url : `${context.baseURL}/oauth2/authorize?${new URLSearchParams(saved)}`;
			return ctx.json({ redirect: true, url });
		}),
	};
}

export function consent(options: ResolvedOIDCOptions) {
	return createAuthEndpoint(
		"/oauth2/consent",
		{
			method: "POST",
			body: consentBody,
			use: [sessionMiddleware],
			metadata: { allowedMediaTypes: ["application/json", "application/x-www-form-urlencoded"] },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const cookie = consentCookie(context, options);
			const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
			const raw = parseCookies(header).get(cookie.name);
			const code = ctx.body.consent_code ?? (raw ? await verifySignedValue(raw, context.secret) : null);
			if (!code) throw oauthError("BAD_REQUEST", "invalid_request", "No consent prompt is pending");
			const row = await context.internalAdapter.consumeVerificationValue(code);
			const data = row ? (JSON.parse(row.value) as CodeData) : null;
			if (!data?.requireConsent || data.userId !== (ctx.context as unknown as SessionContext).session.user.id) {
				throw oauthError("BAD_REQUEST", "invalid_request", "Invalid or expired consent code");
			}
			ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
			if (!ctx.body.accept) {
				return ctx.json({
					redirectURI: withParams(data.redirectURI, {
						error: "access_denied",
						error_description: "User denied access",
						state: data.state,
					}),
				});
			}
			await saveConsent(context, data.clientId, data.userId, data.scope);
			const newCode = await issueCode(context, options, { ...data, requireConsent: false });
			return ctx.json({ redirectURI: withParams(data.redirectURI, { code: newCode, state: data.state }) });
		},
	);
}
