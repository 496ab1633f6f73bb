/**
 * `POST /subscription/upgrade`: subscribe a reference to a plan through Stripe Checkout, or switch
 * the reference's active subscription to another plan (or seat count) through a Billing Portal
 * "update confirm" flow, so that a reference never pays for two subscriptions.
 */
import type { Session } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { currentSession, type FullAuthContext, fullContext, originCheck, sessionMiddleware } from "better-auth/api";
import type Stripe from "stripe";
import * as z from "zod";
import { createReferenceCustomer, ensureCustomer } from "../customer";
import { STRIPE_ERROR_CODES } from "../error-codes";
import { findPlanByName, resolvePriceId } from "../plans";
import { firstItem, hadTrial, isActive, pickSubscription, subscriptionStore } from "../store";
import type { StripeOptions, StripePlan, StripeUser, Subscription } from "../types";
import { absoluteURL, assertReference, callContext, callStripe, type EndpointLike, endpointURL } from "../utils";

const upgradeBody = z.object({
	/** The plan's name (case-insensitive). */
	plan: z.string().min(1),
	/** Subscribe to the plan's annual price. */
	annual: z.boolean().optional(),
	/** Who the subscription is for; the user's id by default. */
	referenceId: z.string().min(1).optional(),
	/** The Stripe subscription id (or the row id) of the subscription to switch. */
	subscriptionId: z.string().min(1).optional(),
	/** Added to the Checkout Session's and the subscription's Stripe metadata. */
	metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
	/** The quantity of the subscription item. */
	seats: z.number().int().min(1).optional(),
	successUrl: z.string().optional(),
	cancelUrl: z.string().optional(),
	returnUrl: z.string().optional(),
	/** Answer `redirect: false`: the client then does not follow `url` itself. */
	disableRedirect: z.boolean().optional(),
});

type UpgradeBody = z.infer<typeof upgradeBody>;

/** The redirect targets of an upgrade, checked against the trusted origins. */
const upgradeURLs = (ctx: { body?: unknown }) => {
	const body = (ctx.body ?? {}) as Record<string, unknown>;
	return [
		{ url: body.successUrl, label: "successURL" },
		{ url: body.cancelUrl, label: "cancelURL" },
		{ url: body.returnUrl, label: "returnURL" },
	];
};

export function upgradeSubscription(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/upgrade",
		{ method: "POST", body: upgradeBody, use: [originCheck(upgradeURLs), sessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user, session } = currentSession(ctx) as { user: StripeUser; session: Session };
			const body = ctx.body;
			if (options.subscription?.requireEmailVerification && !user.emailVerified) {
				throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.EMAIL_VERIFICATION_REQUIRED);
			}
			const referenceId = body.referenceId ?? user.id;
			await assertReference(ctx, options, { user, session, referenceId, action: "upgrade-subscription" });
			const plan = await findPlanByName(options, body.plan);
			if (!plan) throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.SUBSCRIPTION_PLAN_NOT_FOUND);

			const store = subscriptionStore(context);
			const rows = await store.byReference(referenceId);
			let target: Subscription | undefined;
			if (body.subscriptionId) {
				target = pickSubscription(rows, body.subscriptionId);
				if (!target) throw new APIError("NOT_FOUND", STRIPE_ERROR_CODES.SUBSCRIPTION_NOT_FOUND);
			}
			const priceId = await callStripe(context, "resolving the price", () =>
				resolvePriceId(options.stripeClient, plan, body.annual === true),
			);
			const current = target && isActive(target) ? target : rows.find(isActive);
			if (current?.stripeSubscriptionId) {
				return ctx.json(await switchPlan(ctx, options, current, priceId, body));
			}

			const customerId = await customerFor(ctx, options, { user, session, referenceId, rows });
			const subscription = await pendingRow(context, rows, {
				plan: plan.name.toLowerCase(),
				seats: body.seats ?? null,
				stripeCustomerId: customerId,
				referenceId,
			});
			const trialUsed = rows.some(hadTrial) || (await store.byCustomer(customerId)).some(hadTrial);
			const checkout = await createCheckout(ctx, options, {
				user,
				session,
				plan,
				subscription,
				customerId,
				priceId,
				trialDays: trialUsed ? undefined : plan.freeTrial?.days,
				body,
			});
			const answer: Stripe.Checkout.Session & { redirect: boolean } = { ...checkout, redirect: !body.disableRedirect };
			return ctx.json(answer);
		},
	);
}

