import { describe, expect, it, vi } from "vitest";
import { stripe } from "./index";
import { startFakeStripe, WEBHOOK_SECRET } from "./test/fake-stripe";
import { expectError, setup } from "./test/setup";

describe("stripe: schema", () => {
	it("adds user.stripeCustomerId and the subscription table", async () => {
		const { database } = await setup();
		const sql = (name: string) =>
			(database.prepare("select sql from sqlite_master where name = ?").get(name) as { sql: string } | undefined)?.sql;
		expect(sql("user")).toMatch(/"stripeCustomerId" text/);
		const table = sql("subscription");
		for (const column of [
			"plan",
			"referenceId",
			"stripeCustomerId",
			"stripeSubscriptionId",
			"status",
			"periodStart",
			"periodEnd",
			"trialStart",
			"trialEnd",
			"cancelAtPeriodEnd",
			"seats",
		]) {
			expect(table).toContain(`"${column}"`);
		}
	});

	it("has no subscription table nor subscription endpoints without subscription.enabled", async () => {
		const { database, signUp, post, get } = await setup({ subscription: false });
		expect(database.prepare("select name from sqlite_master where name = 'subscription'").get()).toBeUndefined();
		const { cookie } = await signUp();
		expect((await post("/subscription/upgrade", { plan: "basic" }, cookie)).status).toBe(404);
		expect((await get("/subscription/list", cookie)).status).toBe(404);
	});

	it("honours custom table and column names", async () => {
		const { database, signUp, post } = await setup({
			plugin: {
				schema: {
					subscription: { modelName: "stripeSubscriptions", fields: { plan: "planName" } },
					user: { fields: { stripeCustomerId: "stripe_customer" } },
				},
			},
		});
		const { cookie, user } = await signUp();
		expect(user.stripe_customer).toMatch(/^cus_/);
		expect((await post("/subscription/upgrade", { plan: "basic" }, cookie)).status).toBe(200);
		expect(database.prepare("select planName from stripeSubscriptions").all()).toEqual([{ planName: "basic" }]);
	});

	it("refuses a configuration without a client or a webhook secret", async () => {
		const fake = await startFakeStripe();
		await fake.close();
		expect(() => stripe({ stripeWebhookSecret: WEBHOOK_SECRET } as never)).toThrow(/stripeClient/);
		expect(() => stripe({ stripeClient: fake.stripe } as never)).toThrow(/stripeWebhookSecret/);
		expect(() =>
			stripe({
				stripeClient: fake.stripe,
				stripeWebhookSecret: WEBHOOK_SECRET,
				subscription: { enabled: true },
			} as never),
		).toThrow(/plans/);
	});
});

