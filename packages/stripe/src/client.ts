/**
 * `stripeClient`: types the Stripe plugin's endpoints on the client. With `subscription: true`:
 * `subscription.upgrade`, `.cancel`, `.restore`, `.list` and `.billingPortal`.
 *
 * @example
 * createAuthClient({ plugins: [stripeClient({ subscription: true })] })
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type Stripe from "stripe";
import { STRIPE_ERROR_CODES } from "./error-codes";
import type { stripe } from "./index";

type WithSubscriptions = {
	stripeClient: Stripe;
	stripeWebhookSecret: string;
	subscription: { enabled: true; plans: [] };
};
type WithoutSubscriptions = { stripeClient: Stripe; stripeWebhookSecret: string };

/** The server plugin the client's types come from (concrete options: no deferred conditionals). */
type ServerPlugin<Subscriptions extends boolean> = [Subscriptions] extends [true]
	? ReturnType<typeof stripe<WithSubscriptions>>
	: ReturnType<typeof stripe<WithoutSubscriptions>>;

export interface StripeClientOptions {
	/** Whether the server has `subscription.enabled` (types the `subscription.*` methods). */
	subscription: boolean;
}

export function stripeClient<const O extends StripeClientOptions>(_options?: O) {
	return {
		id: "stripe-client",
		$InferServerPlugin: {} as ServerPlugin<O["subscription"]>,
		// Both may be sent without a body; they still change state.
		pathMethods: { "/subscription/restore": "POST", "/subscription/billing-portal": "POST" },
		$ERROR_CODES: STRIPE_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
