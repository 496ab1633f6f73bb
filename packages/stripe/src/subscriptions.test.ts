import { describe, expect, it, vi } from "vitest";
import { expectError, setup } from "./test/setup";

type Json = Record<string, unknown>;

describe("stripe: /subscription/upgrade", () => {
	it("creates a Checkout Session and an incomplete subscription row", async () => {
		const { signUp, post, fake, subscriptions } = await setup();
		const { cookie, userId, user } = await signUp();
		const response = await post(
			"/subscription/upgrade",
			{ plan: "BASIC", seats: 3, successUrl: "/dashboard", cancelUrl: "/pricing", metadata: { campaign: "spring" } },
			cookie,
		);
		expect(response.status).toBe(200);
		const body = (await response.json()) as Json;
		expect(body).toMatchObject({ object: "checkout.session", redirect: true });
		expect(body.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);

		const [row] = await subscriptions();
		expect(row).toMatchObject({
			plan: "basic",
			referenceId: userId,
			stripeCustomerId: user.stripeCustomerId,
			stripeSubscriptionId: null,
			status: "incomplete",
			seats: 3,
			cancelAtPeriodEnd: false,
		});

		const [call] = fake.calls("POST", "/v1/checkout/sessions");
		const ours = { userId, subscriptionId: row.id, referenceId: userId };
		expect(call.body).toMatchObject({
			mode: "subscription",
			customer: user.stripeCustomerId,
			client_reference_id: userId,
			line_items: [{ price: "price_basic", quantity: "3" }],
			cancel_url: "http://localhost:3000/pricing",
			metadata: { campaign: "spring", ...ours },
			subscription_data: { metadata: { campaign: "spring", ...ours } },
		});
		// Checkout comes back through the plugin, which syncs the row before going to the app.
		const success = new URL(call.body.success_url as string);
		expect(success.origin + success.pathname).toBe("http://localhost:3000/api/auth/subscription/success");
		expect(Object.fromEntries(success.searchParams)).toEqual({ callbackURL: "/dashboard", subscriptionId: row.id });
		expect((call.body.subscription_data as Json).trial_period_days).toBeUndefined();
	});

	it("answers redirect: false with disableRedirect and reuses the pending row", async () => {
		const { signUp, post, subscriptions } = await setup();
		const { cookie } = await signUp();
		await post("/subscription/upgrade", { plan: "basic" }, cookie);
		const response = await post("/subscription/upgrade", { plan: "pro", disableRedirect: true }, cookie);
		expect(await response.json()).toMatchObject({ redirect: false });
		expect((await subscriptions()).map((row) => row.plan)).toEqual(["pro"]);
	});

	it("uses the annual price and resolves lookup keys", async () => {
		const { signUp, post, fake } = await setup();
		fake.lookupKeys.set("team_monthly", "price_team_monthly");
		const { cookie } = await signUp();
		expect((await post("/subscription/upgrade", { plan: "basic", annual: true }, cookie)).status).toBe(200);
		expect((await post("/subscription/upgrade", { plan: "team" }, cookie)).status).toBe(200);
		const prices = fake.calls("POST", "/v1/checkout/sessions").map((call) => (call.body.line_items as Json[])[0].price);
		expect(prices).toEqual(["price_basic_annual", "price_team_monthly"]);
		expect(fake.calls("GET", "/v1/prices")[0].query).toMatchObject({ lookup_keys: ["team_monthly"], active: "true" });
		// No annual price, or a lookup key Stripe does not know.
		await expectError(
			await post("/subscription/upgrade", { plan: "pro", annual: true }, cookie),
			400,
			"PRICE_NOT_FOUND",
		);
		await expectError(
			await post("/subscription/upgrade", { plan: "team", annual: true }, cookie),
			400,
			"PRICE_NOT_FOUND",
		);
	});

	it("accepts plans from a function", async () => {
		const plans = vi.fn(async () => [{ name: "dynamic", priceId: "price_dynamic" }]);
		const { signUp, post, fake } = await setup({ subscription: { plans } });
		const { cookie } = await signUp();
		expect((await post("/subscription/upgrade", { plan: "dynamic" }, cookie)).status).toBe(200);
		expect((fake.calls("POST", "/v1/checkout/sessions")[0].body.line_items as Json[])[0].price).toBe("price_dynamic");
		expect(plans).toHaveBeenCalled();
	});

	it("merges getCheckoutSessionParams, keeping the plugin's metadata keys", async () => {
		const getCheckoutSessionParams = vi.fn(async () => ({
			params: {
				allow_promotion_codes: true,
				metadata: { planType: "business", subscriptionId: "forged" },
			},
			options: { idempotencyKey: "idem-123" },
		}));
		const { signUp, post, fake, subscriptions } = await setup({ subscription: { getCheckoutSessionParams } });
		const { cookie, userId } = await signUp();
		expect((await post("/subscription/upgrade", { plan: "basic" }, cookie)).status).toBe(200);
		const [row] = await subscriptions();
		const [call] = fake.calls("POST", "/v1/checkout/sessions");
		expect(call.body).toMatchObject({
			allow_promotion_codes: "true",
			metadata: { planType: "business", subscriptionId: row.id, userId },
		});
		expect(call.headers["idempotency-key"]).toBe("idem-123");
		const [data] = getCheckoutSessionParams.mock.calls[0] as unknown as [Json];
		expect(data).toMatchObject({ user: { id: userId }, plan: { name: "Basic" }, subscription: { id: row.id } });
		expect(data.session).toMatchObject({ userId });
	});

	it("refuses unknown plans, unverified emails and Stripe failures", async () => {
		const { signUp, post, fake } = await setup({ subscription: { requireEmailVerification: true } });
		const { cookie } = await signUp();
		await expectError(
			await post("/subscription/upgrade", { plan: "basic" }, cookie),
			400,
			"EMAIL_VERIFICATION_REQUIRED",
		);
		const open = await setup();
		const user = await open.signUp();
		await expectError(
			await open.post("/subscription/upgrade", { plan: "platinum" }, user.cookie),
			400,
			"SUBSCRIPTION_PLAN_NOT_FOUND",
		);
		open.fake.failNext("POST", "/v1/checkout/sessions");
		await expectError(await open.post("/subscription/upgrade", { plan: "basic" }, user.cookie), 500, "STRIPE_ERROR");
		expect(fake.calls("POST", "/v1/checkout/sessions")).toEqual([]);
	});

	it("answers 500 UNABLE_TO_CREATE_CUSTOMER when the customer cannot be created", async () => {
		const { signUp, post, fake } = await setup({ plugin: { createCustomerOnSignUp: false } });
		const { cookie } = await signUp();
		fake.failNext("POST", "/v1/customers");
		await expectError(await post("/subscription/upgrade", { plan: "basic" }, cookie), 500, "UNABLE_TO_CREATE_CUSTOMER");
		expect(fake.calls("POST", "/v1/checkout/sessions")).toEqual([]);
	});

	it("switches an active subscription through the Billing Portal instead of a second checkout", async () => {
		const { signUp, post, fake, subscribe } = await setup();
		const { cookie, user } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		const item = (subscription.items as { data: Json[] }).data[0];

		const response = await post("/subscription/upgrade", { plan: "pro", seats: 2, returnUrl: "/billing" }, cookie);
		expect(response.status).toBe(200);
		const body = (await response.json()) as Json;
		expect(body).toEqual({ url: expect.stringMatching(/^https:\/\/billing\.stripe\.com\//), redirect: true });
		expect(fake.calls("POST", "/v1/checkout/sessions")).toHaveLength(1);
		const [portal] = fake.calls("POST", "/v1/billing_portal/sessions");
		expect(portal.body).toMatchObject({
			customer: user.stripeCustomerId,
			return_url: "http://localhost:3000/billing",
			flow_data: {
				type: "subscription_update_confirm",
				subscription_update_confirm: {
					subscription: subscription.id,
					items: [{ id: item.id, price: "price_pro", quantity: "2" }],
				},
			},
		});
		// By Stripe id, too; an unknown one is refused.
		const again = await post("/subscription/upgrade", { plan: "pro", subscriptionId: subscription.id }, cookie);
		expect(again.status).toBe(200);
		await expectError(
			await post("/subscription/upgrade", { plan: "pro", subscriptionId: "sub_unknown" }, cookie),
			404,
			"SUBSCRIPTION_NOT_FOUND",
		);
	});

	it("refuses the plan and seats the reference already has", async () => {
		const { signUp, post, subscribe } = await setup();
		const { cookie } = await signUp();
		await subscribe(cookie, { plan: "basic", seats: 2 });
		await expectError(
			await post("/subscription/upgrade", { plan: "Basic", seats: 2 }, cookie),
			400,
			"ALREADY_SUBSCRIBED_PLAN",
		);
		await expectError(await post("/subscription/upgrade", { plan: "basic" }, cookie), 400, "ALREADY_SUBSCRIBED_PLAN");
		// Another seat count, or the annual price, is a change.
		expect((await post("/subscription/upgrade", { plan: "basic", seats: 5 }, cookie)).status).toBe(200);
		expect((await post("/subscription/upgrade", { plan: "basic", annual: true, seats: 2 }, cookie)).status).toBe(200);
	});

	it("grants a plan's free trial once per reference and customer", async () => {
		const onTrialStart = vi.fn();
		const plans = [
			{ name: "pro", priceId: "price_pro", freeTrial: { days: 14, onTrialStart } },
			{ name: "max", priceId: "price_max", freeTrial: { days: 7 } },
		];
		const { signUp, post, fake, webhook, subscriptions } = await setup({ subscription: { plans } });
		const { cookie } = await signUp();
		const { subscription } = await (async () => {
			const response = await post("/subscription/upgrade", { plan: "pro" }, cookie);
			const checkout = (await response.json()) as { id: string };
			const completed = fake.completeCheckout(checkout.id);
			expect((await webhook("checkout.session.completed", completed.session)).status).toBe(200);
			return completed;
		})();
		expect((fake.calls("POST", "/v1/checkout/sessions")[0].body.subscription_data as Json).trial_period_days).toBe(
			"14",
		);
		const [trialing] = await subscriptions();
		expect(trialing).toMatchObject({ status: "trialing", trialStart: expect.any(Date), trialEnd: expect.any(Date) });
		expect(onTrialStart).toHaveBeenCalledWith(expect.objectContaining({ id: trialing.id, status: "trialing" }));

		// The trial is over and the subscription ended: a new checkout, for any plan, has no trial.
		const { subscription: ended } = fake.updateSubscription(subscription.id as string, { status: "canceled" });
		expect((await webhook("customer.subscription.deleted", ended)).status).toBe(200);
		expect((await post("/subscription/upgrade", { plan: "max" }, cookie)).status).toBe(200);
		expect((fake.calls("POST", "/v1/checkout/sessions")[1].body.subscription_data as Json).trial_period_days).toBe(
			undefined,
		);
	});

	it("refuses unauthenticated requests with 401", async () => {
		const { post, get } = await setup();
		await expectError(await post("/subscription/upgrade", { plan: "basic" }), 401, "UNAUTHORIZED");
		await expectError(await post("/subscription/cancel", { returnUrl: "/" }), 401, "UNAUTHORIZED");
		await expectError(await post("/subscription/restore", {}), 401, "UNAUTHORIZED");
		await expectError(await get("/subscription/list"), 401, "UNAUTHORIZED");
		await expectError(await post("/subscription/billing-portal", {}), 401, "UNAUTHORIZED");
	});

	it("answers 400 VALIDATION_ERROR for malformed bodies", async () => {
		const { signUp, post, get, fake } = await setup();
		const { cookie } = await signUp();
		for (const body of [
			{},
			{ plan: "" },
			{ plan: 5 },
			{ plan: "basic", seats: 0 },
			{ plan: "basic", seats: 1.5 },
			{ plan: "basic", seats: "3" },
			{ plan: "basic", annual: "yes" },
			{ plan: "basic", metadata: { nested: { deep: true } } },
			{ plan: "basic", metadata: "campaign" },
			{ plan: "basic", successUrl: 5 },
			{ plan: "basic", referenceId: "" },
			"basic",
		]) {
			await expectError(await post("/subscription/upgrade", body, cookie), 400, "VALIDATION_ERROR");
		}
		await expectError(await post("/subscription/cancel", {}, cookie), 400, "VALIDATION_ERROR");
		await expectError(await get("/subscription/list?referenceId=", cookie), 400, "VALIDATION_ERROR");
		await expectError(await post("/subscription/cancel", { returnUrl: 1 }, cookie), 400, "VALIDATION_ERROR");
		await expectError(await post("/subscription/restore", { subscriptionId: 1 }, cookie), 400, "VALIDATION_ERROR");
		await expectError(
			await post("/subscription/billing-portal", { locale: "not a locale" }, cookie),
			400,
			"VALIDATION_ERROR",
		);
		expect(fake.calls("POST", "/v1/checkout/sessions")).toEqual([]);
	});

	it("refuses redirect URLs outside the trusted origins", async () => {
		const { signUp, post } = await setup();
		const { cookie } = await signUp();
		const upgrade = (body: Json) => post("/subscription/upgrade", { plan: "basic", ...body }, cookie);
		await expectError(await upgrade({ successUrl: "https://evil.com/x" }), 403, "INVALID_SUCCESS_URL");
		await expectError(await upgrade({ cancelUrl: "https://evil.com/x" }), 403, "INVALID_CANCEL_URL");
		await expectError(await upgrade({ returnUrl: "//evil.com" }), 403, "INVALID_RETURN_URL");
		await expectError(
			await post("/subscription/cancel", { returnUrl: "https://evil.com" }, cookie),
			403,
			"INVALID_RETURN_URL",
		);
		await expectError(
			await post("/subscription/billing-portal", { returnUrl: "https://evil.com" }, cookie),
			403,
			"INVALID_RETURN_URL",
		);
	});
});

describe("stripe: /subscription/success", () => {
	it("syncs the subscription from Stripe before the webhook, then redirects", async () => {
		const { signUp, post, get, fake, subscriptions } = await setup();
		const { cookie } = await signUp();
		const checkout = (await (await post("/subscription/upgrade", { plan: "basic", seats: 4 }, cookie)).json()) as {
			id: string;
			success_url: string;
		};
		const { subscription } = fake.completeCheckout(checkout.id);
		const path = checkout.success_url.replace("http://localhost:3000/api/auth", "");
		const response = await get(path, cookie);
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("/");
		const [row] = await subscriptions();
		expect(row).toMatchObject({
			status: "active",
			stripeSubscriptionId: subscription.id,
			seats: 4,
			periodStart: expect.any(Date),
			periodEnd: expect.any(Date),
		});
	});

	it("only redirects without a session or a known subscription, and checks callbackURL", async () => {
		const { signUp, post, get, fake, subscriptions } = await setup();
		const { cookie } = await signUp();
		const checkout = (await (await post("/subscription/upgrade", { plan: "basic" }, cookie)).json()) as { id: string };
		fake.completeCheckout(checkout.id);
		const [row] = await subscriptions();
		const anonymous = await get(`/subscription/success?callbackURL=%2Fdone&subscriptionId=${row.id}`);
		expect(anonymous.status).toBe(302);
		expect(anonymous.headers.get("location")).toBe("/done");
		expect((await subscriptions())[0].status).toBe("incomplete");
		expect((await get("/subscription/success?subscriptionId=unknown", cookie)).headers.get("location")).toBe("/");
		await expectError(
			await get(`/subscription/success?callbackURL=${encodeURIComponent("https://evil.com")}`, cookie),
			403,
			"INVALID_CALLBACK_URL",
		);
	});
});

describe("stripe: cancel and restore", () => {
	it("opens the Billing Portal cancel flow, then syncs on the way back", async () => {
		const { signUp, post, get, fake, subscribe, subscriptions } = await setup();
		const { cookie, user } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		const response = await post("/subscription/cancel", { returnUrl: "/account" }, cookie);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			url: expect.stringMatching(/^https:\/\/billing\.stripe\.com\//),
			redirect: true,
		});
		const [row] = await subscriptions();
		const [portal] = fake.calls("POST", "/v1/billing_portal/sessions");
		const returnUrl = `http://localhost:3000/api/auth/subscription/cancel/callback?callbackURL=%2Faccount&subscriptionId=${row.id}`;
		expect(portal.body).toMatchObject({
			customer: user.stripeCustomerId,
			return_url: returnUrl,
			flow_data: { type: "subscription_cancel", subscription_cancel: { subscription: subscription.id } },
		});

		// The customer confirms in the portal; Stripe sends them back.
		fake.updateSubscription(subscription.id as string, { cancel_at_period_end: true });
		const back = await get(returnUrl.replace("http://localhost:3000/api/auth", ""), cookie);
		expect(back.status).toBe(302);
		expect(back.headers.get("location")).toBe("/account");
		expect((await subscriptions())[0].cancelAtPeriodEnd).toBe(true);
		await expectError(
			await post("/subscription/cancel", { returnUrl: "/account" }, cookie),
			400,
			"SUBSCRIPTION_ALREADY_CANCELED",
		);
	});

	it("notices a cancellation made elsewhere when Stripe refuses the flow", async () => {
		const { signUp, post, fake, subscribe, subscriptions } = await setup();
		const { cookie } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		fake.updateSubscription(subscription.id as string, { cancel_at_period_end: true });
		fake.failNext("POST", "/v1/billing_portal/sessions");
		await expectError(
			await post("/subscription/cancel", { returnUrl: "/" }, cookie),
			400,
			"SUBSCRIPTION_ALREADY_CANCELED",
		);
		expect((await subscriptions())[0].cancelAtPeriodEnd).toBe(true);
	});

	it("refuses to cancel what does not exist or is not active", async () => {
		const { signUp, post, fake, subscribe, webhook } = await setup();
		const { cookie } = await signUp();
		await expectError(await post("/subscription/cancel", { returnUrl: "/" }, cookie), 404, "SUBSCRIPTION_NOT_FOUND");
		await expectError(
			await post("/subscription/cancel", { returnUrl: "/", subscriptionId: "sub_nope" }, cookie),
			404,
			"SUBSCRIPTION_NOT_FOUND",
		);
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		const { subscription: ended } = fake.updateSubscription(subscription.id as string, { status: "canceled" });
		await webhook("customer.subscription.deleted", ended);
		await expectError(
			await post("/subscription/cancel", { returnUrl: "/", subscriptionId: subscription.id }, cookie),
			400,
			"SUBSCRIPTION_NOT_ACTIVE",
		);
		await expectError(
			await post("/subscription/restore", { subscriptionId: subscription.id }, cookie),
			400,
			"SUBSCRIPTION_NOT_ACTIVE",
		);
	});

	it("restores a subscription scheduled for cancellation", async () => {
		const { signUp, post, request, fake, subscribe, subscriptions, webhook } = await setup();
		const { cookie } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		await expectError(
			await post("/subscription/restore", {}, cookie),
			400,
			"SUBSCRIPTION_NOT_SCHEDULED_FOR_CANCELLATION",
		);
		const change = fake.updateSubscription(subscription.id as string, { cancel_at_period_end: true });
		await webhook("customer.subscription.updated", change.subscription, change.previous);
		expect((await subscriptions())[0].cancelAtPeriodEnd).toBe(true);

		// No body at all: the reference's active subscription.
		const response = await request("/subscription/restore", { method: "POST", cookie });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			id: subscription.id,
			object: "subscription",
			cancel_at_period_end: false,
		});
		expect(fake.calls("POST", `/v1/subscriptions/${subscription.id}`).map((call) => call.body)).toEqual([
			{ cancel_at_period_end: "false" },
		]);
		expect((await subscriptions())[0].cancelAtPeriodEnd).toBe(false);
		expect(fake.subscriptions.get(subscription.id as string)?.cancel_at_period_end).toBe(false);
	});

	it("restores a cancellation scheduled with cancel_at", async () => {
		const { signUp, post, fake, subscribe, subscriptions, webhook } = await setup();
		const { cookie } = await signUp();
		const { subscription } = await subscribe(cookie, { plan: "basic" });
		const at = Math.floor(Date.now() / 1000) + 86_400;
		const change = fake.updateSubscription(subscription.id as string, { cancel_at: at });
		await webhook("customer.subscription.updated", change.subscription, change.previous);
		expect((await subscriptions())[0].cancelAtPeriodEnd).toBe(true);
		expect((await post("/subscription/restore", { subscriptionId: subscription.id }, cookie)).status).toBe(200);
		expect(fake.calls("POST", `/v1/subscriptions/${subscription.id}`).map((call) => call.body)).toEqual([
			{ cancel_at: "" },
		]);
		expect((await subscriptions())[0].cancelAtPeriodEnd).toBe(false);
	});
});

