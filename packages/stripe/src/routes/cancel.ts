/**
 * `POST /subscription/cancel`: a Billing Portal session on the "cancel subscription" flow (the
 * customer confirms there; Stripe then schedules the end of the subscription at period end).
 * `POST /subscription/restore`: undoes a scheduled cancellation before the period ends.
 */
import type { Session } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { currentSession, fullContext, originCheck, sessionMiddleware } from "better-auth/api";
import type Stripe from "stripe";
import * as z from "zod";
import { STRIPE_ERROR_CODES } from "../error-codes";
import { fieldsFromStripe, isActive, pickSubscription, subscriptionStore } from "../store";
import type { AuthorizeReferenceAction, StripeOptions, StripeUser, Subscription } from "../types";
import { assertReference, callStripe, type EndpointLike, endpointURL } from "../utils";

const cancelBody = z.object({
	referenceId: z.string().min(1).optional(),
	/** The Stripe subscription id (or row id); the reference's active subscription by default. */
	subscriptionId: z.string().min(1).optional(),
	/** Where the Billing Portal sends the customer back. */
	returnUrl: z.string(),
});

const restoreBody = z.object({
	referenceId: z.string().min(1).optional(),
	subscriptionId: z.string().min(1).optional(),
});

const returnURL = (ctx: { body?: unknown }) => [
	{ url: (ctx.body as { returnUrl?: unknown } | undefined)?.returnUrl, label: "returnURL" },
];

/** The active subscription a cancel or restore request is about, after the reference check. */
async function targetSubscription(
	ctx: EndpointLike,
	options: StripeOptions,
	body: { referenceId?: string; subscriptionId?: string },
	action: AuthorizeReferenceAction,
): Promise<Subscription & { stripeSubscriptionId: string }> {
	const { user, session } = currentSession(ctx) as { user: StripeUser; session: Session };
	const referenceId = body.referenceId ?? user.id;
	await assertReference(ctx, options, { user, session, referenceId, action });
	const rows = await subscriptionStore(fullContext(ctx)).byReference(referenceId);
	const row = pickSubscription(rows, body.subscriptionId);
	if (!row?.stripeSubscriptionId) throw new APIError("NOT_FOUND", STRIPE_ERROR_CODES.SUBSCRIPTION_NOT_FOUND);
	if (!isActive(row)) throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.SUBSCRIPTION_NOT_ACTIVE);
	return row as Subscription & { stripeSubscriptionId: string };
}

export function cancelSubscription(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/cancel",
		{ method: "POST", body: cancelBody, use: [originCheck(returnURL), sessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const row = await targetSubscription(ctx, options, ctx.body, "cancel-subscription");
			if (row.cancelAtPeriodEnd) throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.SUBSCRIPTION_ALREADY_CANCELED);
			const returnTo = endpointURL(ctx, "/subscription/cancel/callback", {
				callbackURL: ctx.body.returnUrl,
				subscriptionId: row.id,
			});
			const stripe = options.stripeClient;
			try {
				const portal = await stripe.billingPortal.sessions.create({
					customer: row.stripeCustomerId as string,
					return_url: returnTo,
					flow_data: {
						type: "subscription_cancel",
						subscription_cancel: { subscription: row.stripeSubscriptionId },
						after_completion: { type: "redirect", redirect: { return_url: returnTo } },
					},
				});
				return ctx.json({ url: portal.url, redirect: true });
			} catch (error) {
				// Stripe refuses the flow for a subscription already set to cancel: our row was stale.
				const stripeSubscription = await callStripe(context, "retrieving the subscription", () =>
					stripe.subscriptions.retrieve(row.stripeSubscriptionId),
				);
				const fields = fieldsFromStripe(stripeSubscription);
				if (fields.cancelAtPeriodEnd) {
					await subscriptionStore(context).update(row.id, fields);
					throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.SUBSCRIPTION_ALREADY_CANCELED);
				}
				context.logger.error("Stripe: creating the cancel portal session failed", error);
				throw new APIError("INTERNAL_SERVER_ERROR", STRIPE_ERROR_CODES.STRIPE_ERROR);
			}
		},
	);
}

export function restoreSubscription(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/restore",
		{ method: "POST", body: restoreBody.optional(), use: [originCheck(), sessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const row = await targetSubscription(ctx, options, ctx.body ?? {}, "restore-subscription");
			if (!row.cancelAtPeriodEnd) {
				throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.SUBSCRIPTION_NOT_SCHEDULED_FOR_CANCELLATION);
			}
			const stripe = options.stripeClient;
			const current = await callStripe(context, "retrieving the subscription", () =>
				stripe.subscriptions.retrieve(row.stripeSubscriptionId),
			);
			// Undo whichever way the cancellation was scheduled (the two parameters exclude each other).
			const restored: Stripe.Subscription =
				current.cancel_at_period_end || current.cancel_at != null
					? await callStripe(context, "restoring the subscription", () =>
							stripe.subscriptions.update(
								row.stripeSubscriptionId,
								current.cancel_at_period_end ? { cancel_at_period_end: false } : { cancel_at: "" },
							),
						)
					: current;
			await subscriptionStore(context).update(row.id, fieldsFromStripe(restored));
			return ctx.json(restored);
		},
	);
}
