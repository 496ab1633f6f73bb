/**
 * `stripe`: Stripe customers for users and, with `subscription.enabled`, subscriptions to plans
 * (Checkout, Billing Portal, webhooks) for users or any other reference (an organization...).
 *
 * @example
 * betterAuth({
 * 	plugins: [
 * 		stripe({
 * 			stripeClient: new Stripe(process.env.STRIPE_SECRET_KEY!),
 * 			stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET!,
 * 			createCustomerOnSignUp: true,
 * 			subscription: { enabled: true, plans: [{ name: "pro", priceId: "price_123" }] },
 * 		}),
 * 	],
 * })
 */
import type { AuthContext, BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import type Stripe from "stripe";
import { wrapInternalAdapter } from "./customer";
import { STRIPE_ERROR_CODES } from "./error-codes";
import { createBillingPortal } from "./routes/billing-portal";
import { cancelSubscriptionCallback, subscriptionSuccess } from "./routes/callbacks";
import { cancelSubscription, restoreSubscription } from "./routes/cancel";
import { listActiveSubscriptions } from "./routes/list";
import { upgradeSubscription } from "./routes/upgrade";
import { captureWebhookBody, stripeWebhook } from "./routes/webhook";
import { type StripeSchema, stripeSchema } from "./schema";
import type { StripeOptions } from "./types";

export { STRIPE_ERROR_CODES } from "./error-codes";
export type { ListedSubscription } from "./routes/list";
export type {
	AuthorizeReferenceAction,
	StripeCallContext,
	StripeCustomerLink,
	StripeOptions,
	StripePlan,
	StripePlanFreeTrial,
	StripeUser,
	Subscription,
	SubscriptionOptions,
	SubscriptionStatus,
} from "./types";

/** What `/subscription/upgrade` answers when it opens Checkout: the Checkout Session, and `redirect`. */
export type UpgradeCheckoutAnswer = Stripe.Checkout.Session & { redirect: boolean };
/** What `/subscription/restore` answers: the updated Stripe subscription. */
export type RestoreAnswer = Stripe.Subscription;

function subscriptionEndpoints(options: StripeOptions) {
	return {
		upgradeSubscription: upgradeSubscription(options),
		cancelSubscription: cancelSubscription(options),
		restoreSubscription: restoreSubscription(options),
		listActiveSubscriptions: listActiveSubscriptions(options),
		subscriptionSuccess: subscriptionSuccess(options),
		cancelSubscriptionCallback: cancelSubscriptionCallback(options),
		createBillingPortal: createBillingPortal(options),
	};
}

type WebhookEndpoints = { stripeWebhook: ReturnType<typeof stripeWebhook> };
type SubscriptionEndpoints = ReturnType<typeof subscriptionEndpoints>;

/** The endpoints of a configuration: the subscription ones only with `subscription.enabled: true`. */
export type StripeEndpoints<O extends StripeOptions> = O["subscription"] extends { enabled: true }
	? WebhookEndpoints & SubscriptionEndpoints
	: WebhookEndpoints;

function assertOptions(options: StripeOptions) {
	if (!options?.stripeClient)
		throw new BetterAuthError("stripe(): `stripeClient` is required (new Stripe(secretKey)).");
	if (!options.stripeWebhookSecret) {
		throw new BetterAuthError("stripe(): `stripeWebhookSecret` is required (the endpoint's whsec_... signing secret).");
	}
	if (options.subscription?.enabled && !options.subscription.plans) {
		throw new BetterAuthError("stripe(): `subscription.plans` is required when subscriptions are enabled.");
	}
}

/** The plugin object `stripe(options)` returns. */
export type StripePlugin<O extends StripeOptions> = {
	id: "stripe";
	endpoints: StripeEndpoints<O>;
	schema: StripeSchema<O>;
	init: (context: AuthContext) => { context: Partial<AuthContext> };
	onRequest: (request: Request, context: AuthContext) => Promise<void>;
	$ERROR_CODES: typeof STRIPE_ERROR_CODES;
	options: Record<string, unknown>;
};

export function stripe<const O extends StripeOptions>(options: O): StripePlugin<O> {
	assertOptions(options);
	const endpoints = {
		stripeWebhook: stripeWebhook(options),
		...(options.subscription?.enabled ? subscriptionEndpoints(options) : {}),
	} as unknown as StripeEndpoints<O>;
	const plugin = {
		id: "stripe" as const,
		endpoints,
		schema: stripeSchema(options),
		init: (context) => ({ context: wrapInternalAdapter(options, context) }),
		onRequest: async (request, context) => {
			await captureWebhookBody(request, context);
		},
		$ERROR_CODES: STRIPE_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies StripePlugin<O>;
	return plugin satisfies BetterAuthPlugin;
}
