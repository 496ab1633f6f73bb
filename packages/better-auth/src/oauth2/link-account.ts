/**
 * What happens once a provider has told us who the user is: sign in the owner of the linked
 * account, link the provider to an existing user when that is safe, or create a new user.
 * Never links implicitly to a user whose email neither side has verified.
 */
import type { Account, User } from "@better-auth/core";
import type { OAuth2Tokens, OAuth2UserInfo } from "@better-auth/core/oauth2";
import { sendVerificationEmail } from "../api/routes/email-verification";
import type { FullAuthContext } from "../context/full-context";
import { accountTokenFields } from "./tokens";

export type OAuthSignInError =
	| "account_not_linked"
	| "signup_disabled"
	| "unable_to_create_user"
	| "unable_to_link_account";

export interface OAuthSignInInput {
	providerId: string;
	userInfo: OAuth2UserInfo & { email: string };
	tokens: OAuth2Tokens;
	/** No new users (provider `disableSignUp`, or `disableImplicitSignUp` without `requestSignUp`). */
	disableSignUp?: boolean;
	/** Update name and image (and mapped fields) from the provider on every sign-in. */
	overrideUserInfo?: boolean;
	callbackURL?: string;
	request?: Request;
}

export type OAuthSignInResult = { error: OAuthSignInError } | { user: User; isRegister: boolean };

/** The user fields the provider gave (id and email handled by the caller). */
function userFields(userInfo: OAuth2UserInfo): Record<string, unknown> {
	const { id: _id, email: _email, emailVerified: _verified, ...rest } = userInfo;
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(rest)) if (value !== undefined) fields[key] = value;
	return fields;
}

export function isTrustedProvider(context: FullAuthContext, providerId: string): boolean {
	return context.options.account?.accountLinking?.trustedProviders?.includes(providerId) ?? false;
}

export async function signInWithOAuthUser(
	context: FullAuthContext,
	input: OAuthSignInInput,
): Promise<OAuthSignInResult> {
	const { providerId, userInfo, tokens } = input;
	const accountId = String(userInfo.id);
	const email = userInfo.email.toLowerCase();
	const adapter = context.internalAdapter;
	const tokenFields = await accountTokenFields(context, tokens);

	const linked = await adapter.findAccountByProvider(accountId, providerId);
	const existing = linked
		? await adapter.findUserById(linked.userId)
		: ((await adapter.findUserByEmail(email))?.user ?? null);

	if (existing) {
		let user = existing;
		if (linked) {
			if (context.options.account?.updateAccountOnSignIn !== false && Object.keys(tokenFields).length > 0) {
				await adapter.updateAccount(linked.id, tokenFields);
			}
		} else {
			const linking = context.options.account?.accountLinking;
			const trusted = isTrustedProvider(context, providerId);
			const verifiedBothSides = userInfo.emailVerified && existing.emailVerified;
			if (linking?.enabled === false || linking?.disableImplicitLinking || (!trusted && !verifiedBothSides)) {
				return { error: "account_not_linked" };
			}
			const account = await adapter.createAccount({ userId: existing.id, providerId, accountId, ...tokenFields });
			if (!account) return { error: "unable_to_link_account" };
			if (userInfo.emailVerified && !existing.emailVerified && email === existing.email.toLowerCase()) {
				user = (await adapter.updateUser(existing.id, { emailVerified: true })) ?? user;
			}
		}
		if (input.overrideUserInfo) {
			const { name, image, ...mapped } = userFields(userInfo);
			const update = { ...mapped, ...(name !== undefined ? { name } : {}), ...(image !== undefined ? { image } : {}) };
			if (Object.keys(update).length > 0) user = (await adapter.updateUser(user.id, update)) ?? user;
		}
		return { user, isRegister: false };
	}

	if (input.disableSignUp) return { error: "signup_disabled" };
	const fields = userFields(userInfo);
	// User and account together or not at all.
	const user = await context.adapter
		.transaction(async () => {
			const created = await adapter.createUser({
				...fields,
				name: typeof fields.name === "string" ? fields.name : "",
				email,
				emailVerified: userInfo.emailVerified,
			});
			if (!created) throw new Error("user not created");
			const account: Account | null = await adapter.createAccount({
				userId: created.id,
				providerId,
				accountId,
				...tokenFields,
			});
			if (!account) throw new Error("account not created");
			return created;
		})
		.catch((error: unknown) => {
			context.logger.error("OAuth sign-up: could not create the user and account", error);
			return null;
		});
	if (!user) return { error: "unable_to_create_user" };
	if (!user.emailVerified && context.options.emailVerification?.sendOnSignUp) {
		await sendVerificationEmail(context, user, input.callbackURL, input.request);
	}
	return { user, isRegister: true };
}
