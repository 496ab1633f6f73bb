/** `POST /subscription/billing-portal`: a Stripe Billing Portal session for the reference's customer. */
import type { Session } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { currentSession, fullContext, originCheck, sessionMiddleware } from "better-auth/api";
import type Stripe from "stripe";
import * as z from "zod";
import { STRIPE_ERROR_CODES } from "../error-codes";
import { subscriptionStore } from "../store";
import type { StripeOptions, StripeUser } from "../types";
import { absoluteURL, assertReference, callStripe } from "../utils";

/** Stripe's portal locales look like `auto`, `fr`, `pt-BR` or `es-419`. */
const LOCALE = /^(auto|[a-z]{2}(-([A-Z]{2}|419))?)$/;

const billingPortalBody = z
	.object({
		locale: z.string().regex(LOCALE).optional(),
		referenceId: z.string().min(1).optional(),
		returnUrl: z.string().optional(),
	})
	.optional();

const returnURL = (ctx: { body?: unknown }) => [
	{ url: (ctx.body as { returnUrl?: unknown } | undefined)?.returnUrl, label: "returnURL" },
];

export function createBillingPortal(options: StripeOptions) {
	return createAuthEndpoint(
		"/subscription/billing-portal",
		{ method: "POST", body: billingPortalBody, use: [originCheck(returnURL), sessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user, session } = currentSession(ctx) as { user: StripeUser; session: Session };
			const body = ctx.body ?? {};
			const referenceId = body.referenceId ?? user.id;
			await assertReference(ctx, options, { user, session, referenceId, action: "billing-portal" });
			const own =
				referenceId === user.id
					? ((await context.internalAdapter.findUserById(user.id)) as StripeUser | null)?.stripeCustomerId
					: null;
			const customer =
				own ??
				(await subscriptionStore(context).byReference(referenceId)).find((row) => row.stripeCustomerId)
					?.stripeCustomerId;
			if (!customer) throw new APIError("NOT_FOUND", STRIPE_ERROR_CODES.CUSTOMER_NOT_FOUND);
			const portal = await callStripe(context, "creating the billing portal session", () =>
				options.stripeClient.billingPortal.sessions.create({
					customer,
					return_url: absoluteURL(ctx, body.returnUrl ?? "/"),
					...(body.locale ? { locale: body.locale as Stripe.BillingPortal.SessionCreateParams.Locale } : {}),
				}),
			);
			return ctx.json({ url: portal.url, redirect: true });
		},
	);
}