/** The customer who pays: the user's own, or the reference's (created for its first subscription). */
async function customerFor(
	ctx: EndpointLike,
	options: StripeOptions,
	input: { user: StripeUser; session: Session; referenceId: string; rows: Subscription[] },
): Promise<string> {
	const { user, session, referenceId, rows } = input;
	if (referenceId === user.id) return ensureCustomer(options, callContext(ctx), user, session);
	const existing = rows.find((row) => row.stripeCustomerId)?.stripeCustomerId;
	return existing ?? createReferenceCustomer(options, callContext(ctx), user, referenceId);
}

/** The row the checkout will complete: the reference's pending one (abandoned checkout) or a new one. */
async function pendingRow(
	context: FullAuthContext,
	rows: Subscription[],
	fields: Pick<Subscription, "plan" | "seats" | "stripeCustomerId" | "referenceId">,
): Promise<Subscription> {
	const store = subscriptionStore(context);
	const pending = rows.find((row) => row.status === "incomplete" && !row.stripeSubscriptionId);
	if (pending) return (await store.update(pending.id, fields)) ?? { ...pending, ...fields };
	return store.create({ ...fields, status: "incomplete", cancelAtPeriodEnd: false });
}

/** A Billing Portal session that asks the customer to confirm the new price (and seats). */
async function switchPlan(
	ctx: EndpointLike,
	options: StripeOptions,
	current: Subscription,
	priceId: string,
	body: UpgradeBody,
): Promise<{ url: string; redirect: boolean }> {
	const context = fullContext(ctx);
	const stripe = options.stripeClient;
	const stripeSubscriptionId = current.stripeSubscriptionId as string;
	const stripeSubscription = await callStripe(context, "retrieving the subscription", () =>
		stripe.subscriptions.retrieve(stripeSubscriptionId),
	);
	const item = firstItem(stripeSubscription);
	if (!item) throw new APIError("INTERNAL_SERVER_ERROR", STRIPE_ERROR_CODES.STRIPE_ERROR);
	const seats = body.seats ?? item.quantity ?? 1;
	if (item.price.id === priceId && (item.quantity ?? 1) === seats) {
		throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.ALREADY_SUBSCRIBED_PLAN);
	}
	const customer = current.stripeCustomerId ?? (stripeSubscription.customer as string);
	const returnUrl = absoluteURL(ctx, body.returnUrl ?? body.successUrl ?? "/");
	const portal = await callStripe(context, "creating the billing portal session", () =>
		stripe.billingPortal.sessions.create({
			customer,
			return_url: returnUrl,
			flow_data: {
				type: "subscription_update_confirm",
				after_completion: { type: "redirect", redirect: { return_url: returnUrl } },
				subscription_update_confirm: {
					subscription: stripeSubscriptionId,
					items: [{ id: item.id, price: priceId, quantity: seats }],
				},
			},
		}),
	);
	return { url: portal.url, redirect: !body.disableRedirect };
}

/** The Checkout Session for a new subscription. */
async function createCheckout(
	ctx: EndpointLike,
	options: StripeOptions,
	input: {
		user: StripeUser;
		session: Session;
		plan: StripePlan;
		subscription: Subscription;
		customerId: string;
		priceId: string;
		trialDays: number | undefined;
		body: UpgradeBody;
	},
): Promise<Stripe.Checkout.Session> {
	const context = fullContext(ctx);
	const { user, session, plan, subscription, body } = input;
	const custom = await options.subscription?.getCheckoutSessionParams?.(
		{ user, session, plan, subscription },
		callContext(ctx),
	);
	const params = custom?.params ?? {};
	// The plugin's keys win: the webhook finds the row through them.
	const ours = { userId: user.id, subscriptionId: subscription.id, referenceId: subscription.referenceId };
	const metadata = { ...stringify(body.metadata), ...params.metadata, ...ours };
	const successUrl = endpointURL(ctx, "/subscription/success", {
		callbackURL: body.successUrl ?? "/",
		subscriptionId: subscription.id,
	});
	const checkout: Stripe.Checkout.SessionCreateParams = {
		customer: input.customerId,
		customer_update: { name: "auto", address: "auto" },
		mode: "subscription",
		client_reference_id: subscription.referenceId,
		success_url: successUrl,
		cancel_url: absoluteURL(ctx, body.cancelUrl ?? "/"),
		line_items: [{ price: input.priceId, quantity: body.seats ?? 1 }],
		...params,
		subscription_data: {
			...(input.trialDays ? { trial_period_days: input.trialDays } : {}),
			...params.subscription_data,
			metadata: { ...stringify(body.metadata), ...params.subscription_data?.metadata, ...ours },
		},
		metadata,
	};
	return callStripe(context, "creating the checkout session", () =>
		options.stripeClient.checkout.sessions.create(checkout, custom?.options),
	);
}

function stringify(metadata: Record<string, string | number | boolean> | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, String(value)]));
}
