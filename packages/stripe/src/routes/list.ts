/** `GET /subscription/list`: the reference's active and trialing subscriptions, with plan limits. */
import type { Session } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { currentSession, fullContext, sessionMiddleware } from "better-auth/api";
import * as z from "zod";
import { loadPlans } from "../plans";
import { isActive, subscriptionStore } from "../store";
import type { StripeOptions, StripeUser, Subscription } from "../types";
import { assertReference } from "../utils";

const listQuery = z.object({ referenceId: z.string().min(1).optional() }).optional();

/** A subscription as listed: the row plus its plan's `limits` and `priceId`. */
export type ListedSubscription = Subscription & { limits?: Record<string, number>; priceId?: string };

export function listActiveSubscriptions(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/list",
		{ method: "GET", query: listQuery, use: [sessionMiddleware] },
		async (ctx) => {
			const { user, session } = currentSession(ctx) as { user: StripeUser; session: Session };
			const referenceId = ctx.query?.referenceId ?? user.id;
			await assertReference(ctx, options, { user, session, referenceId, action: "list-subscription" });
			const rows = (await subscriptionStore(fullContext(ctx)).byReference(referenceId)).filter(isActive);
			if (rows.length === 0) return ctx.json([] as ListedSubscription[]);
			const plans = await loadPlans(options);
			const listed = rows.map((row): ListedSubscription => {
				const plan = plans.find((candidate) => candidate.name.toLowerCase() === row.plan.toLowerCase());
				return { ...row, limits: plan?.limits, priceId: plan?.priceId };
			});
			return ctx.json(listed);
		},
	);
}
