/**
 * `oidcProvider`: makes this auth server an OpenID Connect provider. Clients register
 * (`POST /oauth2/register`), send users to `GET /oauth2/authorize` (authorization code + PKCE),
 * exchange the code at `POST /oauth2/token` (access token, refresh token, ID token) and read the
 * user's claims at `GET /oauth2/userinfo`. Discovery: `GET /.well-known/openid-configuration`.
 *
 * @example
 * betterAuth({ plugins: [oidcProvider({ loginPage: "/sign-in", consentPage: "/consent" })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { authorize, consent, resumeAfterLogin } from "./routes/authorize";
import { getOpenIdConfig } from "./routes/metadata";
import { getClient, registerClient } from "./routes/register";
import { token, userinfo } from "./routes/token";
import { oidcSchema } from "./schema";
import type { OIDCOptions, ResolvedOIDCOptions } from "./types";

export type { CodeData, OAuthClient, OIDCOptions } from "./types";

function resolve(options: OIDCOptions): ResolvedOIDCOptions {
	return {
		...options,
		accessTokenExpiresIn: options.accessTokenExpiresIn ?? 3600,
		refreshTokenExpiresIn: options.refreshTokenExpiresIn ?? 604800,
		codeExpiresIn: options.codeExpiresIn ?? 600,
		scopes: [...new Set(["openid", "profile", "email", "offline_access", ...(options.scopes ?? [])])],
		defaultScope: options.defaultScope ?? "openid",
		requirePKCE: options.requirePKCE ?? true,
		allowPlainCodeChallengeMethod: options.allowPlainCodeChallengeMethod ?? true,
	};
}

export function oidcProvider(options: OIDCOptions) {
	const resolved = resolve(options);
	return {
		id: "oidc" as const,
		endpoints: {
			getOpenIdConfig: getOpenIdConfig(resolved),
			oAuth2authorize: authorize(resolved),
			oAuthConsent: consent(resolved),
			oAuth2token: token(resolved),
			oAuth2userInfo: userinfo(resolved),
			registerOAuthApplication: registerClient(resolved),
			getOAuthClient: getClient(resolved),
		},
		hooks: { after: [resumeAfterLogin(resolved)] },
		schema: oidcSchema(options),
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
