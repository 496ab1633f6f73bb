import {
	createAuthorizationURL,
	createTokenRequest,
	fetchJson,
	getOAuth2Tokens,
	type OAuthProvider,
	type ProviderOptions,
	postTokenRequest,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** A Notion person: the `owner.user` of the integration's bot user (`GET /v1/users/me`). */
export interface NotionProfile {
	object: "user";
	id: string;
	type: "person";
	name: string | null;
	avatar_url: string | null;
	person: { email?: string };
}

/** Options of the `notion` provider: the common provider options. */
export interface NotionOptions extends ProviderOptions<NotionProfile> {}

const API = "https://api.notion.com/v1";
const NOTION_VERSION = "2022-06-28";

/** Notion's token endpoint takes JSON and the client credentials in a Basic header. */
async function notionToken(options: NotionOptions, grant: Record<string, string | undefined>) {
	const request = createTokenRequest({ tokenEndpoint: `${API}/oauth/token`, options, authentication: "basic", grant });
	const body = JSON.stringify(Object.fromEntries(request.body));
	const headers = { ...request.headers, "content-type": "application/json" };
	return getOAuth2Tokens(await postTokenRequest(`${API}/oauth/token`, { body, headers }));
}

/**
 * Notion public integrations. The token belongs to a bot; the signed-in person is that bot's
 * owner. Notion does not say whether the email is verified: emailVerified is false.
 */
export const notion = (options: NotionOptions) =>
	({
		id: "notion",
		name: "Notion",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "notion",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${API}/oauth/authorize`,
				scopes: getScopes([], options, scopes),
				state,
				redirectURI,
				additionalParams: { owner: "user" },
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			notionToken(options, {
				grant_type: "authorization_code",
				code,
				redirect_uri: options.redirectURI ?? redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			notionToken(options, { grant_type: "refresh_token", refresh_token: refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const bot = await fetchJson<{ bot?: { owner?: { type: string; user?: NotionProfile } } }>(`${API}/users/me`, {
				accessToken: token.accessToken,
				headers: { "notion-version": NOTION_VERSION },
			});
			const profile = bot?.bot?.owner?.user;
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name ?? "",
				email: profile.person?.email ?? null,
				image: profile.avatar_url,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<NotionProfile, NotionOptions>;
