import type { Session, User } from "@better-auth/core";
import type { FullAuthContext } from "better-auth/api";
import type Stripe from "stripe";

/** A Stripe subscription status, as stored in `subscription.status`. */
export type SubscriptionStatus =
	| "active"
	| "canceled"
	| "incomplete"
	| "incomplete_expired"
	| "past_due"
	| "paused"
	| "trialing"
	| "unpaid";

/** A row of the `subscription` table. */
export interface Subscription {
	id: string;
	/** The plan's name, lower-cased. */
	plan: string;
	/** Who the subscription is for: the user's id by default, or an organization's id, etc. */
	referenceId: string;
	stripeCustomerId?: string | null;
	stripeSubscriptionId?: string | null;
	status: SubscriptionStatus | (string & {});
	periodStart?: Date | null;
	periodEnd?: Date | null;
	trialStart?: Date | null;
	trialEnd?: Date | null;
	cancelAtPeriodEnd?: boolean | null;
	seats?: number | null;
}

/** A user row with the column this plugin adds. */
export type StripeUser = User & { stripeCustomerId?: string | null };

/**
 * The endpoint context a callback receives as its second argument: `request` and `headers` of the
 * call, `context` (adapter, options...). Undefined when nothing is in flight (customer creation
 * during sign-up).
 */
export interface StripeCallContext {
	request?: Request;
	headers?: Headers;
	context: FullAuthContext;
}

export interface StripePlanFreeTrial {
	/** Trial length, in days. */
	days: number;
	/** Called when a subscription starts its trial (checkout completed in `trialing`). */
	onTrialStart?: (subscription: Subscription) => Promise<void> | void;
	/** Called when a trial converts: the subscription goes from `trialing` to `active`. */
	onTrialEnd?: (data: { subscription: Subscription }, ctx?: StripeCallContext) => Promise<void> | void;
	/** Called when a trial ends without converting (`incomplete_expired`, `canceled`, `unpaid`, `past_due`). */
	onTrialExpired?: (subscription: Subscription, ctx?: StripeCallContext) => Promise<void> | void;
}

/** A subscription plan. One of `priceId` and `lookupKey` is required. */
export interface StripePlan {
	/** The plan's name; matched case-insensitively and stored lower-cased. */
	name: string;
	/** The Stripe price of the (monthly) plan. */
	priceId?: string;
	/** A Stripe price lookup key, instead of `priceId`. */
	lookupKey?: string;
	/** The price used when the upgrade asks for `annual: true`. */
	annualDiscountPriceId?: string;
	/** A lookup key for the annual price, instead of `annualDiscountPriceId`. */
	annualDiscountLookupKey?: string;
	/** Limits returned with the subscription by `/subscription/list` (e.g. `{ projects: 10 }`). */
	limits?: Record<string, number>;
	/** A free-form group name, to categorize plans. */
	group?: string;
	/** A free trial, granted only to a reference (and a Stripe customer) that never had one. */
	freeTrial?: StripePlanFreeTrial;
}

/** What `authorizeReference` is asked to allow. */
export type AuthorizeReferenceAction =
	| "upgrade-subscription"
	| "list-subscription"
	| "cancel-subscription"
	| "restore-subscription"
	| "billing-portal";

export interface SubscriptionOptions {
	/** Turns the subscription endpoints and the `subscription` table on. */
	enabled: boolean;
	/** The plans, or a function that loads them (called on every request that needs them). */
	plans: StripePlan[] | (() => StripePlan[] | Promise<StripePlan[]>);
	/**
	 * Refuse `/subscription/upgrade` to users whose email is not verified.
	 * @default false
	 */
	requireEmailVerification?: boolean;
	/**
	 * Whether the user may act on subscriptions of `referenceId`. Asked only when `referenceId` is not
	 * the user's own id; without it, foreign reference ids are refused.
	 */
	authorizeReference?: (
		data: { user: StripeUser; session: Session; referenceId: string; action: AuthorizeReferenceAction },
		ctx?: StripeCallContext,
	) => boolean | Promise<boolean>;
	/** After `checkout.session.completed` activated a subscription. */
	onSubscriptionComplete?: (
		data: {
			event: Stripe.Event;
			stripeSubscription: Stripe.Subscription;
			subscription: Subscription;
			plan: StripePlan;
		},
		ctx?: StripeCallContext,
	) => Promise<void> | void;
	/** After `customer.subscription.updated` changed a subscription. */
	onSubscriptionUpdate?: (
		data: { event: Stripe.Event; subscription: Subscription },
		ctx?: StripeCallContext,
	) => Promise<void> | void;
	/** When a subscription becomes scheduled for cancellation (`cancel_at_period_end` turned on). */
	onSubscriptionCancel?: (
		data: {
			event?: Stripe.Event;
			subscription: Subscription;
			stripeSubscription: Stripe.Subscription;
			cancellationDetails?: Stripe.Subscription.CancellationDetails | null;
		},
		ctx?: StripeCallContext,
	) => Promise<void> | void;
	/** After `customer.subscription.deleted` (the subscription has ended). */
	onSubscriptionDeleted?: (
		data: { event: Stripe.Event; stripeSubscription: Stripe.Subscription; subscription: Subscription },
		ctx?: StripeCallContext,
	) => Promise<void> | void;
	/**
	 * Extra parameters for the Checkout Session (merged over the plugin's; the plugin's metadata keys
	 * `userId`, `subscriptionId` and `referenceId` always win) and request options (idempotency key...).
	 */
	getCheckoutSessionParams?: (
		data: { user: StripeUser; session: Session; plan: StripePlan; subscription: Subscription },
		ctx?: StripeCallContext,
	) =>
		| { params?: Partial<Stripe.Checkout.SessionCreateParams>; options?: Stripe.RequestOptions }
		| Promise<{ params?: Partial<Stripe.Checkout.SessionCreateParams>; options?: Stripe.RequestOptions }>;
}

/** The Stripe customer created for a user. */
export interface StripeCustomerLink {
	/** The Stripe customer id. */
	id: string;
	stripeCustomerId: string;
	userId: string;
}

export interface StripeOptions {
	/** A `new Stripe(secretKey)` instance. */
	stripeClient: Stripe;
	/** The signing secret of the webhook endpoint (`whsec_...`). */
	stripeWebhookSecret: string;
	/**
	 * Create a Stripe customer for every new user (otherwise one is created on the first upgrade).
	 * @default false
	 */
	createCustomerOnSignUp?: boolean;
	/** Called after a Stripe customer was created for a user. */
	onCustomerCreate?: (
		data: { customer: StripeCustomerLink; stripeCustomer: Stripe.Customer; user: StripeUser },
		ctx?: StripeCallContext,
	) => Promise<void> | void;
	/** Extra `customers.create` parameters. `session` is null at sign-up. */
	getCustomerCreateParams?: (
		data: { user: StripeUser; session: Session | null },
		ctx?: StripeCallContext,
	) => Partial<Stripe.CustomerCreateParams> | Promise<Partial<Stripe.CustomerCreateParams>>;
	/** Subscriptions: plans, checkout, billing portal, lifecycle callbacks. */
	subscription?: SubscriptionOptions;
	/** Called for every verified webhook event, after the plugin handled it. */
	onEvent?: (event: Stripe.Event) => Promise<void> | void;
	/** Table and column names. */
	schema?: {
		user?: { fields?: { stripeCustomerId?: string } };
		subscription?: {
			modelName?: string;
			fields?: Partial<Record<Exclude<keyof Subscription, "id">, string>>;
		};
	};
}
