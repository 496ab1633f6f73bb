/** `GET /.well-known/openid-configuration`: the discovery document (OpenID Connect Discovery 1.0). */
import { createAuthEndpoint } from "@better-auth/core/api";
import { fullContext } from "../../../context/full-context";
import type { ResolvedOIDCOptions } from "../types";

/** The parts of the auth context the discovery document reads. */
export type OIDCContext = { baseURL: string; options: { plugins?: readonly unknown[] } };

/** The jwt plugin's options when `useJWTPlugin` is on and the plugin is installed. */
export function jwtPluginOptions(context: OIDCContext) {
	const plugin = (context.options.plugins as { id: string; options?: Record<string, unknown> }[] | undefined)?.find(
		(candidate) => candidate.id === "jwt",
	);
	return plugin
		? ((plugin.options ?? {}) as { jwt?: { issuer?: string }; jwks?: { keyPairConfig?: { alg?: string } } })
		: null;
}

/** The issuer: the jwt plugin's issuer when ID tokens are signed with it, else the base URL. */
export function issuerOf(context: OIDCContext, options: ResolvedOIDCOptions) {
	const jwtIssuer = options.useJWTPlugin ? jwtPluginOptions(context)?.jwt?.issuer : undefined;
	return (options.metadata?.issuer as string | undefined) ?? jwtIssuer ?? context.baseURL;
}

export function openIdConfiguration(context: OIDCContext, options: ResolvedOIDCOptions) {
	const base = context.baseURL;
	const algs = options.useJWTPlugin
		? [jwtPluginOptions(context)?.jwks?.keyPairConfig?.alg ?? "EdDSA", "none"]
		: ["HS256", "none"];
	return {
		issuer: issuerOf(context, options),
		authorization_endpoint: `${base}/oauth2/authorize`,
		token_endpoint: `${base}/oauth2/token`,
		userinfo_endpoint: `${base}/oauth2/userinfo`,
		jwks_uri: `${base}/jwks`,
		registration_endpoint: `${base}/oauth2/register`,
		scopes_supported: options.scopes,
		response_types_supported: ["code"],
		response_modes_supported: ["query"],
		grant_types_supported: ["authorization_code", "refresh_token"],
		acr_values_supported: ["urn:mace:incommon:iap:silver", "urn:mace:incommon:iap:bronze"],
		subject_types_supported: ["public"],
		id_token_signing_alg_values_supported: algs,
		token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
		code_challenge_methods_supported: options.allowPlainCodeChallengeMethod ? ["S256", "plain"] : ["S256"],
		claims_supported: [
			"sub",
			"iss",
			"aud",
			"exp",
			"nbf",
			"iat",
			"jti",
			"email",
			"email_verified",
			"name",
			"given_name",
			"family_name",
			"picture",
		],
		...options.metadata,
	};
}

export function getOpenIdConfig(options: ResolvedOIDCOptions) {
	return createAuthEndpoint("/.well-known/openid-configuration", { method: "GET" }, async (ctx) =>
		ctx.json(openIdConfiguration(fullContext(ctx), options)),
	);
}
