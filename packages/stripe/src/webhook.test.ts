import { TEST_BASE_URL } from "better-auth/test";
import { describe, expect, it, vi } from "vitest";
import { WEBHOOK_SECRET } from "./test/fake-stripe";
import { expectError, setup } from "./test/setup";

type Json = Record<string, unknown>;

function webhookRequest(payload: string, headers: Record<string, string>) {
	return new Request(`${TEST_BASE_URL}/api/auth/stripe/webhook`, {
		method: "POST",
		headers: { "content-type": "application/json", ...headers },
		body: payload,
	});
}

describe("stripe: webhook signature", () => {
	it("accepts a signed event and answers { success: true }", async () => {
		const onEvent = vi.fn();
		const { webhook } = await setup({ plugin: { onEvent } });
		const response = await webhook("invoice.paid", { id: "in_1", object: "invoice" });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ success: true });
		expect(onEvent).toHaveBeenCalledWith(
			expect.objectContaining({ type: "invoice.paid", data: { object: { id: "in_1", object: "invoice" } } }),
		);
	});

	it("refuses a missing, wrong or stale signature and a tampered body with 400", async () => {
		const onEvent = vi.fn();
		const { auth, fake, webhook } = await setup({ plugin: { onEvent } });
		const { payload, signature } = fake.event("invoice.paid", { id: "in_1", object: "invoice" });
		await expectError(await auth.handler(webhookRequest(payload, {})), 400, "STRIPE_SIGNATURE_NOT_FOUND");
		await expectError(
			await auth.handler(webhookRequest(payload, { "stripe-signature": "t=1,v1=deadbeef" })),
			400,
			"FAILED_TO_CONSTRUCT_STRIPE_EVENT",
		);
		const tampered = payload.replace('"in_1"', '"in_2"');
		await expectError(
			await auth.handler(webhookRequest(tampered, { "stripe-signature": signature })),
			400,
			"FAILED_TO_CONSTRUCT_STRIPE_EVENT",
		);
		// Re-serialized JSON (what a parsed body would give) does not carry the signature either.
		await expectError(
			await auth.handler(webhookRequest(JSON.stringify(JSON.parse(payload)), { "stripe-signature": signature })),
			400,
			"FAILED_TO_CONSTRUCT_STRIPE_EVENT",
		);
		const otherSecret = fake.stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" });
		await expectError(
			await webhook("invoice.paid", {}, undefined, otherSecret),
			400,
			"FAILED_TO_CONSTRUCT_STRIPE_EVENT",
		);
		const stale = fake.stripe.webhooks.generateTestHeaderString({
			payload,
			secret: WEBHOOK_SECRET,
			timestamp: Math.floor(Date.now() / 1000) - 3600,
		});
		await expectError(
			await auth.handler(webhookRequest(payload, { "stripe-signature": stale })),
			400,
			"FAILED_TO_CONSTRUCT_STRIPE_EVENT",
		);
		expect(onEvent).not.toHaveBeenCalled();
		// The original, untouched, still goes through.
		expect((await auth.handler(webhookRequest(payload, { "stripe-signature": signature }))).status).toBe(200);
	});

	it("verifies events passed to auth.api as a raw string or an unread request", async () => {
		const onEvent = vi.fn();
		const { auth, fake } = await setup({ plugin: { onEvent } });
		const { payload, signature } = fake.event("invoice.paid", { id: "in_1" });
		const headers = new Headers({ "stripe-signature": signature });
		expect(await auth.api.stripeWebhook({ body: payload as never, headers })).toEqual({ success: true });
		const request = webhookRequest(payload, { "stripe-signature": signature });
		expect(await auth.api.stripeWebhook({ request, headers: request.headers } as never)).toEqual({ success: true });
		await expect(auth.api.stripeWebhook({ body: JSON.parse(payload), headers } as never)).rejects.toMatchObject({
			statusCode: 400,
			body: { code: "FAILED_TO_CONSTRUCT_STRIPE_EVENT" },
		});
		expect(onEvent).toHaveBeenCalledTimes(2);
	});

	it("answers 400 STRIPE_WEBHOOK_ERROR when handling fails, so Stripe retries", async () => {
		const { webhook } = await setup({
			plugin: {
				onEvent: () => {
					throw new Error("boom");
				},
			},
		});
		await expectError(await webhook("invoice.paid", { id: "in_1" }), 400, "STRIPE_WEBHOOK_ERROR");
	});

	it("works under a custom base path and without subscriptions", async () => {
		const onEvent = vi.fn();
		const { auth, fake } = await setup({
			subscription: false,
			plugin: { onEvent },
			auth: { basePath: "/auth", baseURL: "http://localhost:3000" },
		});
		const { payload, signature } = fake.event("customer.subscription.updated", { id: "sub_1" });
		const response = await auth.handler(
			new Request("http://localhost:3000/auth/stripe/webhook", {
				method: "POST",
				headers: { "content-type": "application/json", "stripe-signature": signature },
				body: payload,
			}),
		);
		expect(response.status).toBe(200);
		expect(onEvent).toHaveBeenCalledTimes(1);
	});
});

