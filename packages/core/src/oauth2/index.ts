/** `@better-auth/core/oauth2`: OAuth2 and OpenID Connect primitives shared by providers and plugins. */
export { OAuth2Error } from "./errors";
export { type ValidateIdTokenInput, validateIdToken } from "./id-token";
export {
	type ClientAuthentication,
	type CreateAuthorizationURLInput,
	clientCredentialsToken,
	createAuthorizationURL,
	createTokenRequest,
	fetchJson,
	postTokenRequest,
	refreshAccessToken,
	validateAuthorizationCode,
} from "./requests";
export type {
	AuthorizationCodeInput,
	AuthorizationURLInput,
	OAuth2Tokens,
	OAuth2UserInfo,
	OAuthProvider,
	ProviderOptions,
	UserInfoInput,
} from "./types";
export { decodeJwtPayload, generateCodeChallenge, getOAuth2Tokens } from "./utils";