describe("stripe: customers", () => {
	it("creates a Stripe customer at sign-up and stores its id on the user", async () => {
		const onCustomerCreate = vi.fn();
		const { signUp, fake } = await setup({
			plugin: {
				onCustomerCreate,
				getCustomerCreateParams: async ({ user, session }) => ({
					description: `user ${user.email}`,
					metadata: { source: session ? "session" : "sign-up", userId: "forged" },
				}),
			},
		});
		const { userId, user } = await signUp("new@x.com");
		const [call] = fake.calls("POST", "/v1/customers");
		expect(call.body).toEqual({
			email: "new@x.com",
			name: "User A",
			description: "user new@x.com",
			// The plugin's userId wins over the one getCustomerCreateParams returns.
			metadata: { source: "sign-up", userId },
		});
		expect(user.stripeCustomerId).toMatch(/^cus_/);
		expect(fake.customers.get(user.stripeCustomerId as string)?.email).toBe("new@x.com");
		expect(onCustomerCreate).toHaveBeenCalledTimes(1);
		const [data] = onCustomerCreate.mock.calls[0];
		expect(data.customer).toEqual({ id: user.stripeCustomerId, stripeCustomerId: user.stripeCustomerId, userId });
		expect(data.stripeCustomer.id).toBe(user.stripeCustomerId);
		expect(data.user).toMatchObject({ id: userId, email: "new@x.com", stripeCustomerId: user.stripeCustomerId });
	});

	it("returns stripeCustomerId with the session", async () => {
		const { get, signUp } = await setup();
		const { cookie, user } = await signUp("b@x.com");
		const session = (await (await get("/get-session", cookie)).json()) as { user: { stripeCustomerId?: string } };
		expect(session.user.stripeCustomerId).toBe(user.stripeCustomerId);
		expect(session.user.stripeCustomerId).toMatch(/^cus_/);
	});

	it("creates no customer at sign-up without createCustomerOnSignUp", async () => {
		const { signUp, fake } = await setup({ plugin: { createCustomerOnSignUp: false } });
		const { user } = await signUp();
		expect(fake.calls("POST", "/v1/customers")).toEqual([]);
		expect(user.stripeCustomerId).toBeNull();
	});

	it("still signs the user up when Stripe fails, and creates the customer on the first upgrade", async () => {
		const { signUp, fake, post, userRow } = await setup();
		fake.failNext("POST", "/v1/customers");
		const { user, cookie, userId } = await signUp();
		expect(user.stripeCustomerId).toBeNull();
		const response = await post("/subscription/upgrade", { plan: "basic" }, cookie);
		expect(response.status).toBe(200);
		expect(fake.calls("POST", "/v1/customers")).toHaveLength(2);
		expect(userRow(userId).stripeCustomerId).toMatch(/^cus_/);
	});

	it("does not let a user set stripeCustomerId through sign-up or update-user", async () => {
		const { signUp, post, userRow, fake, database } = await setup({ plugin: { createCustomerOnSignUp: false } });
		const { cookie, userId } = await signUp("a@x.com");
		expect((await post("/update-user", { stripeCustomerId: "cus_victim" }, cookie)).status).toBe(400);
		expect(userRow(userId).stripeCustomerId).toBeNull();
		const response = await post("/sign-up/email", {
			email: "b@x.com",
			password: "password123",
			name: "B",
			stripeCustomerId: "cus_victim",
		});
		// Core refuses (or, in some versions, drops) fields that are not input fields: never stored.
		expect([200, 400]).toContain(response.status);
		const stored = database.prepare("select count(*) as n from user where stripeCustomerId = 'cus_victim'").get();
		expect(stored).toEqual({ n: 0 });
		expect(fake.calls("POST", "/v1/customers")).toEqual([]);
	});

	it("sends an email change to the user's Stripe customer", async () => {
		const { signUp, context, fake } = await setup();
		const { userId, user } = await signUp("old@x.com");
		const internalAdapter = (await context()).internalAdapter;
		await internalAdapter.updateUser(userId, { name: "Renamed" });
		expect(fake.calls("POST", `/v1/customers/${user.stripeCustomerId}`)).toEqual([]);
		await internalAdapter.updateUser(userId, { email: "new@x.com" });
		expect(fake.calls("POST", `/v1/customers/${user.stripeCustomerId}`).map((call) => call.body)).toEqual([
			{ email: "new@x.com" },
		]);
		expect(fake.customers.get(user.stripeCustomerId as string)?.email).toBe("new@x.com");
	});
});

describe("stripe: errors", () => {
	it("registers its error codes", () => {
		const codes = Object.keys(stripe({ stripeClient: {} as never, stripeWebhookSecret: "x" }).$ERROR_CODES);
		expect(codes).toEqual(
			expect.arrayContaining([
				"SUBSCRIPTION_NOT_FOUND",
				"SUBSCRIPTION_PLAN_NOT_FOUND",
				"ALREADY_SUBSCRIBED_PLAN",
				"UNABLE_TO_CREATE_CUSTOMER",
				"FAILED_TO_FETCH_PLANS",
				"EMAIL_VERIFICATION_REQUIRED",
				"SUBSCRIPTION_NOT_ACTIVE",
				"SUBSCRIPTION_NOT_SCHEDULED_FOR_CANCELLATION",
			]),
		);
	});

	it("answers 500 FAILED_TO_FETCH_PLANS when the plans function throws", async () => {
		const { signUp, post } = await setup({
			subscription: {
				plans: async () => {
					throw new Error("database down");
				},
			},
		});
		const { cookie } = await signUp();
		await expectError(await post("/subscription/upgrade", { plan: "basic" }, cookie), 500, "FAILED_TO_FETCH_PLANS");
	});
});