describe("stripe: /subscription/list and /subscription/billing-portal", () => {
	it("lists active and trialing subscriptions with their plan's limits", async () => {
		const { signUp, get, post, subscribe } = await setup();
		const { cookie, userId } = await signUp();
		expect(await (await get("/subscription/list", cookie)).json()).toEqual([]);
		await post("/subscription/upgrade", { plan: "pro" }, cookie);
		// Incomplete subscriptions are not listed.
		expect(await (await get("/subscription/list", cookie)).json()).toEqual([]);
		await subscribe(cookie, { plan: "basic" });
		const listed = (await (await get("/subscription/list", cookie)).json()) as Json[];
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({
			plan: "basic",
			referenceId: userId,
			status: "active",
			limits: { projects: 5 },
			priceId: "price_basic",
			stripeSubscriptionId: expect.stringMatching(/^sub_/),
		});
	});

	it("opens the Billing Portal for the user's customer", async () => {
		const { signUp, post, request, fake } = await setup();
		const { cookie, user } = await signUp();
		const response = await post("/subscription/billing-portal", { locale: "fr", returnUrl: "/settings" }, cookie);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			url: expect.stringMatching(/^https:\/\/billing\.stripe\.com\//),
			redirect: true,
		});
		expect(fake.calls("POST", "/v1/billing_portal/sessions")[0].body).toEqual({
			customer: user.stripeCustomerId,
			return_url: "http://localhost:3000/settings",
			locale: "fr",
		});
		expect((await request("/subscription/billing-portal", { method: "POST", cookie })).status).toBe(200);
		expect(fake.calls("POST", "/v1/billing_portal/sessions")[1].body.return_url).toBe("http://localhost:3000/");
	});

	it("answers 404 CUSTOMER_NOT_FOUND for a user without a Stripe customer", async () => {
		const { signUp, post } = await setup({ plugin: { createCustomerOnSignUp: false } });
		const { cookie } = await signUp();
		await expectError(await post("/subscription/billing-portal", {}, cookie), 404, "CUSTOMER_NOT_FOUND");
	});
});

