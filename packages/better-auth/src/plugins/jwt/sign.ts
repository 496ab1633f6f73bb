/** Signing and verifying tokens with the keys of `jwks`. */
import type { AuthContext } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { createLocalJWKSet, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { currentEndpointContext } from "../../context/request-state";
import { DEFAULT_EXPIRATION_TIME } from "./config";
import { listJwks, publishedKeys, resolveSigningKey } from "./keys";
import type { JwtCtx, JwtOptions, JwtSession } from "./types";

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31557600 };
// jose's duration syntax: "15m", "2 hours", "1.5d", "-1h", "3 days ago", "+1w from now".
const DURATION =
	/^(\+|-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i;

/** Seconds of a duration such as `"15m"`; throws a `BetterAuthError` on anything else. */
function durationSeconds(text: string): number {
	const match = DURATION.exec(text.trim());
	if (!match || (match[1] && match[4])) {
		throw new BetterAuthError(`jwt: "${text}" is not a duration; write it like "15m", "1h" or "7 days".`);
	}
	const [, sign, amount, unit, direction] = match;
	// The first letter names the unit: s(ec), m(in), h(our), d(ay), w(eek), y(ear).
	const seconds = Math.round(Number.parseFloat(amount) * UNITS[unit[0].toLowerCase()]);
	return sign === "-" || direction === "ago" ? -seconds : seconds;
}

/**
 * The `exp` claim for an expiration time: a duration counts from `iat`; a number is already an
 * `exp` (seconds since the epoch) and a Date is converted to one, as jose reads them.
 */
export function toExpJWT(expirationTime: number | string | Date, iat: number): number {
	if (typeof expirationTime === "number") return expirationTime;
	if (expirationTime instanceof Date) return Math.floor(expirationTime.getTime() / 1000);
	return iat + durationSeconds(expirationTime);
}

/** `iss` and `aud` when none is configured: the origin of the base URL ("" until it is known). */
function baseOrigin(context: AuthContext): string {
	try {
		return context.baseURL ? new URL(context.baseURL).origin : "";
	} catch {
		return "";
	}
}

/**
 * Signs `payload` as a JWT with the current key. `exp`, `iss` and `aud` are added from `options`
 * (defaults: 15 minutes, the base URL's origin) unless the payload has them; no `iat` is added.
 * With `options.jwt.sign` the complete claims go to that function instead.
 */
export async function signJWT(
	ctx: JwtCtx,
	{ payload, options }: { payload: JWTPayload & Record<string, unknown>; options?: JwtOptions },
): Promise<string> {
	const context = ctx.context as AuthContext;
	const now = Math.floor(Date.now() / 1000);
	const claims: JWTPayload = {
		...payload,
		exp: payload.exp ?? toExpJWT(options?.jwt?.expirationTime ?? DEFAULT_EXPIRATION_TIME, now),
		iss: payload.iss ?? options?.jwt?.issuer ?? baseOrigin(context),
		aud: payload.aud ?? options?.jwt?.audience ?? baseOrigin(context),
	};
	if (options?.jwt?.sign && options.jwks?.remoteUrl) return options.jwt.sign(claims);
	const { alg, kid, privateKey } = await resolveSigningKey(ctx, options);
	return new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(privateKey);
}

/**
 * A token for the session on `ctx.context.session`: `iat`, the claims of `definePayload` (the
 * user by default), `sub` from `getSubject` (the user id by default), then `exp`, `iss`, `aud`.
 */
export async function getJwtToken(ctx: JwtCtx, options?: JwtOptions): Promise<string> {
	const session = (ctx.context as { session?: JwtSession }).session;
	if (!session) throw new BetterAuthError("jwt: getJwtToken needs a session on ctx.context.session.");
	return signJWT(ctx, { payload: await sessionClaims(session, options), options });
}

/** The claims of a session's token, before `exp`, `iss` and `aud`. */
export async function sessionClaims(session: JwtSession, options?: JwtOptions) {
	const claims = options?.jwt?.definePayload ? await options.jwt.definePayload(session) : session.user;
	return {
		iat: Math.floor(Date.now() / 1000),
		...claims,
		sub: (await options?.jwt?.getSubject?.(session)) ?? session.user.id,
	};
}

/**
 * The payload of a token signed by one of the published keys, with the expected issuer and
 * audience, not expired and with a subject; null otherwise.
 */
export async function verifyWithKeys(
	ctx: JwtCtx,
	token: string,
	options?: JwtOptions,
	issuer?: string,
): Promise<JWTPayload | null> {
	const context = ctx.context as AuthContext;
	try {
		const keys = publishedKeys(await listJwks(ctx, options), options);
		if (keys.length === 0) return null;
		const { payload } = await jwtVerify(token, createLocalJWKSet({ keys }), {
			issuer: issuer ?? options?.jwt?.issuer ?? baseOrigin(context),
			audience: options?.jwt?.audience ?? baseOrigin(context),
		});
		return payload.sub ? payload : null;
	} catch {
		return null;
	}
}

/**
 * Verifies a token inside an endpoint or hook of this auth instance (the instance is found from
 * the call in progress). Returns the payload, or null for any invalid token.
 */
export async function verifyJWT<T extends JWTPayload = JWTPayload>(
	token: string,
	options?: JwtOptions,
): Promise<T | null> {
	const ctx = currentEndpointContext() as JwtCtx | null;
	if (!ctx) {
		throw new BetterAuthError(
			"jwt: verifyJWT runs inside an endpoint or hook of your auth instance; elsewhere use auth.api.verifyJWT.",
		);
	}
	return (await verifyWithKeys(ctx, token, options)) as T | null;
}
