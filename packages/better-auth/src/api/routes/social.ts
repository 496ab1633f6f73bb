/**
 * Social sign-in and linked accounts: sign-in/social (redirect or ID token), the provider
 * callback, link-social, unlink-account, get-access-token, refresh-token and account-info.
 * Paths, bodies, answers and `?error=` codes as in better-auth 1.7.
 */
import type { Account, User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import type { OAuth2Tokens, OAuth2UserInfo, OAuthProvider } from "@better-auth/core/oauth2";
import * as z from "zod";
import { type FullAuthContext, fullContext } from "../../context/full-context";
import { isTrustedProvider, signInWithOAuthUser } from "../../oauth2/link-account";
import { generateState, parseState } from "../../oauth2/state";
import { accountTokenFields, decryptToken } from "../../oauth2/tokens";
import { originCheck } from "../middlewares/origin-check";
import { currentSession, getSessionFromCtx, sessionMiddleware } from "../middlewares/session";
import { requestMeta, setSessionCookie } from "../session-cookie";
import { userOutput } from "./shared";

export function findProvider(context: FullAuthContext, id: string): OAuthProvider | undefined {
	return context.socialProviders.find((provider) => provider.id === id);
}

/** `disableSignUp`, or `disableImplicitSignUp` without an explicit `requestSignUp`. */
function signUpDisabled(provider: OAuthProvider, requestSignUp: boolean | undefined): boolean {
	if (provider.disableSignUp ?? provider.options?.disableSignUp) return true;
	return Boolean((provider.disableImplicitSignUp ?? provider.options?.disableImplicitSignUp) && !requestSignUp);
}

function notFound(context: FullAuthContext, provider: string): never {
	context.logger.error("Provider not found. Make sure to add the provider in your auth config", { provider });
	throw new APIError("NOT_FOUND", BASE_ERROR_CODES.PROVIDER_NOT_FOUND);
}

const idTokenSchema = z.object({
	token: z.string(),
	nonce: z.string().optional(),
	accessToken: z.string().optional(),
	refreshToken: z.string().optional(),
	expiresAt: z.number().optional(),
	scopes: z.array(z.string()).optional(),
	user: z
		.object({
			name: z.object({ firstName: z.string().optional(), lastName: z.string().optional() }).optional(),
			email: z.string().optional(),
		})
		.optional(),
});

/** Verifies an ID token with the provider and returns the user it names, or throws the 4xx. */
async function userFromIdToken(
	context: FullAuthContext,
	provider: OAuthProvider,
	idToken: z.infer<typeof idTokenSchema>,
): Promise<{ userInfo: OAuth2UserInfo & { email: string }; tokens: OAuth2Tokens }> {
	if (!provider.verifyIdToken) {
		context.logger.error("Provider does not support id token verification", { provider: provider.id });
		throw new APIError("NOT_FOUND", BASE_ERROR_CODES.ID_TOKEN_NOT_SUPPORTED);
	}
	if (!(await provider.verifyIdToken(idToken.token, idToken.nonce))) {
		throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_TOKEN);
	}
	const tokens: OAuth2Tokens = {
		idToken: idToken.token,
		accessToken: idToken.accessToken,
		refreshToken: idToken.refreshToken,
		accessTokenExpiresAt: idToken.expiresAt ? new Date(idToken.expiresAt) : undefined,
		scopes: idToken.scopes,
	};
	const info = await provider.getUserInfo({ ...tokens, user: idToken.user });
	if (!info?.user) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_GET_USER_INFO);
	if (!info.user.email) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.USER_EMAIL_NOT_FOUND);
	return { userInfo: info.user as OAuth2UserInfo & { email: string }, tokens };
}

/** Where the provider sends the browser back: `/callback/:id`, or a plugin's own path. */
export type CallbackPath = (providerId: string) => string;
const coreCallbackPath: CallbackPath = (providerId) => `/callback/${providerId}`;

function redirectURI(context: FullAuthContext, providerId: string, path: CallbackPath = coreCallbackPath) {
	return `${context.baseURL}${path(providerId)}`;
}

