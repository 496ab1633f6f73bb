/** Plans: loading them, finding one by name or by Stripe price, and resolving a plan's price id. */
import { APIError } from "@better-auth/core/error";
import type Stripe from "stripe";
import { STRIPE_ERROR_CODES } from "./error-codes";
import type { StripeOptions, StripePlan } from "./types";

/** The configured plans (the `plans` function is called each time: plans may change at runtime). */
export async function loadPlans(options: StripeOptions): Promise<StripePlan[]> {
	const plans = options.subscription?.plans;
	try {
		return (typeof plans === "function" ? await plans() : plans) ?? [];
	} catch {
		throw new APIError("INTERNAL_SERVER_ERROR", STRIPE_ERROR_CODES.FAILED_TO_FETCH_PLANS);
	}
}

/** The plan called `name` (case-insensitive), or undefined. */
export async function findPlanByName(options: StripeOptions, name: string): Promise<StripePlan | undefined> {
	const wanted = name.toLowerCase();
	return (await loadPlans(options)).find((plan) => plan.name.toLowerCase() === wanted);
}

/** The plan one of whose prices (id or lookup key, monthly or annual) is `price`. */
export async function findPlanByPrice(
	options: StripeOptions,
	price: { id: string; lookup_key?: string | null } | undefined,
): Promise<StripePlan | undefined> {
	if (!price) return undefined;
	return (await loadPlans(options)).find(
		(plan) =>
			plan.priceId === price.id ||
			plan.annualDiscountPriceId === price.id ||
			(!!price.lookup_key &&
				(plan.lookupKey === price.lookup_key || plan.annualDiscountLookupKey === price.lookup_key)),
	);
}

/** The Stripe price id of a plan (annual or not), looking lookup keys up in Stripe. */
export async function resolvePriceId(stripe: Stripe, plan: StripePlan, annual: boolean): Promise<string> {
	const priceId = annual ? plan.annualDiscountPriceId : plan.priceId;
	if (priceId) return priceId;
	const lookupKey = annual ? plan.annualDiscountLookupKey : plan.lookupKey;
	if (lookupKey) {
		const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
		const found = prices.data[0]?.id;
		if (found) return found;
	}
	throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.PRICE_NOT_FOUND);
}
