import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://discord.com/api/users/@me`. */
export interface DiscordProfile {
	id: string;
	username: string;
	/** "0" for accounts on the new unique-username system. */
	discriminator: string;
	global_name: string | null;
	/** Avatar hash; animated avatars start with `a_`. */
	avatar: string | null;
	bot?: boolean;
	system?: boolean;
	mfa_enabled?: boolean;
	banner?: string | null;
	accent_color?: number | null;
	locale?: string;
	verified?: boolean;
	email?: string | null;
	flags?: number;
	premium_type?: number;
	public_flags?: number;
	/** The avatar URL built from `avatar`, or Discord's default avatar. */
	image_url?: string;
}

/** Options of the `discord` provider: the common provider options, and its own. */
export interface DiscordOptions extends ProviderOptions<DiscordProfile> {
	/**
	 * `none` skips the consent screen for users who already authorized the app.
	 * @default "none"
	 */
	prompt?: "none" | "consent";
}

const API = "https://discord.com/api";
const CDN = "https://cdn.discordapp.com";

/** The user's avatar, or the default avatar Discord itself shows for the account. */
export function discordAvatarURL(profile: Pick<DiscordProfile, "id" | "avatar" | "discriminator">): string {
	if (profile.avatar) {
		const format = profile.avatar.startsWith("a_") ? "gif" : "png";
		return `${CDN}/avatars/${profile.id}/${profile.avatar}.${format}`;
	}
	// New usernames pick among six defaults by id; legacy ones among five by discriminator.
	const index =
		profile.discriminator === "0" || !profile.discriminator
			? Number((BigInt(profile.id) >> 22n) % 6n)
			: Number(profile.discriminator) % 5;
	return `${CDN}/embed/avatars/${index}.png`;
}

/** Discord. emailVerified is the account's `verified` flag (Discord's "email verified"). */
export const discord = (options: DiscordOptions) =>
	({
		id: "discord",
		name: "Discord",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "discord",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${API}/oauth2/authorize`,
				scopes: getScopes(["identify", "email"], options, scopes),
				state,
				redirectURI,
				prompt: options.prompt ?? "none",
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${API}/oauth2/token`, options, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${API}/oauth2/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const user = await fetchJson<DiscordProfile>(`${API}/users/@me`, { accessToken: token.accessToken });
			if (!user?.id) return null;
			const profile: DiscordProfile = { ...user, image_url: discordAvatarURL(user) };
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.global_name || profile.username,
				email: profile.email ?? null,
				image: profile.image_url,
				emailVerified: profile.verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<DiscordProfile, DiscordOptions>;
