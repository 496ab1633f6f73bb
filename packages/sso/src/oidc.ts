/**
 * The OpenID Connect side: discovery, the authorization URL, and turning a callback's code into
 * the user it names (token exchange, ID token verified against the JWKS, userinfo, mapping).
 * The HTTP is done by the shared OAuth2 primitives of `@better-auth/core/oauth2`.
 */
import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuth2Tokens,
	validateAuthorizationCode,
	validateIdToken,
} from "@better-auth/core/oauth2";
import type { OIDCConfig, SSOUserInfo } from "./types";

export const DEFAULT_SCOPES = ["openid", "email", "profile", "offline_access"];

interface DiscoveryDocument {
	issuer?: string;
	authorization_endpoint?: string;
	token_endpoint?: string;
	userinfo_endpoint?: string;
	jwks_uri?: string;
	token_endpoint_auth_methods_supported?: string[];
}

export type DiscoveryResult =
	| { ok: true; config: OIDCConfig }
	| { ok: false; error: "discovery_failed" | "issuer_mismatch" };

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export const needsDiscovery = (config: OIDCConfig) =>
	!config.authorizationEndpoint || !config.tokenEndpoint || !config.jwksEndpoint;

/**
 * Fills the endpoints the config leaves out from the issuer's discovery document. The document's
 * issuer must be the registered one (OIDC Discovery §4.3), so a provider cannot speak for another.
 */
export async function discover(issuer: string, config: OIDCConfig): Promise<DiscoveryResult> {
	const url = config.discoveryEndpoint ?? `${trimSlash(issuer)}/.well-known/openid-configuration`;
	const document = await fetchJson<DiscoveryDocument>(url);
	if (!document || typeof document !== "object") return { ok: false, error: "discovery_failed" };
	if (document.issuer && trimSlash(document.issuer) !== trimSlash(issuer))
		return { ok: false, error: "issuer_mismatch" };
	const methods = document.token_endpoint_auth_methods_supported;
	const authentication =
		config.tokenEndpointAuthentication ??
		(methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post")
			? "client_secret_post"
			: undefined);
	const resolved: OIDCConfig = {
		...config,
		authorizationEndpoint: config.authorizationEndpoint ?? document.authorization_endpoint,
		tokenEndpoint: config.tokenEndpoint ?? document.token_endpoint,
		userInfoEndpoint: config.userInfoEndpoint ?? document.userinfo_endpoint,
		jwksEndpoint: config.jwksEndpoint ?? document.jwks_uri,
		...(authentication ? { tokenEndpointAuthentication: authentication } : {}),
	};
	if (!resolved.authorizationEndpoint || !resolved.tokenEndpoint) return { ok: false, error: "discovery_failed" };
	return { ok: true, config: resolved };
}

export async function authorizationURL(input: {
	config: OIDCConfig;
	state: string;
	codeVerifier?: string;
	redirectURI: string;
	scopes?: string[];
	loginHint?: string;
}): Promise<string> {
	const { config } = input;
	const url = await createAuthorizationURL({
		id: "sso",
		options: { clientId: config.clientId, clientSecret: config.clientSecret },
		authorizationEndpoint: config.authorizationEndpoint as string,
		redirectURI: input.redirectURI,
		state: input.state,
		codeVerifier: input.codeVerifier,
		scopes: input.scopes ?? config.scopes ?? DEFAULT_SCOPES,
		loginHint: input.loginHint,
	});
	return url.toString();
}

export type CodeResult =
	| { ok: true; tokens: OAuth2Tokens; claims: Record<string, unknown> }
	| { ok: false; error: "token_endpoint_not_found" | "invalid_code" | "token_not_verified" | "missing_user_info" };

/** Exchanges the code, verifies the ID token (when the provider sent one) and reads userinfo. */
export async function exchangeCode(input: {
	issuer: string;
	config: OIDCConfig;
	code: string;
	codeVerifier?: string;
	redirectURI: string;
}): Promise<CodeResult> {
	const { config } = input;
	if (!config.tokenEndpoint) return { ok: false, error: "token_endpoint_not_found" };
	let tokens: OAuth2Tokens;
	try {
		tokens = await validateAuthorizationCode({
			tokenEndpoint: config.tokenEndpoint,
			options: { clientId: config.clientId, clientSecret: config.clientSecret },
			authentication: config.tokenEndpointAuthentication === "client_secret_post" ? "post" : "basic",
			code: input.code,
			codeVerifier: input.codeVerifier,
			redirectURI: input.redirectURI,
		});
	} catch {
		return { ok: false, error: "invalid_code" };
	}
	let claims: Record<string, unknown> = {};
	if (tokens.idToken) {
		// Without a JWKS the token cannot be checked; then only userinfo (fetched over TLS) is used.
		const verified = config.jwksEndpoint
			? await validateIdToken(tokens.idToken, {
					jwksURL: config.jwksEndpoint,
					audience: config.clientId,
					issuer: [input.issuer, trimSlash(input.issuer), `${trimSlash(input.issuer)}/`],
				})
			: null;
		if (config.jwksEndpoint && !verified) return { ok: false, error: "token_not_verified" };
		if (verified) claims = { ...verified };
		else if (!config.userInfoEndpoint) claims = decodeJwtPayload(tokens.idToken) ?? {};
	}
	if (config.userInfoEndpoint && tokens.accessToken) {
		const info = await fetchJson<Record<string, unknown>>(config.userInfoEndpoint, { accessToken: tokens.accessToken });
		// The ID token's subject is authoritative: a userinfo answer for another subject is ignored.
		if (info && (claims.sub === undefined || info.sub === undefined || info.sub === claims.sub)) {
			claims = { ...claims, ...info };
		}
	}
	if (Object.keys(claims).length === 0) return { ok: false, error: "missing_user_info" };
	return { ok: true, tokens, claims };
}

const asString = (value: unknown): string | undefined =>
	typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;

/** Maps claims to a user; null when the id or the email is missing. */
export function mapOIDCClaims(
	claims: Record<string, unknown>,
	config: OIDCConfig,
	trustEmailVerified: boolean,
): SSOUserInfo | null {
	const mapping = config.mapping ?? {};
	const id = asString(claims[mapping.id ?? "sub"]);
	const email = asString(claims[mapping.email ?? "email"])?.toLowerCase();
	if (!id || !email) return null;
	const verified = claims[mapping.emailVerified ?? "email_verified"];
	const extra: Record<string, unknown> = {};
	for (const [field, claim] of Object.entries(mapping.extraFields ?? {})) extra[field] = claims[claim];
	return {
		...extra,
		id,
		email,
		emailVerified: trustEmailVerified && (verified === true || verified === "true"),
		name: asString(claims[mapping.name ?? "name"]),
		image: asString(claims[mapping.image ?? "picture"]),
	};
}