/** `POST /sign-in/social`: the provider's authorization URL, or a session from an ID token. */
export const signInSocial = createAuthEndpoint(
	"/sign-in/social",
	{
		method: "POST",
		body: z.object({
			provider: z.string(),
			callbackURL: z.string().optional(),
			newUserCallbackURL: z.string().optional(),
			errorCallbackURL: z.string().optional(),
			disableRedirect: z.boolean().optional(),
			idToken: idTokenSchema.optional(),
			scopes: z.array(z.string()).optional(),
			requestSignUp: z.boolean().optional(),
			loginHint: z.string().optional(),
			additionalData: z.record(z.string(), z.unknown()).optional(),
		}),
		use: [originCheck()],
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const body = ctx.body;
		const provider = findProvider(context, body.provider) ?? notFound(context, body.provider);
		if (body.idToken) {
			const { userInfo, tokens } = await userFromIdToken(context, provider, body.idToken);
			const result = await signInWithOAuthUser(context, {
				providerId: provider.id,
				userInfo,
				tokens,
				disableSignUp: signUpDisabled(provider, body.requestSignUp),
				overrideUserInfo: provider.options?.overrideUserInfoOnSignIn,
				callbackURL: body.callbackURL,
				request: ctx.request,
			});
			if ("error" in result) {
				throw new APIError("UNAUTHORIZED", { message: result.error.replace(/_/g, " "), code: "OAUTH_LINK_ERROR" });
			}
			const session = await context.internalAdapter.createSession(result.user.id, requestMeta(ctx));
			if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user: result.user });
			return ctx.json({
				redirect: false,
				token: session.token,
				url: undefined,
				user: userOutput(context, result.user),
			});
		}
		return ctx.json(await startOAuthFlow(ctx, provider, body));
	},
);

export interface StartFlowInput {
	callbackURL?: string;
	errorCallbackURL?: string;
	newUserCallbackURL?: string;
	disableRedirect?: boolean;
	scopes?: string[];
	requestSignUp?: boolean;
	loginHint?: string;
	additionalData?: Record<string, unknown>;
	link?: { userId: string; email: string };
}

/** Stores the state and answers `{ url, redirect }` (with a Location header when redirecting). */
export async function startOAuthFlow(
	ctx: Parameters<typeof generateState>[0] & { setHeader: (name: string, value: string) => void },
	provider: OAuthProvider,
	body: StartFlowInput,
	callbackPath: CallbackPath = coreCallbackPath,
): Promise<{ url: string; redirect: boolean }> {
	const context = fullContext(ctx);
	const { state, codeVerifier } = await generateState(ctx, {
		...body.additionalData,
		callbackURL: body.callbackURL ?? "/",
		errorURL: body.errorCallbackURL,
		newUserURL: body.newUserCallbackURL,
		requestSignUp: body.requestSignUp,
		...(body.link ? { link: body.link } : {}),
	});
	const url = await provider.createAuthorizationURL({
		state,
		codeVerifier,
		redirectURI: redirectURI(context, provider.id, callbackPath),
		scopes: body.scopes,
		loginHint: body.loginHint,
	});
	if (!body.disableRedirect) ctx.setHeader("location", url.toString());
	return { url: url.toString(), redirect: !body.disableRedirect };
}

const callbackQuery = z
	.object({
		state: z.string().optional(),
		code: z.string().optional(),
		error: z.string().optional(),
		error_description: z.string().optional(),
		device_id: z.string().optional(),
		user: z.string().optional(),
	})
	.passthrough();

/** The error URL with `?error=` (and the provider's description) appended. */
function errorTarget(context: FullAuthContext, errorURL: string | undefined, error: string, description?: string) {
	const base = errorURL ?? context.options.onAPIError?.errorURL ?? `${context.baseURL}/error`;
	// encodeURIComponent keeps codes such as "email_doesn't_match" readable, as Better Auth sends them.
	let query = `error=${encodeURIComponent(error)}`;
	if (description) query += `&${new URLSearchParams({ error_description: description }).toString()}`;
	return `${base}${base.includes("?") ? "&" : "?"}${query}`;
}

/**
 * `GET /callback/:id` (and POST, for providers that answer with form_post): finishes the flow
 * started by sign-in/social or link-social, then redirects.
 */
export const callbackOAuth = createAuthEndpoint(
	"/callback/:id",
	{
		method: ["GET", "POST"],
		query: callbackQuery.optional(),
		body: callbackQuery.optional(),
		metadata: { allowedMediaTypes: ["application/x-www-form-urlencoded", "application/json"] },
	},
	async (ctx) => finishOAuthCallback(ctx, ctx.params.id),
);

type CallbackCtx = Parameters<typeof parseState>[0] & {
	method?: string;
	query?: z.infer<typeof callbackQuery>;
	body?: z.infer<typeof callbackQuery>;
	redirect: (url: string) => unknown;
	setHeader: (name: string, value: string) => void;
};