describe("stripe: reference ids", () => {
	const members = new Map([
		["org_1", ["owner@x.com", "admin@x.com"]],
		["org_2", ["owner@x.com"]],
	]);

	async function orgSetup() {
		const authorizeReference = vi.fn(async ({ user, referenceId }: { user: { email: string }; referenceId: string }) =>
			Boolean(members.get(referenceId)?.includes(user.email)),
		);
		const instance = await setup({ subscription: { authorizeReference } });
		return { ...instance, authorizeReference };
	}

	it("refuses foreign reference ids without authorizeReference", async () => {
		const { signUp, post, get } = await setup();
		const { cookie, userId } = await signUp();
		await expectError(
			await post("/subscription/upgrade", { plan: "basic", referenceId: "org_1" }, cookie),
			400,
			"REFERENCE_ID_NOT_ALLOWED",
		);
		await expectError(await get("/subscription/list?referenceId=org_1", cookie), 400, "REFERENCE_ID_NOT_ALLOWED");
		// The user's own id is always fine.
		expect((await post("/subscription/upgrade", { plan: "basic", referenceId: userId }, cookie)).status).toBe(200);
	});

	it("subscribes an organization when authorizeReference allows it", async () => {
		const { signUp, post, get, fake, webhook, subscriptions, authorizeReference } = await orgSetup();
		const { cookie, userId, user } = await signUp("owner@x.com");
		const response = await post("/subscription/upgrade", { plan: "team", referenceId: "org_1", seats: 10 }, cookie);
		// "team" has only a lookup key, unknown to Stripe here.
		expect(response.status).toBe(400);
		fake.lookupKeys.set("team_monthly", "price_team");
		const upgraded = await post("/subscription/upgrade", { plan: "team", referenceId: "org_1", seats: 10 }, cookie);
		expect(upgraded.status).toBe(200);
		expect(authorizeReference).toHaveBeenCalledWith(
			expect.objectContaining({
				referenceId: "org_1",
				action: "upgrade-subscription",
				user: expect.objectContaining({ id: userId }),
				session: expect.objectContaining({ userId }),
			}),
			expect.objectContaining({ request: expect.any(Request) }),
		);
		const checkout = (await upgraded.json()) as { id: string; customer: string };
		// The organization gets a customer of its own, not the subscriber's personal one.
		expect(checkout.customer).not.toBe(user.stripeCustomerId);
		expect(fake.customers.get(checkout.customer)?.metadata).toEqual({ referenceId: "org_1", userId });
		expect(fake.checkoutSessions.get(checkout.id)).toMatchObject({
			client_reference_id: "org_1",
			metadata: { referenceId: "org_1", userId },
		});
		const { session } = fake.completeCheckout(checkout.id);
		await webhook("checkout.session.completed", session);
		expect(await subscriptions()).toEqual([
			expect.objectContaining({ referenceId: "org_1", plan: "team", status: "active", seats: 10 }),
		]);
		const listed = (await (await get("/subscription/list?referenceId=org_1", cookie)).json()) as Json[];
		expect(listed.map((row) => row.referenceId)).toEqual(["org_1"]);
		expect(await (await get("/subscription/list", cookie)).json()).toEqual([]);
		expect(authorizeReference).toHaveBeenLastCalledWith(
			expect.objectContaining({ action: "list-subscription" }),
			expect.anything(),
		);
		const portal = await post("/subscription/billing-portal", { referenceId: "org_1" }, cookie);
		expect(portal.status).toBe(200);
		expect(fake.calls("POST", "/v1/billing_portal/sessions")[0].body.customer).toBe(checkout.customer);
		expect(authorizeReference).toHaveBeenLastCalledWith(
			expect.objectContaining({ action: "billing-portal" }),
			expect.anything(),
		);
		expect((await post("/subscription/cancel", { referenceId: "org_1", returnUrl: "/" }, cookie)).status).toBe(200);
		expect(authorizeReference).toHaveBeenLastCalledWith(
			expect.objectContaining({ action: "cancel-subscription" }),
			expect.anything(),
		);
	});

	it("bills every member of an organization to the organization's customer", async () => {
		const { signUp, post, fake } = await orgSetup();
		const owner = await signUp("owner@x.com");
		const admin = await signUp("admin@x.com");
		await expectError(
			await post("/subscription/billing-portal", { referenceId: "org_2" }, owner.cookie),
			404,
			"CUSTOMER_NOT_FOUND",
		);
		const first = (await (
			await post("/subscription/upgrade", { plan: "basic", referenceId: "org_1" }, owner.cookie)
		).json()) as { customer: string };
		const second = (await (
			await post("/subscription/upgrade", { plan: "pro", referenceId: "org_1" }, admin.cookie)
		).json()) as { customer: string };
		expect(second.customer).toBe(first.customer);
		// Customers: the two users' own and one for org_1.
		expect(fake.calls("POST", "/v1/customers")).toHaveLength(3);
	});

	it("answers 403 UNAUTHORIZED_REFERENCE when authorizeReference refuses", async () => {
		const { signUp, post, get, fake } = await orgSetup();
		const { cookie } = await signUp("stranger@x.com");
		for (const response of [
			await post("/subscription/upgrade", { plan: "basic", referenceId: "org_1" }, cookie),
			await post("/subscription/cancel", { referenceId: "org_1", returnUrl: "/" }, cookie),
			await post("/subscription/restore", { referenceId: "org_1" }, cookie),
			await post("/subscription/billing-portal", { referenceId: "org_1" }, cookie),
			await get("/subscription/list?referenceId=org_1", cookie),
		]) {
			await expectError(response, 403, "UNAUTHORIZED_REFERENCE");
		}
		expect(fake.calls("POST", "/v1/checkout/sessions")).toEqual([]);
	});
});

describe("stripe: auth.api", () => {
	it("runs the endpoints server-side with the request headers", async () => {
		const { signUp, auth } = await setup();
		const { cookie } = await signUp();
		const headers = new Headers({ cookie });
		const checkout = await auth.api.upgradeSubscription({ body: { plan: "basic" }, headers });
		expect(checkout.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
		expect(await auth.api.listActiveSubscriptions({ headers })).toEqual([]);
		await expect(auth.api.upgradeSubscription({ body: { plan: "basic" } })).rejects.toMatchObject({ statusCode: 401 });
	});
});
