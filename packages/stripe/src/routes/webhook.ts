/**
 * `POST /stripe/webhook`: Stripe's events, verified against `stripeWebhookSecret` on the raw body.
 * The auth handler parses JSON bodies before endpoints run, so `captureWebhookBody` (the plugin's
 * `onRequest`) keeps a copy of the raw text for this path; re-serializing the parsed JSON would
 * not reproduce the signed bytes.
 */
import type { AuthContext } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { fullContext } from "better-auth/api";
import type Stripe from "stripe";
import { STRIPE_ERROR_CODES } from "../error-codes";
import { handleEvent } from "../events";
import type { StripeOptions } from "../types";
import { callContext } from "../utils";

export const WEBHOOK_PATH = "/stripe/webhook";

/** Larger bodies are refused by the auth handler (413); they are not worth copying. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

const rawBodies = new WeakMap<Request, string>();

/** Reads at most `limit` bytes of a body; null when it is longer. */
async function readLimited(request: Request, limit: number): Promise<string | null> {
	const reader = request.body?.getReader();
	if (!reader) return "";
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return new TextDecoder().decode(bytes);
}

/** `onRequest`: keeps the raw body of webhook requests for the signature check. */
export async function captureWebhookBody(request: Request, context: AuthContext): Promise<void> {
	if (request.method !== "POST") return;
	const base = context.basePath === "/" ? "" : context.basePath;
	if (new URL(request.url).pathname !== `${base}${WEBHOOK_PATH}`) return;
	const raw = await readLimited(request.clone(), MAX_WEBHOOK_BYTES);
	if (raw !== null) rawBodies.set(request, raw);
}

/** The signed payload: captured over HTTP, or a string body / unread request from `auth.api`. */
async function rawBody(ctx: { request?: Request; body?: unknown }): Promise<string | undefined> {
	const captured = ctx.request ? rawBodies.get(ctx.request) : undefined;
	if (captured !== undefined) return captured;
	if (typeof ctx.body === "string") return ctx.body;
	if (ctx.request && !ctx.request.bodyUsed) return ctx.request.text();
	return undefined;
}

export function stripeWebhook(options: StripeOptions) {
	return createAuthEndpoint(WEBHOOK_PATH, { method: "POST", metadata: { isAction: false } }, async (ctx) => {
		const context = fullContext(ctx);
		const signature = ctx.request?.headers.get("stripe-signature") ?? ctx.headers?.get("stripe-signature");
		if (!signature) throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.STRIPE_SIGNATURE_NOT_FOUND);
		const payload = await rawBody(ctx);
		let event: Stripe.Event;
		try {
			if (payload === undefined) throw new Error("The raw request body is not available");
			event = await options.stripeClient.webhooks.constructEventAsync(payload, signature, options.stripeWebhookSecret);
		} catch (error) {
			context.logger.error("Stripe: webhook signature verification failed", error);
			throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.FAILED_TO_CONSTRUCT_STRIPE_EVENT);
		}
		try {
			await handleEvent(event, options, callContext(ctx));
			await options.onEvent?.(event);
		} catch (error) {
			// A 400 makes Stripe deliver the event again later.
			context.logger.error(`Stripe: handling webhook event ${event.type} (${event.id}) failed`, error);
			throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.STRIPE_WEBHOOK_ERROR);
		}
		return ctx.json({ success: true });
	});
}
