/** Small helpers shared by the endpoints: callback context, URLs, Stripe calls, reference checks. */
import type { Session } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import { type FullAuthContext, fullContext } from "better-auth/api";
import { STRIPE_ERROR_CODES } from "./error-codes";
import type { AuthorizeReferenceAction, StripeCallContext, StripeOptions, StripeUser } from "./types";

/** What endpoints hand to helpers: the parts of the endpoint context they read. */
export interface EndpointLike {
	context: unknown;
	request?: Request;
	headers?: Headers;
}

/** The second argument of every callback. */
export function callContext(ctx: EndpointLike): StripeCallContext {
	return { request: ctx.request, headers: ctx.headers, context: fullContext(ctx) };
}

/** The auth base URL (`https://app.example/api/auth`), from the options or the request. */
export function authBaseURL(ctx: EndpointLike): string {
	const context = fullContext(ctx);
	if (context.baseURL) return context.baseURL;
	const origin = ctx.request ? new URL(ctx.request.url).origin : "http://localhost:3000";
	return `${origin}${context.basePath === "/" ? "" : context.basePath}`;
}

/** An app URL as Stripe needs it: absolute, relative ones resolved against the app's origin. */
export function absoluteURL(ctx: EndpointLike, url: string): string {
	return new URL(url, new URL(authBaseURL(ctx)).origin).toString();
}

/** `<auth base URL><path>?<params>`: the plugin's own redirect targets. */
export function endpointURL(ctx: EndpointLike, path: string, params: Record<string, string>): string {
	return `${authBaseURL(ctx)}${path}?${new URLSearchParams(params).toString()}`;
}

/**
 * Runs a Stripe API call; a failure is logged with Stripe's message and answered with a stable
 * code (Stripe's message is not sent to the client).
 */
export async function callStripe<T>(
	context: FullAuthContext,
	what: string,
	call: () => Promise<T>,
	code = STRIPE_ERROR_CODES.STRIPE_ERROR,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (error instanceof APIError) throw error;
		context.logger.error(`Stripe: ${what} failed`, error);
		throw new APIError("INTERNAL_SERVER_ERROR", code);
	}
}

/**
 * Refuses a reference id that is not the user's own unless `authorizeReference` allows it
 * (without `authorizeReference`, foreign reference ids are refused).
 */
export async function assertReference(
	ctx: EndpointLike,
	options: StripeOptions,
	data: { user: StripeUser; session: Session; referenceId: string; action: AuthorizeReferenceAction },
): Promise<void> {
	if (data.referenceId === data.user.id) return;
	const authorize = options.subscription?.authorizeReference;
	if (!authorize) {
		fullContext(ctx).logger.error(
			`Stripe: reference id "${data.referenceId}" refused: configure subscription.authorizeReference to allow reference ids other than the user's id`,
		);
		throw new APIError("BAD_REQUEST", STRIPE_ERROR_CODES.REFERENCE_ID_NOT_ALLOWED);
	}
	if (!(await authorize(data, callContext(ctx)))) {
		throw new APIError("FORBIDDEN", STRIPE_ERROR_CODES.UNAUTHORIZED_REFERENCE);
	}
}
