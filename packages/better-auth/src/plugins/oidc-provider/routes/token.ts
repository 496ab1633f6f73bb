/** `POST /oauth2/token` (RFC 6749 §4.1.3 and §6) and `GET /oauth2/userinfo` (OIDC Core §5.3). */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { constantTimeEqual, generateRandomString } from "../../../crypto/random";
import { signIdToken, userClaims } from "../claims";
import { findAccessToken, findClient, oauthError } from "../store";
import type { CodeData, OAuthClient, ResolvedOIDCOptions } from "../types";

const optional = z.string().optional();
const tokenBody = z.object({
	grant_type: optional,
	code: optional,
	redirect_uri: optional,
	client_id: optional,
	client_secret: optional,
	code_verifier: optional,
	refresh_token: optional,
	scope: optional,
});

type TokenBody = z.infer<typeof tokenBody>;

/** Client credentials from the Basic header (RFC 6749 §2.3.1) or the body. */
function credentials(headers: Headers | undefined, body: TokenBody) {
	const header = headers?.get("authorization");
	if (header?.toLowerCase().startsWith("basic ")) {
		try {
			const decoded = atob(header.slice(6).trim());
			const colon = decoded.indexOf(":");
			if (colon < 0) return null;
			return {
				clientId: decodeURIComponent(decoded.slice(0, colon)),
				clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
			};
		} catch {
			return null;
		}
	}
	return body.client_id ? { clientId: body.client_id, clientSecret: body.client_secret } : null;
}

/** The authenticated client; a public client authenticates with its id alone (PKCE protects it). */
async function authenticateClient(
	context: FullAuthContext,
	options: ResolvedOIDCOptions,
	headers: Headers | undefined,
	body: TokenBody,
) {
	const given = credentials(headers, body);
	if (!given) throw oauthError("UNAUTHORIZED", "invalid_client", "Client authentication is required");
	const client = await findClient(context, options, given.clientId);
	if (!client || client.disabled) throw oauthError("UNAUTHORIZED", "invalid_client", "Invalid client");
	if (client.clientSecret) {
		if (!given.clientSecret || !constantTimeEqual(given.clientSecret, client.clientSecret)) {
			throw oauthError("UNAUTHORIZED", "invalid_client", "Invalid client credentials");
		}
	} else if (client.type !== "public") {
		throw oauthError("UNAUTHORIZED", "invalid_client", "Invalid client");
	}
	return client;
}