describe("stripe: webhook events", () => {
	it("checkout.session.completed activates the subscription and calls onSubscriptionComplete", async () => {
		const onSubscriptionComplete = vi.fn();
		const { signUp, post, fake, webhook, subscriptions } = await setup({ subscription: { onSubscriptionComplete } });
		const { cookie, user } = await signUp();
		const checkout = (await (await post("/subscription/upgrade", { plan: "basic", seats: 5 }, cookie)).json()) as {
			id: string;
		};
		const { session, subscription } = fake.completeCheckout(checkout.id);
		expect((await webhook("checkout.session.completed", session)).status).toBe(200);
		const item = (subscription.items as { data: Json[] }).data[0];
		const [row] = await subscriptions();
		expect(row).toMatchObject({
			plan: "basic",
			status: "active",
			seats: 5,
			stripeSubscriptionId: subscription.id,
			stripeCustomerId: user.stripeCustomerId,
			periodStart: new Date((item.current_period_start as number) * 1000),
			periodEnd: new Date((item.current_period_end as number) * 1000),
			trialStart: null,
			trialEnd: null,
			cancelAtPeriodEnd: false,
		});
		expect(onSubscriptionComplete).toHaveBeenCalledTimes(1);
		const [data] = onSubscriptionComplete.mock.calls[0];
		expect(data.event.type).toBe("checkout.session.completed");
		expect(data.stripeSubscription.id).toBe(subscription.id);
		expect(data.subscription).toMatchObject({ id: row.id, status: "active" });
		expect(data.plan).toMatchObject({ name: "Basic", priceId: "price_basic" });
	});

	it("ignores payment-mode checkouts and checkouts of unknown rows", async () => {
		const onSubscriptionComplete = vi.fn();
		const { webhook, fake, subscriptions } = await setup({ subscription: { onSubscriptionComplete } });
		expect((await webhook("checkout.session.completed", { id: "cs_1", mode: "payment" })).status).toBe(200);
		const stray = fake.createSubscription({ customer: "cus_x", price: "price_basic" });
		const response = await webhook("checkout.session.completed", {
			id: "cs_2",
			mode: "subscription",
			subscription: stray.id,
			metadata: { subscriptionId: "nope" },
		});
		expect(response.status).toBe(200);
		expect(await subscriptions()).toEqual([]);
		expect(onSubscriptionComplete).not.toHaveBeenCalled();
	});

	it("customer.subscription.updated syncs plan, seats, status and period", async () => {
		const onSubscriptionUpdate = vi.fn();
		const onSubscriptionCancel = vi.fn();
		const { signUp, fake, webhook, subscribe, subscriptions } = await setup({
			subscription: { onSubscriptionUpdate, onSubscriptionCancel },
		});
		const { cookie } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		const items = subscription.items as { data: Json[] };
		const end = Math.floor(Date.now() / 1000) + 60 * 86_400;
		const switched = {
			...items,
			data: [{ ...items.data[0], quantity: 7, current_period_end: end, price: { id: "price_pro", object: "price" } }],
		};
		const change = fake.updateSubscription(subscription.id as string, { items: switched, status: "past_due" });
		expect((await webhook("customer.subscription.updated", change.subscription, change.previous)).status).toBe(200);
		expect((await subscriptions())[0]).toMatchObject({
			plan: "pro",
			seats: 7,
			status: "past_due",
			periodEnd: new Date(end * 1000),
		});
		expect(onSubscriptionUpdate).toHaveBeenCalledWith(
			expect.objectContaining({ subscription: expect.objectContaining({ plan: "pro", seats: 7 }) }),
			expect.anything(),
		);
		expect(onSubscriptionCancel).not.toHaveBeenCalled();
	});

	it("calls onSubscriptionCancel once, when the cancellation is scheduled", async () => {
		const onSubscriptionCancel = vi.fn();
		const { signUp, get, post, fake, webhook, subscribe } = await setup({ subscription: { onSubscriptionCancel } });
		const { cookie } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		await post("/subscription/cancel", { returnUrl: "/" }, cookie);
		const details = { comment: "too pricey", feedback: "too_expensive", reason: "cancellation_requested" };
		const change = fake.updateSubscription(subscription.id as string, {
			cancel_at_period_end: true,
			cancellation_details: details,
		});
		// The browser comes back before the event: the row is already synced, the callback still fires.
		const [portal] = fake.calls("POST", "/v1/billing_portal/sessions");
		await get((portal.body.return_url as string).replace("http://localhost:3000/api/auth", ""), cookie);
		await webhook("customer.subscription.updated", change.subscription, change.previous);
		expect(onSubscriptionCancel).toHaveBeenCalledTimes(1);
		const [data] = onSubscriptionCancel.mock.calls[0];
		expect(data).toMatchObject({
			event: { type: "customer.subscription.updated" },
			subscription: { cancelAtPeriodEnd: true },
			stripeSubscription: { id: subscription.id },
			cancellationDetails: details,
		});
		// A later update that does not touch the cancellation does not call it again.
		const later = fake.updateSubscription(subscription.id as string, { metadata: { note: "x" } });
		await webhook("customer.subscription.updated", later.subscription, later.previous);
		expect(onSubscriptionCancel).toHaveBeenCalledTimes(1);
	});

	it("customer.subscription.deleted marks the row canceled and calls onSubscriptionDeleted", async () => {
		const onSubscriptionDeleted = vi.fn();
		const { signUp, fake, webhook, subscribe, subscriptions, get } = await setup({
			subscription: { onSubscriptionDeleted },
		});
		const { cookie } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		const { subscription: ended } = fake.updateSubscription(subscription.id as string, {
			status: "canceled",
			ended_at: Math.floor(Date.now() / 1000),
		});
		expect((await webhook("customer.subscription.deleted", ended)).status).toBe(200);
		expect((await subscriptions())[0].status).toBe("canceled");
		expect(onSubscriptionDeleted).toHaveBeenCalledWith(
			expect.objectContaining({
				subscription: expect.objectContaining({ status: "canceled" }),
				stripeSubscription: expect.objectContaining({ id: subscription.id }),
			}),
			expect.anything(),
		);
		expect(await (await get("/subscription/list", cookie)).json()).toEqual([]);
	});

	it("calls the trial callbacks when a trial converts or expires", async () => {
		const onTrialEnd = vi.fn();
		const onTrialExpired = vi.fn();
		const plans = [{ name: "pro", priceId: "price_pro", freeTrial: { days: 14, onTrialEnd, onTrialExpired } }];
		const first = await setup({ subscription: { plans } });
		const a = await first.signUp("a@x.com");
		const { subscription } = await first.subscribe(a.cookie, { plan: "pro" });
		expect(subscription.status).toBe("trialing");
		const converted = first.fake.updateSubscription(subscription.id as string, { status: "active" });
		await first.webhook("customer.subscription.updated", converted.subscription, converted.previous);
		expect(onTrialEnd).toHaveBeenCalledWith(
			{ subscription: expect.objectContaining({ status: "active" }) },
			expect.anything(),
		);
		expect(onTrialExpired).not.toHaveBeenCalled();

		const b = await first.signUp("b@x.com");
		const second = await first.subscribe(b.cookie, { plan: "pro" });
		const expired = first.fake.updateSubscription(second.subscription.id as string, { status: "incomplete_expired" });
		await first.webhook("customer.subscription.updated", expired.subscription, expired.previous);
		expect(onTrialExpired).toHaveBeenCalledWith(
			expect.objectContaining({ status: "incomplete_expired" }),
			expect.anything(),
		);
		expect(onTrialEnd).toHaveBeenCalledTimes(1);
	});

	it("customer.subscription.created records a subscription made outside Checkout", async () => {
		const { signUp, fake, webhook, subscriptions, get } = await setup();
		const { cookie, userId, user } = await signUp();
		const created = fake.createSubscription({
			customer: user.stripeCustomerId as string,
			price: "price_pro",
			quantity: 2,
		});
		expect((await webhook("customer.subscription.created", created)).status).toBe(200);
		expect(await subscriptions()).toEqual([
			expect.objectContaining({
				referenceId: userId,
				plan: "pro",
				status: "active",
				seats: 2,
				stripeSubscriptionId: created.id,
			}),
		]);
		// Delivered twice, or for an unknown customer or price: nothing more.
		await webhook("customer.subscription.created", created);
		await webhook("customer.subscription.created", fake.createSubscription({ customer: "cus_x", price: "price_pro" }));
		await webhook(
			"customer.subscription.created",
			fake.createSubscription({ customer: user.stripeCustomerId as string, price: "price_other" }),
		);
		expect(await subscriptions()).toHaveLength(1);
		expect(((await (await get("/subscription/list", cookie)).json()) as Json[]).map((row) => row.plan)).toEqual([
			"pro",
		]);
	});

	it("leaves Checkout subscriptions to checkout.session.completed", async () => {
		const { signUp, post, fake, webhook, subscriptions } = await setup();
		const { cookie } = await signUp();
		const checkout = (await (await post("/subscription/upgrade", { plan: "basic" }, cookie)).json()) as { id: string };
		const { subscription } = fake.completeCheckout(checkout.id);
		await webhook("customer.subscription.created", subscription);
		expect(await subscriptions()).toEqual([expect.objectContaining({ status: "incomplete" })]);
	});
});
