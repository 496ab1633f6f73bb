/**
 * Where Stripe sends the browser back: `GET /subscription/success` (after Checkout) and
 * `GET /subscription/cancel/callback` (after the Billing Portal's cancel flow). Both pull the
 * subscription's state from Stripe before redirecting to the app, so the app sees the new state
 * even when the webhook has not arrived yet. Lifecycle callbacks are left to the webhook, so each
 * fires once. Without a session they only redirect.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { type FullAuthContext, fullContext, getSessionFromCtx, originCheck } from "better-auth/api";
import * as z from "zod";
import { findPlanByPrice } from "../plans";
import { fieldsFromStripe, firstItem, isActive, subscriptionStore } from "../store";
import type { StripeOptions, Subscription } from "../types";

const callbackQuery = z.object({
	callbackURL: z.string().optional(),
	subscriptionId: z.string().optional(),
});

/** The row named by the query, when a signed-in user follows the link. */
async function rowFromQuery(
	ctx: { context: unknown; headers?: Headers; request?: Request },
	subscriptionId: string | undefined,
): Promise<Subscription | null> {
	if (!subscriptionId || !(await getSessionFromCtx(ctx))) return null;
	return subscriptionStore(fullContext(ctx)).byId(subscriptionId);
}

/** Logs and swallows a failed sync: the redirect happens anyway, the webhook will catch up. */
async function bestEffort(context: FullAuthContext, what: string, run: () => Promise<void>): Promise<void> {
	try {
		await run();
	} catch (error) {
		context.logger.error(`Stripe: ${what} failed`, error);
	}
}

export function subscriptionSuccess(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/success",
		{ method: "GET", query: callbackQuery, use: [originCheck()], metadata: { isAction: false } },
		async (ctx) => {
			const context = fullContext(ctx);
			const callbackURL = ctx.query.callbackURL || "/";
			const row = await rowFromQuery(ctx, ctx.query.subscriptionId);
			if (row && !isActive(row) && row.stripeCustomerId) {
				const customer = row.stripeCustomerId;
				await bestEffort(context, "syncing the subscription after checkout", async () => {
					const { data } = await options.stripeClient.subscriptions.list({ customer, status: "all", limit: 100 });
					const match = data.find(
						(candidate) => candidate.metadata?.subscriptionId === row.id || candidate.id === row.stripeSubscriptionId,
					);
					if (!match) return;
					const plan = await findPlanByPrice(options, firstItem(match)?.price);
					await subscriptionStore(context).update(row.id, {
						...fieldsFromStripe(match),
						...(plan ? { plan: plan.name.toLowerCase() } : {}),
					});
				});
			}
			throw ctx.redirect(callbackURL);
		},
	);
}

export function cancelSubscriptionCallback(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/cancel/callback",
		{ method: "GET", query: callbackQuery, use: [originCheck()], metadata: { isAction: false } },
		async (ctx) => {
			const context = fullContext(ctx);
			const callbackURL = ctx.query.callbackURL || "/";
			const row = await rowFromQuery(ctx, ctx.query.subscriptionId);
			const stripeSubscriptionId = row?.stripeSubscriptionId;
			if (row && stripeSubscriptionId && !row.cancelAtPeriodEnd) {
				await bestEffort(context, "syncing the subscription after cancellation", async () => {
					const stripeSubscription = await options.stripeClient.subscriptions.retrieve(stripeSubscriptionId);
					const fields = fieldsFromStripe(stripeSubscription);
					if (fields.cancelAtPeriodEnd || fields.status !== row.status) {
						await subscriptionStore(context).update(row.id, fields);
					}
				});
			}
			throw ctx.redirect(callbackURL);
		},
	);
}
