/** A Better Auth test instance with the Stripe plugin wired to a fake Stripe API. */
import type { BetterAuthOptions } from "@better-auth/core";
import { fullContext } from "better-auth/api";
import { getTestInstance, TEST_BASE_URL } from "better-auth/test";
import { afterEach } from "vitest";
import { type StripePlugin, stripe } from "../index";
import type { StripeOptions, StripePlan, Subscription, SubscriptionOptions } from "../types";
import { type FakeStripe, startFakeStripe, WEBHOOK_SECRET } from "./fake-stripe";

export const PLANS: StripePlan[] = [
	{ name: "Basic", priceId: "price_basic", annualDiscountPriceId: "price_basic_annual", limits: { projects: 5 } },
	{ name: "pro", priceId: "price_pro", limits: { projects: 20 }, freeTrial: { days: 14 } },
	{ name: "team", lookupKey: "team_monthly", annualDiscountLookupKey: "team_yearly" },
];

const open: FakeStripe[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((fake) => fake.close()));
});

type Row = Record<string, unknown>;
type WithSubscriptions = StripeOptions & { subscription: SubscriptionOptions & { enabled: true } };
type TestAuthOptions = BetterAuthOptions & { plugins: [StripePlugin<WithSubscriptions>] };
/** Named, so that the helper's return type can be written down. */
export type Instance = Awaited<ReturnType<typeof getTestInstance<TestAuthOptions>>>;

export interface SetupInput {
	plugin?: Partial<StripeOptions>;
	subscription?: Partial<SubscriptionOptions> | false;
	auth?: Partial<BetterAuthOptions>;
}

/** The test instance plus the helpers below. */
export type StripeTestSetup = Omit<Instance, keyof Helpers> & Helpers;
type Helpers = ReturnType<typeof helpers>;

export async function setup(input: SetupInput = {}): Promise<StripeTestSetup> {
	const fake = await startFakeStripe();
	open.push(fake);
	const options: StripeOptions = {
		stripeClient: fake.stripe,
		stripeWebhookSecret: WEBHOOK_SECRET,
		createCustomerOnSignUp: true,
		...(input.subscription === false ? {} : { subscription: { enabled: true, plans: PLANS, ...input.subscription } }),
		...input.plugin,
	};
	const instance: Instance = await getTestInstance<TestAuthOptions>({
		emailAndPassword: { enabled: true },
		...input.auth,
		// Typed as with subscriptions on, so that `auth.api` has the subscription endpoints.
		plugins: [stripe(options as WithSubscriptions)],
	});
	return { ...instance, ...helpers(instance, fake, options) };
}

function helpers(instance: Instance, fake: FakeStripe, options: StripeOptions) {
	const { database, request } = instance;
	const context = async () => fullContext({ context: await instance.auth.$context });

	/** Signs a user up; returns the session cookie and the user as stored. */
	const signUp = async (email = "a@x.com", extra: Record<string, unknown> = {}) => {
		const { response, cookie } = await instance.signUp({ email, password: "password123", name: "User A", ...extra });
		if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
		const { user } = (await response.json()) as { user: { id: string } };
		return { cookie, userId: user.id, user: userRow(user.id) };
	};
	const userRow = (id: string) => database.prepare("select * from user where id = ?").get(id) as Row;
	/** The subscription rows, read through the adapter (dates as Date, booleans as boolean). */
	const subscriptions = async () =>
		(await context()).adapter.findMany<Subscription>({
			model: "subscription",
			sortBy: { field: "periodStart", direction: "asc" },
		});
	const post = (path: string, body: unknown, cookie?: string) => request(path, { body, cookie });
	const get = (path: string, cookie?: string) => request(path, { cookie });

	/** Delivers a signed webhook the way Stripe does (pretty-printed JSON, `stripe-signature`). */
	const webhook = (type: string, object: Row, previous?: Row, signature?: string) => {
		const event = fake.event(type, object, previous);
		return instance.auth.handler(
			new Request(`${TEST_BASE_URL}/api/auth/stripe/webhook`, {
				method: "POST",
				headers: {
					"content-type": "application/json; charset=utf-8",
					"stripe-signature": signature ?? event.signature,
				},
				body: event.payload,
			}),
		);
	};

	/** Upgrades to `plan` and completes the checkout through the webhook: the subscription is active. */
	const subscribe = async (cookie: string, body: Record<string, unknown>) => {
		const response = await post("/subscription/upgrade", { successUrl: "/dashboard", ...body }, cookie);
		if (response.status !== 200) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
		const checkout = (await response.json()) as { id: string };
		const { session, subscription } = fake.completeCheckout(checkout.id);
		const delivered = await webhook("checkout.session.completed", session);
		if (delivered.status !== 200) throw new Error(`webhook failed: ${delivered.status}`);
		return { checkout, subscription };
	};

	return { fake, options, signUp, userRow, subscriptions, post, get, webhook, subscribe, context };
}

export async function expectError(response: Response, status: number, code: string) {
	const text = await response.text();
	if (response.status !== status) throw new Error(`expected ${status} ${code}, got ${response.status}: ${text}`);
	const body = JSON.parse(text) as { code?: string };
	if (body.code !== code) throw new Error(`expected code ${code}, got ${text}`);
}