async function s256(verifier: string) {
	const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
	return btoa(String.fromCharCode(...digest))
		.replace(/\+/g, "-")
		.replace(/\//g, "_")
		.replace(/=+$/, "");
}

async function issueTokens(
	ctx: { context: unknown; setHeader: (name: string, value: string) => void },
	input: {
		client: OAuthClient;
		userId: string;
		scopes: string[];
		nonce: string | null;
		authTime: number;
		withIdToken: boolean;
	},
	options: ResolvedOIDCOptions,
) {
	const context = fullContext(ctx);
	const user = await context.internalAdapter.findUserById(input.userId);
	if (!user) throw oauthError("BAD_REQUEST", "invalid_grant", "User not found");
	const now = Date.now();
	const accessToken = generateRandomString(32, "a-z", "A-Z", "0-9");
	const refreshToken = generateRandomString(32, "a-z", "A-Z", "0-9");
	await context.adapter.create({
		model: "oauthAccessToken",
		data: {
			accessToken,
			refreshToken,
			accessTokenExpiresAt: new Date(now + options.accessTokenExpiresIn * 1000),
			refreshTokenExpiresAt: new Date(now + options.refreshTokenExpiresIn * 1000),
			clientId: input.client.clientId,
			userId: user.id,
			scopes: input.scopes.join(" "),
			createdAt: new Date(now),
			updatedAt: new Date(now),
		},
	});
	const idToken =
		input.withIdToken && input.scopes.includes("openid")
			? await signIdToken(ctx, {
					user,
					client: input.client,
					scopes: input.scopes,
					nonce: input.nonce,
					authTime: input.authTime,
					options,
				})
			: null;
	ctx.setHeader("Cache-Control", "no-store");
	ctx.setHeader("Pragma", "no-cache");
	return {
		access_token: accessToken,
		token_type: "Bearer",
		expires_in: options.accessTokenExpiresIn,
		refresh_token: refreshToken,
		scope: input.scopes.join(" "),
		...(idToken ? { id_token: idToken } : {}),
	};
}

export function token(options: ResolvedOIDCOptions) {
	return createAuthEndpoint(
		"/oauth2/token",
		{
			method: "POST",
			body: tokenBody,
			metadata: { allowedMediaTypes: ["application/x-www-form-urlencoded", "application/json"] },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const body = ctx.body;
			if (!body.grant_type) throw oauthError("BAD_REQUEST", "invalid_request", "grant_type is required");
			if (body.grant_type !== "authorization_code" && body.grant_type !== "refresh_token") {
				throw oauthError("BAD_REQUEST", "unsupported_grant_type", `Unsupported grant_type: ${body.grant_type}`);
			}
			const client = await authenticateClient(context, options, ctx.headers ?? ctx.request?.headers, body);

			if (body.grant_type === "refresh_token") {
				if (!body.refresh_token) throw oauthError("BAD_REQUEST", "invalid_request", "refresh_token is required");
				const row = await findAccessToken(context, "refreshToken", body.refresh_token);
				if (!row || row.clientId !== client.clientId || !row.userId) {
					throw oauthError("BAD_REQUEST", "invalid_grant", "Invalid refresh token");
				}
				// Rotation: the old pair dies with its use, so a stolen refresh token works at most once.
				const deleted = await context.adapter.deleteMany({
					model: "oauthAccessToken",
					where: [{ field: "id", value: row.id }],
				});
				if (deleted !== 1) throw oauthError("BAD_REQUEST", "invalid_grant", "Invalid refresh token");
				if (new Date(row.refreshTokenExpiresAt).getTime() <= Date.now()) {
					throw oauthError("BAD_REQUEST", "invalid_grant", "Refresh token expired");
				}
				const granted = row.scopes.split(" ").filter(Boolean);
				const requested = body.scope ? body.scope.split(" ").filter(Boolean) : granted;
				if (!requested.every((scope) => granted.includes(scope))) {
					throw oauthError("BAD_REQUEST", "invalid_scope", "Scope exceeds the original grant");
				}
				return ctx.json(
					await issueTokens(
						ctx,
						{
							client,
							userId: row.userId,
							scopes: requested,
							nonce: null,
							authTime: Math.floor(Date.now() / 1000),
							withIdToken: true,
						},
						options,
					),
				);
			}

			if (!body.code) throw oauthError("BAD_REQUEST", "invalid_request", "code is required");
			// Taken exactly once: a replayed code finds nothing (RFC 6749 §4.1.2).
			const row = await context.internalAdapter.consumeVerificationValue(body.code);
			let data: CodeData | null = null;
			try {
				data = row ? (JSON.parse(row.value) as CodeData) : null;
			} catch {
				data = null;
			}
			if (!data || data.requireConsent || !data.clientId) {
				throw oauthError("BAD_REQUEST", "invalid_grant", "Invalid or expired authorization code");
			}
			if (data.clientId !== client.clientId) throw oauthError("BAD_REQUEST", "invalid_grant", "Client mismatch");
			if (body.redirect_uri !== data.redirectURI) {
				throw oauthError("BAD_REQUEST", "invalid_grant", "redirect_uri does not match the authorization request");
			}
			if (data.codeChallenge) {
				if (!body.code_verifier) throw oauthError("BAD_REQUEST", "invalid_request", "code_verifier is required");
				const computed = data.codeChallengeMethod === "S256" ? await s256(body.code_verifier) : body.code_verifier;
				if (!constantTimeEqual(computed, data.codeChallenge)) {
					throw oauthError("BAD_REQUEST", "invalid_grant", "Invalid code_verifier");
				}
			} else if (!client.clientSecret) {
				throw oauthError("BAD_REQUEST", "invalid_request", "PKCE is required for public clients");
			}
			return ctx.json(
				await issueTokens(
					ctx,
					{
						client,
						userId: data.userId,
						scopes: data.scope,
						nonce: data.nonce,
						authTime: data.authTime,
						withIdToken: true,
					},
					options,
				),
			);
		},
	);
}

export function userinfo(options: ResolvedOIDCOptions) {
	return createAuthEndpoint("/oauth2/userinfo", { method: "GET" }, async (ctx) => {
		const context = fullContext(ctx);
		const header = (ctx.headers ?? ctx.request?.headers)?.get("authorization") ?? "";
		const value = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
		if (!value) throw oauthError("UNAUTHORIZED", "invalid_request", "Bearer access token is required");
		const row = await findAccessToken(context, "accessToken", value);
		if (!row?.userId || new Date(row.accessTokenExpiresAt).getTime() <= Date.now()) {
			throw oauthError("UNAUTHORIZED", "invalid_token", "Invalid or expired access token");
		}
		const scopes = row.scopes.split(" ").filter(Boolean);
		if (!scopes.includes("openid")) throw oauthError("FORBIDDEN", "insufficient_scope", "The openid scope is required");
		const client = await findClient(context, options, row.clientId);
		const user = await context.internalAdapter.findUserById(row.userId);
		if (!client || !user) throw oauthError("UNAUTHORIZED", "invalid_token", "Invalid access token");
		return ctx.json(await userClaims(user, scopes, client, options));
	});
}
