/**
 * What the plugin does with verified webhook events. Stripe is the source of truth: each handler
 * copies the Stripe subscription onto its row, then calls the lifecycle callbacks. Callbacks are
 * decided from the event itself (`previous_attributes`), not from the row, because the success and
 * cancel redirects may have synced the row before the event arrived.
 */
import type Stripe from "stripe";
import { findPlanByName, findPlanByPrice } from "./plans";
import { customerId, fieldsFromStripe, firstItem, subscriptionStore } from "./store";
import type { StripeCallContext, StripeOptions, StripePlan, Subscription } from "./types";

const TRIAL_EXPIRED = new Set(["incomplete_expired", "canceled", "unpaid", "past_due"]);

type Handler = (event: Stripe.Event, options: StripeOptions, ctx: StripeCallContext) => Promise<void>;

/** Copies a Stripe subscription onto a row (plan included, when its price belongs to a plan). */
async function syncRow(
	options: StripeOptions,
	ctx: StripeCallContext,
	row: Subscription,
	stripeSubscription: Stripe.Subscription,
): Promise<{ subscription: Subscription; plan: StripePlan | undefined }> {
	const plan =
		(await findPlanByPrice(options, firstItem(stripeSubscription)?.price)) ?? (await findPlanByName(options, row.plan));
	const fields = { ...fieldsFromStripe(stripeSubscription), ...(plan ? { plan: plan.name.toLowerCase() } : {}) };
	const updated = await subscriptionStore(ctx.context).update(row.id, fields);
	return { subscription: updated ?? { ...row, ...fields }, plan };
}

/** The row of a Stripe subscription: by its id, or by the row id the plugin put in its metadata. */
async function rowOf(ctx: StripeCallContext, stripeSubscription: Stripe.Subscription): Promise<Subscription | null> {
	const store = subscriptionStore(ctx.context);
	const byStripeId = await store.byStripeId(stripeSubscription.id);
	if (byStripeId) return byStripeId;
	const rowId = stripeSubscription.metadata?.subscriptionId;
	return rowId ? store.byId(rowId) : null;
}

const checkoutCompleted: Handler = async (event, options, ctx) => {
	const session = event.data.object as Stripe.Checkout.Session;
	const stripeSubscriptionId = customerId(session.subscription);
	if (session.mode !== "subscription" || !stripeSubscriptionId) return;
	const stripeSubscription = await options.stripeClient.subscriptions.retrieve(stripeSubscriptionId);
	const store = subscriptionStore(ctx.context);
	const rowId = session.metadata?.subscriptionId;
	const row = (rowId ? await store.byId(rowId) : null) ?? (await rowOf(ctx, stripeSubscription));
	if (!row) {
		ctx.context.logger.warn(`Stripe: no subscription row for checkout session ${session.id}`);
		return;
	}
	const { subscription, plan } = await syncRow(options, ctx, row, stripeSubscription);
	if (!plan) return;
	await options.subscription?.onSubscriptionComplete?.({ event, stripeSubscription, subscription, plan }, ctx);
	if (stripeSubscription.status === "trialing") await plan.freeTrial?.onTrialStart?.(subscription);
};

/** A subscription made outside Checkout (dashboard, API) for a known customer gets a row. */
const subscriptionCreated: Handler = async (event, options, ctx) => {
	const stripeSubscription = event.data.object as Stripe.Subscription;
	// Checkout subscriptions carry their row id; `checkout.session.completed` fills those rows.
	if (await rowOf(ctx, stripeSubscription)) return;
	const store = subscriptionStore(ctx.context);
	const customer = customerId(stripeSubscription.customer);
	const user = customer ? await store.userByCustomer(customer) : null;
	const plan = await findPlanByPrice(options, firstItem(stripeSubscription)?.price);
	if (!user || !plan) return;
	await store.create({
		plan: plan.name.toLowerCase(),
		referenceId: stripeSubscription.metadata?.referenceId || user.id,
		status: stripeSubscription.status,
		...fieldsFromStripe(stripeSubscription),
	});
};

const subscriptionUpdated: Handler = async (event, options, ctx) => {
	const stripeSubscription = event.data.object as Stripe.Subscription;
	const row = await rowOf(ctx, stripeSubscription);
	if (!row) return;
	const previous = event.data.previous_attributes as Partial<Stripe.Subscription> | undefined;
	const wasScheduled = previous ? scheduledBefore(stripeSubscription, previous) : Boolean(row.cancelAtPeriodEnd);
	const { subscription, plan } = await syncRow(options, ctx, row, stripeSubscription);
	const callbacks = options.subscription;
	if (subscription.cancelAtPeriodEnd && !wasScheduled) {
		await callbacks?.onSubscriptionCancel?.(
			{ event, subscription, stripeSubscription, cancellationDetails: stripeSubscription.cancellation_details },
			ctx,
		);
	}
	await callbacks?.onSubscriptionUpdate?.({ event, subscription }, ctx);
	const previousStatus = previous?.status ?? row.status;
	if (previousStatus === "trialing" && stripeSubscription.status === "active") {
		await plan?.freeTrial?.onTrialEnd?.({ subscription }, ctx);
	} else if (previousStatus === "trialing" && TRIAL_EXPIRED.has(stripeSubscription.status)) {
		await plan?.freeTrial?.onTrialExpired?.(subscription, ctx);
	}
};

/**
 * Whether the subscription was scheduled for cancellation before the event. `previous_attributes`
 * holds the old value of each field that changed; the others are as they are now.
 */
function scheduledBefore(current: Stripe.Subscription, previous: Partial<Stripe.Subscription>): boolean {
	const periodEnd = "cancel_at_period_end" in previous ? previous.cancel_at_period_end : current.cancel_at_period_end;
	const cancelAt = "cancel_at" in previous ? previous.cancel_at : current.cancel_at;
	return Boolean(periodEnd) || cancelAt != null;
}

const subscriptionDeleted: Handler = async (event, options, ctx) => {
	const stripeSubscription = event.data.object as Stripe.Subscription;
	const row = await rowOf(ctx, stripeSubscription);
	if (!row) return;
	const fields = { ...fieldsFromStripe(stripeSubscription), status: "canceled" };
	const updated = (await subscriptionStore(ctx.context).update(row.id, fields)) ?? { ...row, ...fields };
	await options.subscription?.onSubscriptionDeleted?.({ event, stripeSubscription, subscription: updated }, ctx);
};

const HANDLERS: Record<string, Handler> = {
	"checkout.session.completed": checkoutCompleted,
	"customer.subscription.created": subscriptionCreated,
	"customer.subscription.updated": subscriptionUpdated,
	"customer.subscription.deleted": subscriptionDeleted,
};

/** Runs the plugin's handler for an event (subscription events only when subscriptions are on). */
export async function handleEvent(event: Stripe.Event, options: StripeOptions, ctx: StripeCallContext): Promise<void> {
	if (!options.subscription?.enabled) return;
	await HANDLERS[event.type]?.(event, options, ctx);
}
