/**
 * A fake Stripe API on 127.0.0.1 for tests: the real Stripe SDK talks to it over HTTP. It keeps
 * customers, prices, Checkout Sessions, Billing Portal sessions and subscriptions in memory,
 * records every request, and builds signed webhook requests. No network beyond loopback.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export const WEBHOOK_SECRET = "whsec_test_secret";

type Json = Record<string, unknown>;

export interface RecordedRequest {
	method: string;
	path: string;
	body: Json;
	query: Json;
	headers: Record<string, string | string[] | undefined>;
}

/** Sets `value` at a bracketed form key (`line_items[0][price]`) in `target`. */
function assign(target: Json, key: string, value: string) {
	const parts = key.match(/[^[\]]+|\[\]/g) ?? [key];
	let node: Json | unknown[] = target;
	parts.forEach((part, index) => {
		const last = index === parts.length - 1;
		const slot = part === "[]" ? String((node as unknown[]).length) : part;
		if (last) {
			(node as Json)[slot] = value;
			return;
		}
		const nextIsIndex = /^\d+$/.test(parts[index + 1]) || parts[index + 1] === "[]";
		(node as Json)[slot] ??= nextIsIndex ? [] : {};
		node = (node as Json)[slot] as Json;
	});
}

/** Stripe's form encoding (`a[b][0]=c`) as nested objects. */
export function parseForm(text: string): Json {
	const result: Json = {};
	for (const [key, value] of new URLSearchParams(text)) assign(result, key, value);
	return result;
}

const now = () => Math.floor(Date.now() / 1000);
const DAY = 24 * 60 * 60;

export interface FakeStripe {
	stripe: Stripe;
	requests: RecordedRequest[];
	customers: Map<string, Json>;
	subscriptions: Map<string, Json>;
	checkoutSessions: Map<string, Json>;
	/** Lookup key → price id, for `prices.list({ lookup_keys })`. */
	lookupKeys: Map<string, string>;
	/** Answer the next request to `path` (e.g. `POST /v1/customers`) with a Stripe error. */
	failNext: (method: string, path: string) => void;
	/** Requests to a method + path (`POST /v1/customers`). */
	calls: (method: string, path: string) => RecordedRequest[];
	/** Creates the subscription a completed Checkout Session produces and returns the completed session. */
	completeCheckout: (sessionId: string, overrides?: Json) => { session: Json; subscription: Json };
	/** A Stripe subscription object, stored, for subscriptions created outside Checkout. */
	createSubscription: (input: { customer: string; price: string; quantity?: number; metadata?: Json } & Json) => Json;
	/** Changes a stored subscription (as Stripe would) and returns it with the previous values. */
	updateSubscription: (id: string, changes: Json) => { subscription: Json; previous: Json };
	/** A signed webhook request body and header for an event of `type` about `object`. */
	event: (type: string, object: Json, previous?: Json) => { payload: string; signature: string };
	close: () => Promise<void>;
}

function subscriptionObject(id: string, input: Json & { customer: string; price: string }): Json {
	const start = now();
	const trialDays = Number(input.trial_period_days ?? 0);
	const trialing = trialDays > 0;
	const periodEnd = start + (trialing ? trialDays : 30) * DAY;
	const { price, quantity, trial_period_days: _, ...rest } = input;
	return {
		id,
		object: "subscription",
		status: trialing ? "trialing" : "active",
		cancel_at_period_end: false,
		cancel_at: null,
		canceled_at: null,
		cancellation_details: { comment: null, feedback: null, reason: null },
		created: start,
		start_date: start,
		ended_at: null,
		livemode: false,
		metadata: {},
		trial_start: trialing ? start : null,
		trial_end: trialing ? periodEnd : null,
		items: {
			object: "list",
			has_more: false,
			url: `/v1/subscription_items?subscription=${id}`,
			data: [
				{
					id: `si_${id.slice(4)}`,
					object: "subscription_item",
					subscription: id,
					quantity: Number(quantity ?? 1),
					current_period_start: start,
					current_period_end: periodEnd,
					price: { id: price, object: "price", active: true, lookup_key: null, recurring: { interval: "month" } },
				},
			],
		},
		...rest,
	};
}

