/**
 * The `subscription` rows and `user.stripeCustomerId`, through the adapter (logical names; the
 * adapter maps custom table and column names), and the mapping from a Stripe subscription.
 */
import type { FullAuthContext } from "better-auth/api";
import type Stripe from "stripe";
import type { StripeUser, Subscription } from "./types";

const MODEL = "subscription";

/** Statuses in which a subscription gives access (one such per reference). */
export function isActive(subscription: Pick<Subscription, "status">): boolean {
	return subscription.status === "active" || subscription.status === "trialing";
}

/** Whether a subscription ever had a free trial. */
export function hadTrial(subscription: Subscription): boolean {
	return Boolean(subscription.trialStart || subscription.trialEnd || subscription.status === "trialing");
}

export function subscriptionStore(context: FullAuthContext) {
	const { adapter } = context;
	return {
		byId: (id: string) => adapter.findOne<Subscription>({ model: MODEL, where: [{ field: "id", value: id }] }),
		byStripeId: (stripeSubscriptionId: string) =>
			adapter.findOne<Subscription>({
				model: MODEL,
				where: [{ field: "stripeSubscriptionId", value: stripeSubscriptionId }],
			}),
		byReference: (referenceId: string) =>
			adapter.findMany<Subscription>({ model: MODEL, where: [{ field: "referenceId", value: referenceId }] }),
		byCustomer: (stripeCustomerId: string) =>
			adapter.findMany<Subscription>({
				model: MODEL,
				where: [{ field: "stripeCustomerId", value: stripeCustomerId }],
			}),
		create: (data: Omit<Subscription, "id">) =>
			adapter.create<Omit<Subscription, "id">, Subscription>({ model: MODEL, data }),
		update: (id: string, update: Partial<Subscription>) =>
			adapter.update<Subscription>({ model: MODEL, where: [{ field: "id", value: id }], update }),
		userByCustomer: (stripeCustomerId: string) =>
			adapter.findOne<StripeUser>({ model: "user", where: [{ field: "stripeCustomerId", value: stripeCustomerId }] }),
	};
}

const toDate = (seconds: number | null | undefined) => (typeof seconds === "number" ? new Date(seconds * 1000) : null);

/** The first item of a Stripe subscription (the plugin subscribes to one price at a time). */
export function firstItem(subscription: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
	return subscription.items?.data?.[0];
}

/** A Stripe customer field (an id, or an expanded object) as an id. */
export function customerId(customer: string | { id: string } | null | undefined): string | null {
	if (!customer) return null;
	return typeof customer === "string" ? customer : customer.id;
}

/**
 * The row fields a Stripe subscription determines. The billing period lives on the item since
 * API version 2025-03-31; older API versions put it on the subscription. A subscription counts as
 * scheduled for cancellation with `cancel_at_period_end` or with a `cancel_at` date (what the
 * Billing Portal may set instead).
 */
export function fieldsFromStripe(subscription: Stripe.Subscription): Partial<Subscription> {
	const item = firstItem(subscription);
	const legacy = subscription as unknown as { current_period_start?: number; current_period_end?: number };
	return {
		stripeSubscriptionId: subscription.id,
		stripeCustomerId: customerId(subscription.customer),
		status: subscription.status,
		periodStart: toDate(item?.current_period_start ?? legacy.current_period_start),
		periodEnd: toDate(item?.current_period_end ?? legacy.current_period_end),
		trialStart: toDate(subscription.trial_start),
		trialEnd: toDate(subscription.trial_end),
		cancelAtPeriodEnd: subscription.cancel_at_period_end || subscription.cancel_at != null,
		seats: item?.quantity ?? null,
	};
}

/** The subscription a request names (by Stripe id or row id), or else the reference's active one. */
export function pickSubscription(rows: Subscription[], subscriptionId?: string): Subscription | undefined {
	if (subscriptionId) {
		return rows.find((row) => row.stripeSubscriptionId === subscriptionId || row.id === subscriptionId);
	}
	return rows.find(isActive);
}