/** Finishes a flow: checks the state, exchanges the code, signs in or links, and redirects. */
export async function finishOAuthCallback(
	ctx: CallbackCtx,
	providerId: string,
	callbackPath: CallbackPath = coreCallbackPath,
): Promise<never> {
	const context = fullContext(ctx);
	if (ctx.method === "POST") {
		// form_post: move the answer into the query of a GET, so the state cookie (SameSite=Lax) is sent.
		const merged = new URLSearchParams();
		for (const [key, value] of Object.entries({ ...ctx.query, ...ctx.body })) {
			if (typeof value === "string") merged.set(key, value);
		}
		throw ctx.redirect(`${redirectURI(context, providerId, callbackPath)}?${merged.toString()}`);
	}
	const query = ctx.query ?? {};
	const parsed = await parseState(ctx, query.state);
	if (!parsed.ok) {
		context.logger.error("OAuth callback: invalid state", { error: parsed.error });
		const code = parsed.error === "state_not_found" ? "state_not_found" : "state_mismatch";
		throw ctx.redirect(errorTarget(context, parsed.errorURL, code));
	}
	const state = parsed.data;
	const fail = (error: string, description?: string): never => {
		throw ctx.redirect(errorTarget(context, state.errorURL, error, description));
	};
	if (query.error) fail(query.error, query.error_description);
	const provider = findProvider(context, providerId);
	if (!provider) return fail("oauth_provider_not_found");
	if (!query.code) return fail("no_code");
	let tokens: OAuth2Tokens;
	try {
		tokens = await provider.validateAuthorizationCode({
			code: query.code,
			codeVerifier: state.codeVerifier,
			deviceId: query.device_id,
			redirectURI: redirectURI(context, provider.id, callbackPath),
		});
	} catch (error) {
		context.logger.error("OAuth callback: code exchange failed", error);
		return fail("invalid_code");
	}
	let formUser: { name?: { firstName?: string; lastName?: string }; email?: string } | undefined;
	if (query.user) {
		try {
			formUser = JSON.parse(query.user);
		} catch {
			formUser = undefined;
		}
	}
	const info = await provider.getUserInfo({ ...tokens, user: formUser }).catch(() => null);
	if (!info?.user) return fail("unable_to_get_user_info");
	if (!info.user.email) {
		context.logger.error(
			`Provider "${provider.id}" did not return an email. Request the provider's email scope, or create a placeholder via \`mapProfileToUser\`.`,
		);
		return fail("email_not_found");
	}
	const userInfo = info.user as OAuth2UserInfo & { email: string };

	if (state.link) {
		const result = await linkAccount(context, provider.id, userInfo, tokens, state.link);
		if (result) return fail(result);
		throw ctx.redirect(state.callbackURL);
	}

	const result = await signInWithOAuthUser(context, {
		providerId: provider.id,
		userInfo,
		tokens,
		disableSignUp: signUpDisabled(provider, state.requestSignUp),
		overrideUserInfo: provider.options?.overrideUserInfoOnSignIn,
		callbackURL: state.callbackURL,
		request: ctx.request,
	});
	if ("error" in result) {
		context.logger.error(result.error);
		return fail(result.error);
	}
	const session = await context.internalAdapter.createSession(result.user.id, requestMeta(ctx));
	if (!session) return fail("unable_to_create_session");
	await setSessionCookie(ctx, { session, user: result.user });
	throw ctx.redirect(result.isRegister ? (state.newUserURL ?? state.callbackURL) : state.callbackURL);
}

/**
 * Links a provider account to the user who started link-social. Null on success, else the
 * `?error=` code.
 */
async function linkAccount(
	context: FullAuthContext,
	providerId: string,
	userInfo: OAuth2UserInfo & { email: string },
	tokens: OAuth2Tokens,
	link: { userId: string; email: string },
): Promise<string | null> {
	const linking = context.options.account?.accountLinking;
	if (linking?.enabled === false) return "unable_to_link_account";
	const sameEmail = userInfo.email.toLowerCase() === link.email.toLowerCase();
	if (!sameEmail && !linking?.allowDifferentEmails) return "email_doesn't_match";
	const accountId = String(userInfo.id);
	const tokenFields = await accountTokenFields(context, tokens);
	const existing = await context.internalAdapter.findAccountByProvider(accountId, providerId);
	if (existing) {
		if (existing.userId !== link.userId) return "account_already_linked_to_different_user";
		await context.internalAdapter.updateAccount(existing.id, tokenFields);
	} else {
		const created = await context.internalAdapter.createAccount({
			userId: link.userId,
			providerId,
			accountId,
			...tokenFields,
		});
		if (!created) return "unable_to_link_account";
	}
	if (linking?.updateUserInfoOnLink) {
		const update: Record<string, unknown> = {};
		if (userInfo.name) update.name = userInfo.name;
		if (userInfo.image) update.image = userInfo.image;
		if (Object.keys(update).length > 0) await context.internalAdapter.updateUser(link.userId, update);
	}
	if (sameEmail && userInfo.emailVerified) {
		const user = await context.internalAdapter.findUserById(link.userId);
		if (user && !user.emailVerified) await context.internalAdapter.updateUser(link.userId, { emailVerified: true });
	}
	return null;
}

