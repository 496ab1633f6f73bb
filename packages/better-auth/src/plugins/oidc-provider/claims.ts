/** The user's claims per scope (OpenID Connect Core §5.4) and the signed ID token. */
import type { User } from "@better-auth/core";
import { SignJWT } from "jose";
import { signJWT } from "../jwt/sign";
import type { JwtOptions } from "../jwt/types";
import { issuerOf, jwtPluginOptions, type OIDCContext } from "./routes/metadata";
import type { OAuthClient, ResolvedOIDCOptions } from "./types";

type Ctx = { context: unknown };

/** `sub`, plus profile and email claims when those scopes were granted, plus the additional claims. */
export async function userClaims(user: User, scopes: string[], client: OAuthClient, options: ResolvedOIDCOptions) {
	const [given, ...rest] = (user.name ?? "").split(" ");
	const profile = scopes.includes("profile")
		? { name: user.name, picture: user.image ?? null, given_name: given ?? "", family_name: rest.join(" ") }
		: {};
	const email = scopes.includes("email") ? { email: user.email, email_verified: user.emailVerified } : {};
	const extra = (await options.getAdditionalUserInfoClaim?.(user, scopes, client)) ?? {};
	return { sub: user.id, ...profile, ...email, ...extra };
}

/**
 * The ID token: HS256 with the client secret (the client can verify it with what it already has),
 * or with the jwt plugin's current key when `useJWTPlugin` is on. Null when neither is possible
 * (a public client without the jwt plugin).
 */
export async function signIdToken(
	ctx: Ctx,
	input: {
		user: User;
		client: OAuthClient;
		scopes: string[];
		nonce: string | null;
		authTime: number;
		options: ResolvedOIDCOptions;
	},
): Promise<string | null> {
	const context = ctx.context as OIDCContext;
	const { user, client, scopes, nonce, authTime, options } = input;
	const now = Math.floor(Date.now() / 1000);
	const payload = {
		...(await userClaims(user, scopes, client, options)),
		aud: client.clientId,
		iss: issuerOf(context, options),
		iat: now,
		exp: now + options.accessTokenExpiresIn,
		auth_time: authTime,
		...(nonce ? { nonce } : {}),
	};
	if (options.useJWTPlugin) {
		const jwtOptions = jwtPluginOptions(context);
		if (!jwtOptions) return null;
		return signJWT(ctx, { payload, options: jwtOptions as JwtOptions });
	}
	if (!client.clientSecret) return null;
	return new SignJWT(payload)
		.setProtectedHeader({ alg: "HS256", typ: "JWT" })
		.sign(new TextEncoder().encode(client.clientSecret));
}
