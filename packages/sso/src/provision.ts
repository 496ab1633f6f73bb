/**
 * After an identity provider vouched for a user: find the account (providerId = the SSO
 * provider's id), or link to the user with that email when that is safe, or create the user;
 * then organization membership, `provisionUser`, and the session.
 */
import type { Session, User } from "@better-auth/core";
import type { OAuth2Tokens } from "@better-auth/core/oauth2";
import { type FullAuthContext, fullContext, requestMeta, setSessionCookie } from "better-auth/api";
import { hasOrganizationPlugin } from "./providers";
import type { SSOOptions, SSOProvider, SSOUserInfo } from "./types";

export type ProvisionError =
	| "account_not_linked"
	| "signup_disabled"
	| "unable_to_create_user"
	| "unable_to_create_session";

interface ProvisionCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

export interface ProvisionRequest {
	provider: SSOProvider;
	userInfo: SSOUserInfo;
	/** The provider's raw claims or attributes, for the provisioning callbacks. */
	raw: Record<string, unknown>;
	tokens?: OAuth2Tokens;
	requestSignUp?: boolean;
}

function profileFields(userInfo: SSOUserInfo): Record<string, unknown> {
	const { id: _id, email: _email, emailVerified: _verified, ...rest } = userInfo;
	return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== null));
}

/**
 * Linking an SSO identity to an existing user needs either `accountLinking.trustedProviders` to
 * name the provider, or both sides to have a verified email (the provider's only counts with
 * `trustEmailVerified`).
 */
async function findOrCreateUser(
	context: FullAuthContext,
	options: SSOOptions,
	input: ProvisionRequest,
): Promise<{ user: User; isRegister: boolean } | { error: ProvisionError }> {
	const { provider, userInfo } = input;
	const adapter = context.internalAdapter;
	const accountId = userInfo.id;
	const tokenFields = {
		accessToken: input.tokens?.accessToken,
		refreshToken: input.tokens?.refreshToken,
		idToken: input.tokens?.idToken,
		accessTokenExpiresAt: input.tokens?.accessTokenExpiresAt,
		refreshTokenExpiresAt: input.tokens?.refreshTokenExpiresAt,
		scope: input.tokens?.scopes?.join(","),
	};
	const linked = await adapter.findAccountByProvider(accountId, provider.providerId);
	const existing = linked
		? await adapter.findUserById(linked.userId)
		: ((await adapter.findUserByEmail(userInfo.email))?.user ?? null);
	if (existing) {
		let user = existing;
		if (linked) {
			if (input.tokens) await adapter.updateAccount(linked.id, tokenFields);
		} else {
			const linking = context.options.account?.accountLinking;
			const trusted = linking?.trustedProviders?.includes(provider.providerId) ?? false;
			if (linking?.enabled === false || (!trusted && !(userInfo.emailVerified && existing.emailVerified))) {
				return { error: "account_not_linked" };
			}
			await adapter.createAccount({ userId: existing.id, providerId: provider.providerId, accountId, ...tokenFields });
		}
		const override = (provider.oidcConfig ?? provider.samlConfig)?.overrideUserInfo;
		if (override ?? options.defaultOverrideUserInfo) {
			const update = profileFields(userInfo);
			if (Object.keys(update).length > 0) user = (await adapter.updateUser(user.id, update)) ?? user;
		}
		return { user, isRegister: false };
	}
	if (options.disableImplicitSignUp && !input.requestSignUp) return { error: "signup_disabled" };
	const user = await context.adapter
		.transaction(async () => {
			const fields = profileFields(userInfo);
			const created = await adapter.createUser({
				...fields,
				name: typeof fields.name === "string" ? fields.name : "",
				email: userInfo.email,
				emailVerified: userInfo.emailVerified,
			});
			if (!created) throw new Error("user not created");
			const account = await adapter.createAccount({
				userId: created.id,
				providerId: provider.providerId,
				accountId,
				...tokenFields,
			});
			if (!account) throw new Error("account not created");
			return created;
		})
		.catch((error: unknown) => {
			context.logger.error("SSO sign-up: could not create the user and account", error);
			return null;
		});
	return user ? { user, isRegister: true } : { error: "unable_to_create_user" };
}

/** Adds the user to the provider's organization (organization plugin only), once. */
async function provisionMembership(context: FullAuthContext, options: SSOOptions, input: ProvisionRequest, user: User) {
	const { provider } = input;
	const settings = options.organizationProvisioning;
	if (!provider.organizationId || settings?.disabled || !hasOrganizationPlugin(context)) return;
	const member = await context.adapter.findOne({
		model: "member",
		where: [
			{ field: "organizationId", value: provider.organizationId },
			{ field: "userId", value: user.id },
		],
	});
	if (member) return;
	const role = settings?.getRole
		? await settings.getRole({ user, userInfo: input.raw, token: input.tokens, provider })
		: (settings?.defaultRole ?? "member");
	await context.adapter.create({
		model: "member",
		data: { organizationId: provider.organizationId, userId: user.id, role, createdAt: new Date() },
	});
}

/** Signs the user in: user/account, membership, `provisionUser`, session cookie. */
export async function signInSSOUser(
	ctx: ProvisionCtx,
	options: SSOOptions,
	input: ProvisionRequest,
): Promise<{ user: User; session: Session; isRegister: boolean } | { error: ProvisionError }> {
	const context = fullContext(ctx);
	const result = await findOrCreateUser(context, options, input);
	if ("error" in result) return result;
	await provisionMembership(context, options, input, result.user);
	if (options.provisionUser && (result.isRegister || options.provisionUserOnEveryLogin)) {
		await options.provisionUser({
			user: result.user,
			userInfo: input.raw,
			token: input.tokens,
			provider: input.provider,
		});
	}
	const session = await context.internalAdapter.createSession(result.user.id, requestMeta(ctx));
	if (!session) return { error: "unable_to_create_session" };
	await setSessionCookie(ctx, { session, user: result.user });
	return { user: result.user, session, isRegister: result.isRegister };
}