/** `POST /link-social`: links another provider account to the signed-in user. */
export const linkSocialAccount = createAuthEndpoint(
	"/link-social",
	{
		method: "POST",
		body: z.object({
			provider: z.string(),
			callbackURL: z.string().optional(),
			errorCallbackURL: z.string().optional(),
			disableRedirect: z.boolean().optional(),
			scopes: z.array(z.string()).optional(),
			requestSignUp: z.boolean().optional(),
			idToken: idTokenSchema.optional(),
			additionalData: z.record(z.string(), z.unknown()).optional(),
		}),
		use: [sessionMiddleware, originCheck()],
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const body = ctx.body;
		const provider = findProvider(context, body.provider) ?? notFound(context, body.provider);
		if (body.idToken) {
			const { userInfo, tokens } = await userFromIdToken(context, provider, body.idToken);
			const accountId = String(userInfo.id);
			const existing = await context.internalAdapter.findAccountByProvider(accountId, provider.id);
			if (existing && existing.userId !== user.id) {
				throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.SOCIAL_ACCOUNT_ALREADY_LINKED);
			}
			const sameEmail = userInfo.email.toLowerCase() === user.email.toLowerCase();
			const linking = context.options.account?.accountLinking;
			if (linking?.enabled === false || (!sameEmail && !linking?.allowDifferentEmails)) {
				throw new APIError("UNAUTHORIZED", {
					message: "Account not linked - linking not allowed",
					code: "LINKING_NOT_ALLOWED",
				});
			}
			if (!existing && !userInfo.emailVerified && !isTrustedProvider(context, provider.id) && !sameEmail) {
				throw new APIError("UNAUTHORIZED", {
					message: "Account not linked - linking not allowed",
					code: "LINKING_NOT_ALLOWED",
				});
			}
			const error = await linkAccount(context, provider.id, userInfo, tokens, { userId: user.id, email: user.email });
			if (error) throw new APIError("UNAUTHORIZED", { message: error.replace(/_/g, " "), code: "OAUTH_LINK_ERROR" });
			return ctx.json({ url: "", status: true, redirect: false });
		}
		return ctx.json(await startOAuthFlow(ctx, provider, { ...body, link: { userId: user.id, email: user.email } }));
	},
);

/** `POST /unlink-account`: removes a linked account (never the last one unless allowed). */
export const unlinkAccount = createAuthEndpoint(
	"/unlink-account",
	{
		method: "POST",
		body: z.object({ providerId: z.string().optional(), accountId: z.string().optional() }),
		use: [sessionMiddleware, originCheck()],
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const { providerId, accountId } = ctx.body;
		if (!providerId && !accountId) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
		const accounts = await context.internalAdapter.findAccounts(user.id);
		const target = accounts.find(
			(account) =>
				(!providerId || account.providerId === providerId) &&
				(!accountId || account.id === accountId || account.accountId === accountId),
		);
		if (!target) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
		if (accounts.length === 1 && !context.options.account?.accountLinking?.allowUnlinkingAll) {
			throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UNLINK_LAST_ACCOUNT);
		}
		await context.internalAdapter.deleteAccount(target.id);
		return ctx.json({ status: true });
	},
);

const tokenBody = z.object({
	providerId: z.string().optional(),
	accountId: z.string().optional(),
	userId: z.string().optional(),
});

/**
 * The account a token endpoint works on: by `accountId` (the account's id, or the provider's id
 * with `providerId`) or by `providerId`, for the session's user — or for `userId` on the server.
 */
async function accountFor(
	ctx: { context: unknown; headers?: Headers; request?: Request },
	body: z.infer<typeof tokenBody>,
): Promise<{ account: Account; user: User | null }> {
	const context = fullContext(ctx);
	if (!body.providerId && !body.accountId) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
	const session = await getSessionFromCtx(ctx);
	const userId = ctx.request ? session?.user.id : (body.userId ?? session?.user.id);
	if (!userId) throw new APIError("UNAUTHORIZED", { message: "Unauthorized", code: "UNAUTHORIZED" });
	const accounts = await context.internalAdapter.findAccounts(userId);
	const account = accounts.find(
		(candidate) =>
			(!body.providerId || candidate.providerId === body.providerId) &&
			(!body.accountId || candidate.id === body.accountId || candidate.accountId === body.accountId),
	);
	if (!account) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
	return { account, user: session?.user ?? null };
}

