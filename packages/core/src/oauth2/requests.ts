/**
 * The OAuth2 calls a client makes: the authorization URL, and the token endpoint for a code,
 * a refresh token or client credentials. All go through the global `fetch`.
 */
import { OAuth2Error } from "./errors";
import type { OAuth2Tokens, ProviderOptions } from "./types";
import { generateCodeChallenge, getOAuth2Tokens } from "./utils";

type ClientOptions = Pick<ProviderOptions, "clientId" | "clientSecret" | "clientKey" | "scope" | "redirectURI">;

export interface CreateAuthorizationURLInput {
	id: string;
	options: ClientOptions & { prompt?: string; responseMode?: string };
	authorizationEndpoint: string;
	redirectURI: string;
	state: string;
	/** PKCE: the challenge (S256) is added when a verifier is given. */
	codeVerifier?: string;
	scopes?: string[];
	/** How scopes are joined: " " (RFC 6749) unless a provider wants ",". */
	scopeJoiner?: string;
	prompt?: string;
	accessType?: string;
	responseType?: string;
	display?: string;
	loginHint?: string;
	hd?: string;
	responseMode?: string;
	claims?: string[];
	duration?: string;
	/** Extra query parameters (a provider's own, or `additionalParams` from a plugin). */
	additionalParams?: Record<string, string | undefined>;
}

export async function createAuthorizationURL(input: CreateAuthorizationURLInput): Promise<URL> {
	const url = new URL(input.authorizationEndpoint);
	const clientId = input.options.clientKey ? undefined : input.options.clientId;
	url.searchParams.set("response_type", input.responseType ?? "code");
	if (clientId !== undefined) url.searchParams.set("client_id", clientId);
	if (input.options.clientKey) url.searchParams.set("client_key", input.options.clientKey);
	url.searchParams.set("state", input.state);
	const scopes = input.scopes ?? [];
	if (scopes.length > 0) url.searchParams.set("scope", scopes.join(input.scopeJoiner ?? " "));
	url.searchParams.set("redirect_uri", input.options.redirectURI ?? input.redirectURI);
	if (input.codeVerifier) {
		url.searchParams.set("code_challenge_method", "S256");
		url.searchParams.set("code_challenge", await generateCodeChallenge(input.codeVerifier));
	}
	const optional: Record<string, string | undefined> = {
		duration: input.duration,
		display: input.display,
		login_hint: input.loginHint,
		prompt: input.prompt ?? input.options.prompt,
		hd: input.hd,
		access_type: input.accessType,
		response_mode: input.responseMode ?? input.options.responseMode,
		...input.additionalParams,
	};
	if (input.claims?.length) {
		const claims = Object.fromEntries(input.claims.map((claim) => [claim, null]));
		optional.claims = JSON.stringify({ userinfo: { email: null, email_verified: null, ...claims } });
	}
	for (const [key, value] of Object.entries(optional)) {
		if (value !== undefined && value !== "") url.searchParams.set(key, value);
	}
	return url;
}

export type ClientAuthentication = "basic" | "post";

interface TokenRequestInput {
	tokenEndpoint: string;
	options: ClientOptions;
	/** client_secret_basic ("basic") or client_secret_post ("post", the default). */
	authentication?: ClientAuthentication;
	headers?: Record<string, string>;
	additionalParams?: Record<string, string | undefined>;
}

/** Builds a token request body and headers; shared by every grant. */
export function createTokenRequest(input: TokenRequestInput & { grant: Record<string, string | undefined> }): {
	body: URLSearchParams;
	headers: Record<string, string>;
} {
	const body = new URLSearchParams();
	for (const [key, value] of Object.entries({ ...input.grant, ...input.additionalParams })) {
		if (value !== undefined) body.set(key, value);
	}
	const headers: Record<string, string> = {
		"content-type": "application/x-www-form-urlencoded",
		accept: "application/json",
		...input.headers,
	};
	const clientId = input.options.clientKey ?? input.options.clientId ?? "";
	if (input.authentication === "basic") {
		const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(input.options.clientSecret ?? "")}`;
		headers.authorization = `Basic ${btoa(credentials)}`;
	} else {
		body.set(input.options.clientKey ? "client_key" : "client_id", clientId);
		if (input.options.clientSecret !== undefined) body.set("client_secret", input.options.clientSecret);
	}
	return { body, headers };
}

/**
 * POSTs a token request; an `error` answer or a non-2xx status becomes an OAuth2Error. The body is
 * form-encoded, or a string for the few providers that want JSON (with a matching content-type).
 */
export async function postTokenRequest(
	tokenEndpoint: string,
	request: { body: URLSearchParams | string; headers: Record<string, string> },
): Promise<Record<string, unknown>> {
	const response = await fetch(tokenEndpoint, { method: "POST", body: request.body, headers: request.headers });
	const text = await response.text();
	let data: Record<string, unknown>;
	try {
		data = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// Some providers answer application/x-www-form-urlencoded despite Accept.
		data = Object.fromEntries(new URLSearchParams(text));
	}
	if (!response.ok || typeof data.error === "string") {
		throw new OAuth2Error(
			typeof data.error === "string" ? data.error : "invalid_response",
			typeof data.error_description === "string"
				? data.error_description
				: `token endpoint answered ${response.status}`,
			response.status,
		);
	}
	return data;
}

export async function validateAuthorizationCode(
	input: TokenRequestInput & { code: string; redirectURI: string; codeVerifier?: string; deviceId?: string },
): Promise<OAuth2Tokens> {
	const request = createTokenRequest({
		...input,
		grant: {
			grant_type: "authorization_code",
			code: input.code,
			code_verifier: input.codeVerifier,
			redirect_uri: input.options.redirectURI ?? input.redirectURI,
			device_id: input.deviceId,
		},
	});
	return getOAuth2Tokens(await postTokenRequest(input.tokenEndpoint, request));
}

export async function refreshAccessToken(input: TokenRequestInput & { refreshToken: string }): Promise<OAuth2Tokens> {
	const request = createTokenRequest({
		...input,
		grant: { grant_type: "refresh_token", refresh_token: input.refreshToken },
	});
	return getOAuth2Tokens(await postTokenRequest(input.tokenEndpoint, request));
}

export async function clientCredentialsToken(input: TokenRequestInput & { scope?: string }): Promise<OAuth2Tokens> {
	const request = createTokenRequest({
		...input,
		authentication: input.authentication ?? "basic",
		grant: { grant_type: "client_credentials", scope: input.scope },
	});
	return getOAuth2Tokens(await postTokenRequest(input.tokenEndpoint, request));
}

/** GETs a JSON resource with a bearer token (userinfo, profile APIs). Null when it fails. */
export async function fetchJson<T = Record<string, unknown>>(
	url: string,
	init: { accessToken?: string; headers?: Record<string, string>; method?: string; body?: string } = {},
): Promise<T | null> {
	const headers: Record<string, string> = { accept: "application/json", ...init.headers };
	if (init.accessToken) headers.authorization = `Bearer ${init.accessToken}`;
	try {
		const response = await fetch(url, { method: init.method ?? "GET", headers, body: init.body });
		if (!response.ok) return null;
		return (await response.json()) as T;
	} catch {
		return null;
	}
}
