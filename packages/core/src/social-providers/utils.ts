/**
 * The few steps every built-in provider shares: building the scope list and letting the user's
 * options override a provider's own user-info, refresh and ID-token steps.
 */
import type { OAuth2Tokens, OAuth2UserInfo, ProviderOptions, UserInfoInput } from "../oauth2";

/** The provider's default scopes (unless `disableDefaultScope`), then `options.scope`, then the request's, without duplicates. */
export function getScopes(defaults: readonly string[], options: ProviderOptions, requested?: string[]): string[] {
	const scopes = options.disableDefaultScope ? [] : [...defaults];
	for (const scope of [...(options.scope ?? []), ...(requested ?? [])]) {
		if (!scopes.includes(scope)) scopes.push(scope);
	}
	return scopes;
}

/** Spreads `mapProfileToUser(profile)` over the provider's mapping. */
export async function toUserInfo<Profile>(
	options: ProviderOptions<Profile>,
	profile: Profile,
	user: OAuth2UserInfo,
): Promise<{ user: OAuth2UserInfo; data: Profile }> {
	const extra = options.mapProfileToUser ? await options.mapProfileToUser(profile) : undefined;
	return { user: { ...user, ...extra }, data: profile };
}

type UserInfoResult<Profile> = Promise<{ user: OAuth2UserInfo; data: Profile } | null>;

/** The provider's user-info step, unless the options bring their own `getUserInfo`. */
export function getUserInfoWith<Profile>(
	options: ProviderOptions<Profile>,
	getUserInfo: (token: UserInfoInput) => UserInfoResult<Profile>,
): (token: UserInfoInput) => UserInfoResult<Profile> {
	return (token) =>
		options.getUserInfo ? (options.getUserInfo(token) as UserInfoResult<Profile>) : getUserInfo(token);
}

/** The provider's refresh step, unless the options bring their own `refreshAccessToken`. */
export function refreshWith(
	options: ProviderOptions,
	refresh: (refreshToken: string) => Promise<OAuth2Tokens>,
): (refreshToken: string) => Promise<OAuth2Tokens> {
	return (refreshToken) => (options.refreshAccessToken ?? refresh)(refreshToken);
}

/**
 * The provider's ID-token check: always false with `disableIdTokenSignIn`, the options' own
 * `verifyIdToken` when given, the provider's otherwise.
 */
export function verifyIdTokenWith(
	options: ProviderOptions,
	verify: (token: string, nonce?: string) => Promise<boolean>,
): (token: string, nonce?: string) => Promise<boolean> {
	return async (token, nonce) => {
		if (options.disableIdTokenSignIn) return false;
		return (options.verifyIdToken ?? verify)(token, nonce);
	};
}

/**
 * For providers that never return an email: a stable, undeliverable address under the reserved
 * `.invalid` TLD, so an account can still be created. It is never marked verified.
 */
export function placeholderEmail(providerId: string, accountId: string | number): string {
	return `${accountId}@${providerId}.placeholder.invalid`;
}
