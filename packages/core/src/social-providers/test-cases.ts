/**
 * Test-only: one row per built-in provider, what it must send and how it must map the profile.
 * `providers.test.ts` runs every row against the fake in `test-server.ts`.
 */
import type { JWTPayload } from "jose";
import type { OAuth2UserInfo } from "../oauth2";
import type { socialProviders } from "./index";
import type { FakeProviderServer, Route } from "./test-server";

export const CLIENT_ID = "client-id";
export const CLIENT_SECRET = "client-secret";
export const NONCE = "nonce-123";

export interface ProviderCase {
	id: keyof typeof socialProviders;
	/** Options besides clientId, clientSecret and the test's own. */
	options?: Record<string, unknown>;
	/** Authorization endpoint, without query. */
	authorize: string;
	/** The `scope` parameter when the request adds the scope "extra". */
	scope: string | null;
	/** Other authorization parameters the provider must send. */
	authorizeParams?: Record<string, string>;
	/** Token endpoint (host and path), without scheme. */
	token: string;
	pkce: boolean;
	clientAuth: "post" | "basic";
	/** The client id parameter's name. */
	clientIdParam?: "client_id" | "client_key";
	/** Claims of the provider's ID tokens (iss, aud, sub...): returned by the token endpoint, and used for verifyIdToken. */
	idTokenClaims?: JWTPayload;
	/** False when the token endpoint returns no ID token although the provider verifies them. */
	idTokenInResponse?: boolean;
	/** For providers with ID-token sign-in: the JWKS to serve (host and path), or null when a verify endpoint answers. */
	jwks?: string | null;
	/** Profile routes, `"METHOD host/path"` → JSON or a handler. */
	routes: (fake: FakeProviderServer) => Record<string, Route>;
	/** The user getUserInfo maps. */
	user: OAuth2UserInfo;
	refresh: boolean;
	/** The refresh endpoint when it is not the token endpoint. */
	refreshEndpoint?: string;
}

const picture = "https://cdn.example/avatar.png";

