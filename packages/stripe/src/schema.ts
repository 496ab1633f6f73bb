import type { DBFieldAttribute } from "@better-auth/core/db";
import type { StripeOptions, Subscription } from "./types";

/** `user.stripeCustomerId`: readable, never writable through the API. */
type UserSchema = {
	fields: { stripeCustomerId: { type: "string"; required: false; input: false; fieldName: string } };
};
type SubscriptionSchema = {
	modelName: string;
	fields: Record<Exclude<keyof Subscription, "id">, DBFieldAttribute>;
};

/** The tables of a configuration: the `subscription` table only with `subscription.enabled: true`. */
export type StripeSchema<O extends StripeOptions> = O["subscription"] extends { enabled: true }
	? { user: UserSchema; subscription: SubscriptionSchema }
	: { user: UserSchema };

/**
 * `user.stripeCustomerId` (never writable through the API: a user who could pick it would open
 * someone else's billing portal) and, with subscriptions on, the `subscription` table.
 */
export function stripeSchema<O extends StripeOptions>(options: O): StripeSchema<O> {
	const names = options.schema?.subscription?.fields ?? {};
	const column = (key: Exclude<keyof Subscription, "id">, attribute: Omit<DBFieldAttribute, "fieldName">) => ({
		...attribute,
		fieldName: names[key] ?? key,
	});
	const user: UserSchema = {
		fields: {
			stripeCustomerId: {
				type: "string",
				required: false,
				input: false,
				fieldName: options.schema?.user?.fields?.stripeCustomerId ?? "stripeCustomerId",
			},
		},
	};
	const subscription: SubscriptionSchema = {
		modelName: options.schema?.subscription?.modelName ?? "subscription",
		fields: {
			plan: column("plan", { type: "string", required: true }),
			referenceId: column("referenceId", { type: "string", required: true, index: true }),
			stripeCustomerId: column("stripeCustomerId", { type: "string", required: false }),
			stripeSubscriptionId: column("stripeSubscriptionId", { type: "string", required: false }),
			status: column("status", { type: "string", required: false, defaultValue: "incomplete" }),
			periodStart: column("periodStart", { type: "date", required: false }),
			periodEnd: column("periodEnd", { type: "date", required: false }),
			trialStart: column("trialStart", { type: "date", required: false }),
			trialEnd: column("trialEnd", { type: "date", required: false }),
			cancelAtPeriodEnd: column("cancelAtPeriodEnd", { type: "boolean", required: false, defaultValue: false }),
			seats: column("seats", { type: "number", required: false }),
		},
	};
	return (options.subscription?.enabled ? { user, subscription } : { user }) as StripeSchema<O>;
}
