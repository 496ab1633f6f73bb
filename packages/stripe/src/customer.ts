/**
 * Stripe customers: one per user, its id in `user.stripeCustomerId`. Created at sign-up with
 * `createCustomerOnSignUp`, otherwise on the first upgrade. An existing Stripe customer with the
 * same email is never adopted: emails are not always verified, and adopting one would hand its
 * billing portal to whoever signed up with that address.
 */
import type { AuthContext, Session } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import { type FullAuthContext, fullContext } from "better-auth/api";
import { STRIPE_ERROR_CODES } from "./error-codes";
import type { StripeCallContext, StripeOptions, StripeUser } from "./types";

type InternalAdapter = FullAuthContext["internalAdapter"];

/** Creates the user's Stripe customer, stores its id on the user and calls `onCustomerCreate`. */
export async function createCustomer(
	options: StripeOptions,
	internalAdapter: InternalAdapter,
	user: StripeUser,
	session: Session | null,
	ctx?: StripeCallContext,
): Promise<string> {
	const extra = (await options.getCustomerCreateParams?.({ user, session }, ctx)) ?? {};
	const stripeCustomer = await options.stripeClient.customers.create({
		email: user.email,
		name: user.name,
		...extra,
		metadata: { ...extra.metadata, userId: user.id },
	});
	await internalAdapter.updateUser(user.id, { stripeCustomerId: stripeCustomer.id });
	await options.onCustomerCreate?.(
		{
			customer: { id: stripeCustomer.id, stripeCustomerId: stripeCustomer.id, userId: user.id },
			stripeCustomer,
			user: { ...user, stripeCustomerId: stripeCustomer.id },
		},
		ctx,
	);
	return stripeCustomer.id;
}

/** The user's Stripe customer id, creating the customer when the user has none yet. */
export async function ensureCustomer(
	options: StripeOptions,
	ctx: StripeCallContext,
	user: StripeUser,
	session: Session,
): Promise<string> {
	const context = ctx.context;
	// The session's copy of the user may predate the customer (cookie cache): read the row.
	const current = ((await context.internalAdapter.findUserById(user.id)) as StripeUser | null) ?? user;
	if (current.stripeCustomerId) return current.stripeCustomerId;
	try {
		return await createCustomer(options, context.internalAdapter, current, session, ctx);
	} catch (error) {
		context.logger.error("Stripe: creating the customer failed", error);
		throw new APIError("INTERNAL_SERVER_ERROR", STRIPE_ERROR_CODES.UNABLE_TO_CREATE_CUSTOMER);
	}
}

/**
 * `init`: wraps the internal adapter so that every new user gets a Stripe customer (with
 * `createCustomerOnSignUp`) and an email change reaches the user's Stripe customer. Failures are
 * logged and never fail the sign-up or the update; the customer is then created on first upgrade.
 */
export function wrapInternalAdapter(options: StripeOptions, authContext: AuthContext): Partial<AuthContext> {
	const context = fullContext({ context: authContext });
	const base = context.internalAdapter;
	const internalAdapter: InternalAdapter = {
		...base,
		createUser: async (data) => {
			const user = (await base.createUser(data)) as StripeUser | null;
			if (!user || !options.createCustomerOnSignUp || user.stripeCustomerId) return user;
			try {
				const stripeCustomerId = await createCustomer(options, base, user, null);
				return { ...user, stripeCustomerId };
			} catch (error) {
				context.logger.error("Stripe: creating the customer at sign-up failed", error);
				return user;
			}
		},
		updateUser: async (id, data) => {
			const user = (await base.updateUser(id, data)) as StripeUser | null;
			if (user?.stripeCustomerId && typeof data.email === "string") {
				try {
					await options.stripeClient.customers.update(user.stripeCustomerId, { email: user.email });
				} catch (error) {
					context.logger.error("Stripe: updating the customer's email failed", error);
				}
			}
			return user;
		},
	};
	return { internalAdapter } as Partial<AuthContext>;
}

/**
 * A Stripe customer of its own for a reference that is not a user (an organization...), so that
 * members who manage its billing never reach the personal customer of whoever subscribed first.
 */
export async function createReferenceCustomer(
	options: StripeOptions,
	ctx: StripeCallContext,
	user: StripeUser,
	referenceId: string,
): Promise<string> {
	try {
		const customer = await options.stripeClient.customers.create({
			email: user.email,
			name: user.name,
			metadata: { referenceId, userId: user.id },
		});
		return customer.id;
	} catch (error) {
		ctx.context.logger.error("Stripe: creating the reference's customer failed", error);
		throw new APIError("INTERNAL_SERVER_ERROR", STRIPE_ERROR_CODES.UNABLE_TO_CREATE_CUSTOMER);
	}
}