async function refreshAccount(context: FullAuthContext, account: Account, provider: OAuthProvider) {
	const refreshToken = await decryptToken(context, account.refreshToken);
	if (!refreshToken || !provider.refreshAccessToken) {
		throw new APIError("BAD_REQUEST", { message: "Refresh token not found", code: "REFRESH_TOKEN_NOT_FOUND" });
	}
	let tokens: OAuth2Tokens;
	try {
		tokens = await provider.refreshAccessToken(refreshToken);
	} catch (error) {
		context.logger.error("Failed to refresh the access token", error);
		throw new APIError("BAD_REQUEST", {
			message: "Failed to refresh access token",
			code: "FAILED_TO_REFRESH_ACCESS_TOKEN",
		});
	}
	const fields = await accountTokenFields(context, { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken });
	const updated = (await context.internalAdapter.updateAccount(account.id, fields)) ?? account;
	return { tokens: { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken }, account: updated };
}

/** `POST /get-access-token`: a valid access token for a linked account, refreshed when expired. */
export const getAccessToken = createAuthEndpoint(
	"/get-access-token",
	{ method: "POST", body: tokenBody },
	async (ctx) => {
		const context = fullContext(ctx);
		const { account } = await accountFor(ctx, ctx.body);
		const provider = findProvider(context, account.providerId) ?? notFound(context, account.providerId);
		let accessToken = await decryptToken(context, account.accessToken);
		let expiresAt = account.accessTokenExpiresAt ? new Date(account.accessTokenExpiresAt) : null;
		let scope = account.scope;
		let idToken = account.idToken;
		// Refresh a little early, so the token does not expire in the caller's hands.
		if (expiresAt && expiresAt.getTime() - 5000 < Date.now() && account.refreshToken && provider.refreshAccessToken) {
			const refreshed = await refreshAccount(context, account, provider);
			accessToken = refreshed.tokens.accessToken ?? accessToken;
			expiresAt = refreshed.tokens.accessTokenExpiresAt ?? null;
			scope = refreshed.account.scope;
			idToken = refreshed.tokens.idToken ?? idToken;
		}
		return ctx.json({
			accessToken,
			accessTokenExpiresAt: expiresAt ?? undefined,
			scopes: scope ? scope.split(/[ ,]+/).filter(Boolean) : [],
			idToken: idToken ?? undefined,
		});
	},
);

/** `POST /refresh-token`: refreshes a linked account's tokens now. */
export const refreshToken = createAuthEndpoint("/refresh-token", { method: "POST", body: tokenBody }, async (ctx) => {
	const context = fullContext(ctx);
	const { account } = await accountFor(ctx, ctx.body);
	const provider = findProvider(context, account.providerId) ?? notFound(context, account.providerId);
	const { tokens, account: updated } = await refreshAccount(context, account, provider);
	return ctx.json({
		accessToken: tokens.accessToken,
		refreshToken: tokens.refreshToken,
		accessTokenExpiresAt: tokens.accessTokenExpiresAt ?? null,
		refreshTokenExpiresAt: tokens.refreshTokenExpiresAt ?? null,
		scope: updated.scope ?? null,
		idToken: tokens.idToken ?? null,
		providerId: account.providerId,
		accountId: account.id,
	});
});

/** `GET /account-info?accountId=`: the provider's current profile for a linked account. */
export const accountInfo = createAuthEndpoint(
	"/account-info",
	{ method: "GET", query: z.object({ accountId: z.string() }), use: [sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const accounts = await context.internalAdapter.findAccounts(user.id);
		const account = accounts.find((candidate) => candidate.id === ctx.query.accountId);
		if (!account) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
		const provider = findProvider(context, account.providerId) ?? notFound(context, account.providerId);
		const accessToken = await decryptToken(context, account.accessToken);
		const info = await provider
			.getUserInfo({
				accessToken: accessToken ?? undefined,
				idToken: account.idToken ?? undefined,
				scopes: account.scope?.split(/[ ,]+/),
			})
			.catch(() => null);
		if (!info) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_GET_USER_INFO);
		const { id: _id, ...profileUser } = info.user;
		return ctx.json({
			user: profileUser,
			data: info.data,
			account: { id: account.id, providerId: account.providerId, accountId: account.accountId },
		});
	},
);