export const providerCases: ProviderCase[] = [
	{
		id: "apple",
		authorize: "https://appleid.apple.com/auth/authorize",
		scope: "email name extra",
		authorizeParams: { response_mode: "form_post" },
		token: "appleid.apple.com/auth/token",
		pkce: true,
		clientAuth: "post",
		idTokenClaims: {
			iss: "https://appleid.apple.com",
			aud: CLIENT_ID,
			sub: "apple-1",
			email: "a@x.com",
			email_verified: "true",
		},
		jwks: "appleid.apple.com/auth/keys",
		routes: () => ({}),
		user: { id: "apple-1", name: "", email: "a@x.com", image: null, emailVerified: true },
		refresh: true,
	},
	{
		id: "atlassian",
		authorize: "https://auth.atlassian.com/authorize",
		scope: "read:jira-user read:me offline_access extra",
		authorizeParams: { audience: "api.atlassian.com" },
		token: "auth.atlassian.com/oauth/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET api.atlassian.com/me": { account_id: "atl-1", name: "Ann Atl", email: "a@x.com", picture, nickname: "ann" },
		}),
		user: { id: "atl-1", name: "Ann Atl", email: "a@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "cognito",
		options: { domain: "my-app.auth.us-east-1.amazoncognito.com", region: "us-east-1", userPoolId: "us-east-1_Pool" },
		authorize: "https://my-app.auth.us-east-1.amazoncognito.com/oauth2/authorize",
		scope: "openid profile email extra",
		token: "my-app.auth.us-east-1.amazoncognito.com/oauth2/token",
		pkce: true,
		clientAuth: "post",
		idTokenClaims: {
			iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool",
			aud: CLIENT_ID,
			sub: "cog-1",
			token_use: "id",
			email: "c@x.com",
			email_verified: true,
			"cognito:username": "carl",
			picture,
		},
		jwks: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool/.well-known/jwks.json",
		routes: () => ({}),
		user: { id: "cog-1", name: "carl", email: "c@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "discord",
		authorize: "https://discord.com/api/oauth2/authorize",
		scope: "identify email extra",
		token: "discord.com/api/oauth2/token",
		pkce: false,
		clientAuth: "post",
		routes: () => ({
			"GET discord.com/api/users/@me": {
				id: "80351110224678912",
				username: "nelly",
				discriminator: "0",
				global_name: "Nelly",
				avatar: "8342729096ea3675442027381ff50dfe",
				email: "n@x.com",
				verified: true,
			},
		}),
		user: {
			id: "80351110224678912",
			name: "Nelly",
			email: "n@x.com",
			image: "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
			emailVerified: true,
		},
		refresh: true,
	},
	{
		id: "dropbox",
		authorize: "https://www.dropbox.com/oauth2/authorize",
		scope: "account_info.read extra",
		token: "api.dropboxapi.com/oauth2/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"POST api.dropboxapi.com/2/users/get_current_account": {
				account_id: "dbid:1",
				name: { display_name: "Dora Box", given_name: "Dora" },
				email: "d@x.com",
				email_verified: true,
				profile_photo_url: picture,
			},
		}),
		user: { id: "dbid:1", name: "Dora Box", email: "d@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "facebook",
		authorize: "https://www.facebook.com/v24.0/dialog/oauth",
		scope: "email public_profile extra",
		token: "graph.facebook.com/v24.0/oauth/access_token",
		pkce: false,
		clientAuth: "post",
		jwks: "limited.facebook.com/.well-known/oauth/openid/jwks/",
		idTokenClaims: { iss: "https://www.facebook.com", aud: CLIENT_ID, sub: "fb-1" },
		idTokenInResponse: false,
		routes: () => ({
			"GET graph.facebook.com/me": {
				id: "fb-1",
				name: "Fay Book",
				email: "f@x.com",
				picture: { data: { url: picture, height: 50, width: 50, is_silhouette: false } },
			},
		}),
		user: { id: "fb-1", name: "Fay Book", email: "f@x.com", image: picture, emailVerified: false },
		refresh: false,
	},
	{
		id: "figma",
		authorize: "https://www.figma.com/oauth",
		scope: "current_user:read extra",
		token: "api.figma.com/v1/oauth/token",
		pkce: true,
		clientAuth: "basic",
		routes: () => ({ "GET api.figma.com/v1/me": { id: "fig-1", email: "g@x.com", handle: "figgy", img_url: picture } }),
		user: { id: "fig-1", name: "figgy", email: "g@x.com", image: picture, emailVerified: false },
		refresh: true,
		refreshEndpoint: "api.figma.com/v1/oauth/refresh",
	},
	{
		id: "github",
		authorize: "https://github.com/login/oauth/authorize",
		scope: "read:user user:email extra",
		token: "github.com/login/oauth/access_token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET api.github.com/user": { id: 1, login: "octo", name: "Octo Cat", email: "o@x.com", avatar_url: picture },
			"GET api.github.com/user/emails": [{ email: "o@x.com", primary: true, verified: true, visibility: "public" }],
		}),
		user: { id: 1, name: "Octo Cat", email: "o@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "gitlab",
		authorize: "https://gitlab.com/oauth/authorize",
		scope: "read_user extra",
		token: "gitlab.com/oauth/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET gitlab.com/api/v4/user": {
				id: 5,
				username: "gil",
				name: "Gil Lab",
				email: "gl@x.com",
				avatar_url: picture,
				state: "active",
				confirmed_at: "2024-01-01T00:00:00Z",
			},
		}),
		user: { id: 5, name: "Gil Lab", email: "gl@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "google",
		authorize: "https://accounts.google.com/o/oauth2/v2/auth",
		scope: "email profile openid extra",
		authorizeParams: { include_granted_scopes: "true" },
		token: "oauth2.googleapis.com/token",
		pkce: true,
		clientAuth: "post",
		idTokenClaims: {
			iss: "https://accounts.google.com",
			aud: CLIENT_ID,
			sub: "goo-1",
			email: "g@gmail.com",
			email_verified: true,
			name: "Gus Goo",
			picture,
		},
		jwks: "www.googleapis.com/oauth2/v3/certs",
		routes: () => ({}),
		user: { id: "goo-1", name: "Gus Goo", email: "g@gmail.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "huggingface",
		authorize: "https://huggingface.co/oauth/authorize",
		scope: "openid profile email extra",
		token: "huggingface.co/oauth/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET huggingface.co/oauth/userinfo": {
				sub: "hf-1",
				name: "Hugo Face",
				preferred_username: "hugo",
				picture,
				email: "h@x.com",
				email_verified: true,
				isPro: false,
			},
		}),
		user: { id: "hf-1", name: "Hugo Face", email: "h@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "kakao",
		authorize: "https://kauth.kakao.com/oauth/authorize",
		scope: "account_email,profile_image,profile_nickname,extra",
		token: "kauth.kakao.com/oauth/token",
		pkce: false,
		clientAuth: "post",
		idTokenClaims: { iss: "https://kauth.kakao.com", aud: CLIENT_ID, sub: "123" },
		jwks: "kauth.kakao.com/.well-known/jwks.json",
		routes: () => ({
			"GET kapi.kakao.com/v2/user/me": {
				id: 123,
				kakao_account: {
					profile: { nickname: "kako", profile_image_url: picture },
					email: "k@x.com",
					is_email_valid: true,
					is_email_verified: true,
				},
			},
		}),
		user: { id: 123, name: "kako", email: "k@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "kick",
		authorize: "https://id.kick.com/oauth/authorize",
		scope: "user:read extra",
		token: "id.kick.com/oauth/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET api.kick.com/public/v1/users": {
				data: [{ user_id: 7, name: "kicker", email: "ki@x.com", profile_picture: picture }],
				message: "OK",
			},
		}),
		user: { id: 7, name: "kicker", email: "ki@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "line",
		authorize: "https://access.line.me/oauth2/v2.1/authorize",
		scope: "openid profile email extra",
		token: "api.line.me/oauth2/v2.1/token",
		pkce: true,
		clientAuth: "post",
		idTokenClaims: {
			iss: "https://access.line.me",
			aud: CLIENT_ID,
			sub: "U-line-1",
			name: "Lin E",
			picture,
			email: "l@x.com",
		},
		jwks: null,
		routes: (fake) => ({
			// LINE's verify endpoint: signature, audience, expiry and nonce, or 400.
			"POST api.line.me/oauth2/v2.1/verify": async (request) => {
				const payload = await fake.verify(request.params.id_token ?? "", request.params.client_id ?? "");
				if (!payload || (request.params.nonce !== undefined && payload.nonce !== request.params.nonce)) {
					return { status: 400, body: { error: "invalid_request", error_description: "Invalid IdToken." } };
				}
				return { body: payload };
			},
		}),
		user: { id: "U-line-1", name: "Lin E", email: "l@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "linear",
		authorize: "https://linear.app/oauth/authorize",
		scope: "read,extra",
		token: "api.linear.app/oauth/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"POST api.linear.app/graphql": (request) =>
				request.body.includes("viewer")
					? { body: { data: { viewer: { id: "lin-1", name: "Lina", email: "li@x.com", avatarUrl: picture } } } }
					: { status: 400, body: { errors: [] } },
		}),
		user: { id: "lin-1", name: "Lina", email: "li@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "linkedin",
		authorize: "https://www.linkedin.com/oauth/v2/authorization",
		scope: "profile email openid extra",
		token: "www.linkedin.com/oauth/v2/accessToken",
		pkce: false,
		clientAuth: "post",
		idTokenClaims: { iss: "https://www.linkedin.com/oauth", aud: CLIENT_ID, sub: "li-1" },
		jwks: "www.linkedin.com/oauth/openid/jwks",
		routes: () => ({
			"GET api.linkedin.com/v2/userinfo": {
				sub: "li-1",
				name: "Lee Din",
				given_name: "Lee",
				family_name: "Din",
				picture,
				email: "ld@x.com",
				email_verified: true,
			},
		}),
		user: { id: "li-1", name: "Lee Din", email: "ld@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "microsoft",
		authorize: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
		scope: "openid profile email User.Read offline_access extra",
		token: "login.microsoftonline.com/common/oauth2/v2.0/token",
		pkce: true,
		clientAuth: "post",
		idTokenClaims: {
			iss: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
			tid: "11111111-2222-3333-4444-555555555555",
			aud: CLIENT_ID,
			sub: "ms-1",
			name: "Mia Soft",
			email: "m@contoso.com",
			xms_edov: true,
		},
		jwks: "login.microsoftonline.com/common/discovery/v2.0/keys",
		routes: () => ({
			"GET graph.microsoft.com/v1.0/me/photos/48x48/$value": () => ({
				body: new Uint8Array([1, 2, 3]),
				headers: { "content-type": "image/png" },
			}),
		}),
		user: {
			id: "ms-1",
			name: "Mia Soft",
			email: "m@contoso.com",
			image: "data:image/png;base64,AQID",
			emailVerified: true,
		},
		refresh: true,
	},
	{
		id: "naver",
		authorize: "https://nid.naver.com/oauth2.0/authorize",
		scope: "profile email extra",
		token: "nid.naver.com/oauth2.0/token",
		pkce: false,
		clientAuth: "post",
		routes: () => ({
			"GET openapi.naver.com/v1/nid/me": {
				resultcode: "00",
				message: "success",
				response: { id: "nv-1", nickname: "navi", name: "Na Ver", email: "nv@x.com", profile_image: picture },
			},
		}),
		user: { id: "nv-1", name: "Na Ver", email: "nv@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "notion",
		authorize: "https://api.notion.com/v1/oauth/authorize",
		scope: "extra",
		authorizeParams: { owner: "user" },
		token: "api.notion.com/v1/oauth/token",
		pkce: false,
		clientAuth: "basic",
		routes: () => ({
			"GET api.notion.com/v1/users/me": (request) =>
				request.headers["notion-version"]
					? {
							body: {
								object: "user",
								id: "bot-1",
								type: "bot",
								bot: {
									owner: {
										type: "user",
										user: {
											object: "user",
											id: "no-1",
											type: "person",
											name: "Nora Tion",
											avatar_url: picture,
											person: { email: "no@x.com" },
										},
									},
								},
							},
						}
					: { status: 400, body: { code: "missing_version" } },
		}),
		user: { id: "no-1", name: "Nora Tion", email: "no@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "paypal",
		authorize: "https://www.sandbox.paypal.com/signin/authorize",
		scope: "openid email profile extra",
		token: "api-m.sandbox.paypal.com/v1/oauth2/token",
		pkce: true,
		clientAuth: "basic",
		routes: () => ({
			"GET api-m.sandbox.paypal.com/v1/identity/oauth2/userinfo": (request) =>
				request.query.get("schema") === "paypalv1.1"
					? {
							body: {
								user_id: "https://www.paypal.com/webapps/auth/identity/user/pp-1",
								name: "Pay Pal",
								emails: [
									{ value: "old@x.com", primary: false, confirmed: false },
									{ value: "pp@x.com", primary: true, confirmed: true },
								],
								payer_id: "PAYER1",
							},
						}
					: { status: 400, body: {} },
		}),
		user: {
			id: "https://www.paypal.com/webapps/auth/identity/user/pp-1",
			name: "Pay Pal",
			email: "pp@x.com",
			image: null,
			emailVerified: true,
		},
		refresh: true,
	},
	{
		id: "polar",
		authorize: "https://polar.sh/oauth2/authorize",
		scope: "openid profile email extra",
		token: "api.polar.sh/v1/oauth2/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET api.polar.sh/v1/oauth2/userinfo": { sub: "po-1", name: "Pola R", email: "po@x.com", email_verified: true },
		}),
		user: { id: "po-1", name: "Pola R", email: "po@x.com", image: null, emailVerified: true },
		refresh: true,
	},
	{
		id: "reddit",
		authorize: "https://www.reddit.com/api/v1/authorize",
		scope: "identity extra",
		authorizeParams: { duration: "permanent" },
		token: "www.reddit.com/api/v1/access_token",
		pkce: false,
		clientAuth: "basic",
		routes: () => ({
			"GET oauth.reddit.com/api/v1/me": {
				id: "rd1",
				name: "redditor",
				icon_img: "https://styles.redditmedia.com/icon.png?width=256&amp;s=abc",
				has_verified_email: true,
			},
		}),
		user: {
			id: "rd1",
			name: "redditor",
			email: "rd1@reddit.placeholder.invalid",
			image: "https://styles.redditmedia.com/icon.png",
			emailVerified: false,
		},
		refresh: true,
	},
	{
		id: "roblox",
		authorize: "https://apis.roblox.com/oauth/v1/authorize",
		scope: "openid profile extra",
		token: "apis.roblox.com/oauth/v1/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET apis.roblox.com/oauth/v1/userinfo": {
				sub: "9001",
				name: "Rob Lox",
				nickname: "robby",
				preferred_username: "rob",
				picture,
			},
		}),
		user: { id: "9001", name: "robby", email: "9001@roblox.placeholder.invalid", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "salesforce",
		authorize: "https://login.salesforce.com/services/oauth2/authorize",
		scope: "openid email profile extra",
		token: "login.salesforce.com/services/oauth2/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET login.salesforce.com/services/oauth2/userinfo": {
				sub: "https://login.salesforce.com/id/00D/005",
				user_id: "005",
				organization_id: "00D",
				name: "Sal Force",
				email: "s@x.com",
				email_verified: true,
				photos: { picture, thumbnail: "https://cdn.example/t.png" },
			},
		}),
		user: { id: "005", name: "Sal Force", email: "s@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "slack",
		authorize: "https://slack.com/openid/connect/authorize",
		scope: "openid profile email extra",
		token: "slack.com/api/openid.connect.token",
		pkce: false,
		clientAuth: "post",
		routes: () => ({
			"GET slack.com/api/openid.connect.userInfo": {
				ok: true,
				sub: "U123",
				"https://slack.com/user_id": "U123",
				"https://slack.com/team_id": "T1",
				name: "Sla Ck",
				email: "sl@x.com",
				email_verified: true,
				picture,
			},
		}),
		user: { id: "U123", name: "Sla Ck", email: "sl@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "spotify",
		authorize: "https://accounts.spotify.com/authorize",
		scope: "user-read-email extra",
		token: "accounts.spotify.com/api/token",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"GET api.spotify.com/v1/me": {
				id: "sp-1",
				display_name: "Spot",
				email: "sp@x.com",
				images: [{ url: picture, height: 64, width: 64 }],
			},
		}),
		user: { id: "sp-1", name: "Spot", email: "sp@x.com", image: picture, emailVerified: false },
		refresh: true,
	},
	{
		id: "tiktok",
		options: { clientKey: "client-key" },
		authorize: "https://www.tiktok.com/v2/auth/authorize/",
		scope: "user.info.profile,extra",
		token: "open.tiktokapis.com/v2/oauth/token/",
		pkce: false,
		clientAuth: "post",
		clientIdParam: "client_key",
		routes: () => ({
			"GET open.tiktokapis.com/v2/user/info/": (request) =>
				request.query.get("fields")?.split(",").includes("username")
					? {
							body: {
								data: {
									user: { open_id: "tt-1", display_name: "Tik Tok", username: "tiktoker", avatar_large_url: picture },
								},
								error: { code: "ok", message: "", log_id: "1" },
							},
						}
					: { status: 400, body: {} },
		}),
		user: {
			id: "tt-1",
			name: "Tik Tok",
			email: "tt-1@tiktok.placeholder.invalid",
			image: picture,
			emailVerified: false,
		},
		refresh: true,
	},
	{
		id: "twitch",
		authorize: "https://id.twitch.tv/oauth2/authorize",
		scope: "user:read:email openid extra",
		token: "id.twitch.tv/oauth2/token",
		pkce: false,
		clientAuth: "post",
		idTokenClaims: {
			iss: "https://id.twitch.tv/oauth2",
			aud: CLIENT_ID,
			sub: "tw-1",
			preferred_username: "streamer",
			email: "tw@x.com",
			email_verified: true,
			picture,
		},
		routes: () => ({}),
		user: { id: "tw-1", name: "streamer", email: "tw@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "twitter",
		authorize: "https://x.com/i/oauth2/authorize",
		scope: "users.read tweet.read offline.access users.email extra",
		token: "api.x.com/2/oauth2/token",
		pkce: true,
		clientAuth: "basic",
		routes: () => ({
			"GET api.x.com/2/users/me": (request) =>
				request.query.get("user.fields") === "confirmed_email"
					? { body: { data: { id: "x-1", name: "Ex", username: "ex", confirmed_email: "x@x.com" } } }
					: { body: { data: { id: "x-1", name: "Ex", username: "ex", profile_image_url: picture } } },
		}),
		user: { id: "x-1", name: "Ex", email: "x@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
	{
		id: "vk",
		authorize: "https://id.vk.com/authorize",
		scope: "email phone extra",
		token: "id.vk.com/oauth2/auth",
		pkce: true,
		clientAuth: "post",
		routes: () => ({
			"POST id.vk.com/oauth2/user_info": (request) =>
				request.params.access_token && request.params.client_id === CLIENT_ID
					? {
							body: {
								user: { user_id: "vk-1", first_name: "Vera", last_name: "Kay", avatar: picture, email: "vk@x.com" },
							},
						}
					: { status: 401, body: { error: "invalid_token" } },
		}),
		user: { id: "vk-1", name: "Vera Kay", email: "vk@x.com", image: picture, emailVerified: false },
		refresh: false,
	},
	{
		id: "zoom",
		authorize: "https://zoom.us/oauth/authorize",
		scope: "extra",
		token: "zoom.us/oauth/token",
		pkce: true,
		clientAuth: "basic",
		routes: () => ({
			"GET api.zoom.us/v2/users/me": {
				id: "zm-1",
				first_name: "Zo",
				last_name: "Om",
				display_name: "Zo Om",
				email: "z@x.com",
				verified: 1,
				pic_url: picture,
			},
		}),
		user: { id: "zm-1", name: "Zo Om", email: "z@x.com", image: picture, emailVerified: true },
		refresh: true,
	},
];
