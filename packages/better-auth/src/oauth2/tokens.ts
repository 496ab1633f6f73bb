/**
 * Provider tokens as stored on the account row: encrypted with the secret when
 * `account.encryptOAuthTokens` is on (Better Auth's symmetric format), plain otherwise.
 */
import type { OAuth2Tokens } from "@better-auth/core/oauth2";
import type { FullAuthContext } from "../context/full-context";
import { symmetricDecrypt, symmetricEncrypt } from "../crypto/symmetric";

export async function encryptToken(context: FullAuthContext, token: string | undefined | null) {
	if (!token || !context.options.account?.encryptOAuthTokens) return token ?? null;
	return symmetricEncrypt({ key: context.secret, data: token });
}

/** The plain token; a value that is not in the encrypted format is returned as stored. */
export async function decryptToken(context: FullAuthContext, token: string | undefined | null) {
	if (!token || !context.options.account?.encryptOAuthTokens) return token ?? null;
	if (!/^[0-9a-f]+$/i.test(token) || token.length < 82) return token;
	try {
		return await symmetricDecrypt({ key: context.secret, data: token });
	} catch {
		return token;
	}
}

/** The account columns for a set of tokens (undefined values are left out). */
export async function accountTokenFields(context: FullAuthContext, tokens: OAuth2Tokens) {
	const fields: Record<string, unknown> = {
		accessToken: await encryptToken(context, tokens.accessToken),
		refreshToken: await encryptToken(context, tokens.refreshToken),
		idToken: tokens.idToken,
		accessTokenExpiresAt: tokens.accessTokenExpiresAt,
		refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
		scope: tokens.scopes?.join(","),
	};
	for (const key of Object.keys(fields)) if (fields[key] === undefined || fields[key] === null) delete fields[key];
	return fields;
}