export async function startFakeStripe(): Promise<FakeStripe> {
	const requests: RecordedRequest[] = [];
	const customers = new Map<string, Json>();
	const subscriptions = new Map<string, Json>();
	const checkoutSessions = new Map<string, Json>();
	const lookupKeys = new Map<string, string>();
	const failures = new Set<string>();
	let counter = 0;
	const nextId = (prefix: string) => `${prefix}_test${String(++counter).padStart(6, "0")}`;

	const list = (data: Json[], url: string) => ({ object: "list", data, has_more: false, url });
	const notFound = (kind: string, id: string) => ({
		status: 404,
		body: {
			error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${kind}: '${id}'` },
		},
	});

	function route(method: string, path: string, body: Json, query: Json): { status: number; body: unknown } {
		const ok = (value: unknown) => ({ status: 200, body: value });
		const customerPath = path.match(/^\/v1\/customers\/([^/]+)$/);
		const subscriptionPath = path.match(/^\/v1\/subscriptions\/([^/]+)$/);
		if (method === "POST" && path === "/v1/customers") {
			const customer = {
				id: nextId("cus"),
				object: "customer",
				created: now(),
				livemode: false,
				metadata: {},
				...body,
			};
			customers.set(customer.id, customer);
			return ok(customer);
		}
		if (customerPath) {
			const customer = customers.get(customerPath[1]);
			if (!customer) return notFound("customer", customerPath[1]);
			if (method === "POST") Object.assign(customer, body);
			return ok(customer);
		}
		if (method === "GET" && path === "/v1/prices") {
			const keys = Object.values((query.lookup_keys ?? {}) as Json).map(String);
			const data = keys
				.filter((key) => lookupKeys.has(key))
				.map((key) => ({ id: lookupKeys.get(key), object: "price", lookup_key: key, active: true }));
			return ok(list(data, "/v1/prices"));
		}
		if (method === "POST" && path === "/v1/checkout/sessions") {
			const id = nextId("cs");
			const session = {
				id,
				object: "checkout.session",
				status: "open",
				payment_status: "unpaid",
				subscription: null,
				livemode: false,
				url: `https://checkout.stripe.com/c/pay/${id}`,
				...body,
			};
			checkoutSessions.set(id, session);
			return ok(session);
		}
		if (method === "POST" && path === "/v1/billing_portal/sessions") {
			const id = nextId("bps");
			return ok({
				id,
				object: "billing_portal.session",
				livemode: false,
				url: `https://billing.stripe.com/p/session/${id}`,
				...body,
			});
		}
		if (method === "GET" && path === "/v1/subscriptions") {
			const data = [...subscriptions.values()].filter((sub) => !query.customer || sub.customer === query.customer);
			return ok(list(data, "/v1/subscriptions"));
		}
		if (subscriptionPath) {
			const subscription = subscriptions.get(subscriptionPath[1]);
			if (!subscription) return notFound("subscription", subscriptionPath[1]);
			if (method === "POST") {
				const changes: Json = { ...body };
				if ("cancel_at_period_end" in changes) changes.cancel_at_period_end = changes.cancel_at_period_end === "true";
				if (changes.cancel_at === "") changes.cancel_at = null;
				Object.assign(subscription, changes);
			}
			return ok(subscription);
		}
		return { status: 404, body: { error: { type: "invalid_request_error", message: `Unknown route ${path}` } } };
	}

	const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => {
			const url = new URL(request.url ?? "/", "http://127.0.0.1");
			const method = request.method ?? "GET";
			const body = parseForm(Buffer.concat(chunks).toString("utf8"));
			const query = parseForm(url.search.slice(1));
			requests.push({ method, path: url.pathname, body, query, headers: request.headers });
			const key = `${method} ${url.pathname}`;
			const answer = failures.delete(key)
				? { status: 400, body: { error: { type: "invalid_request_error", message: "Simulated failure" } } }
				: route(method, url.pathname, body, query);
			response.writeHead(answer.status, { "content-type": "application/json", "request-id": `req_${counter}` });
			response.end(JSON.stringify(answer.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	const stripe = new Stripe("sk_test_fake", {
		host: "127.0.0.1",
		port,
		protocol: "http",
		maxNetworkRetries: 0,
		telemetry: false,
	});

	const createSubscription: FakeStripe["createSubscription"] = (input) => {
		const subscription = subscriptionObject(nextId("sub"), input);
		subscriptions.set(subscription.id as string, subscription);
		return subscription;
	};

	return {
		stripe,
		requests,
		customers,
		subscriptions,
		checkoutSessions,
		lookupKeys,
		failNext: (method, path) => failures.add(`${method} ${path}`),
		calls: (method, path) => requests.filter((request) => request.method === method && request.path === path),
		completeCheckout(sessionId, overrides = {}) {
			const session = checkoutSessions.get(sessionId);
			if (!session) throw new Error(`unknown checkout session ${sessionId}`);
			const item = (session.line_items as Json[])[0];
			const data = (session.subscription_data ?? {}) as Json;
			const subscription = createSubscription({
				customer: session.customer as string,
				price: item.price as string,
				quantity: Number(item.quantity ?? 1),
				trial_period_days: data.trial_period_days,
				metadata: (data.metadata ?? {}) as Json,
				...overrides,
			});
			Object.assign(session, { status: "complete", payment_status: "paid", subscription: subscription.id });
			return { session, subscription };
		},
		createSubscription,
		updateSubscription(id, changes) {
			const subscription = subscriptions.get(id);
			if (!subscription) throw new Error(`unknown subscription ${id}`);
			const previous = Object.fromEntries(Object.keys(changes).map((key) => [key, subscription[key]]));
			Object.assign(subscription, changes);
			return { subscription, previous };
		},
		event(type, object, previous) {
			const event = {
				id: nextId("evt"),
				object: "event",
				api_version: "2025-03-31.basil",
				created: now(),
				livemode: false,
				pending_webhooks: 1,
				request: { id: null, idempotency_key: null },
				type,
				data: previous ? { object, previous_attributes: previous } : { object },
			};
			// Stripe sends pretty-printed JSON: a re-serialized body would not match the signature.
			const payload = JSON.stringify(event, null, 2);
			return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
