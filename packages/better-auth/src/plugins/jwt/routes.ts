/**
 * `GET /jwks` (or `jwks.jwksPath`), `GET /token`, and the server-only `auth.api.signJWT` and
 * `auth.api.verifyJWT`.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import type { JWTPayload } from "jose";
import * as z from "zod";
import { currentSession, sessionMiddleware } from "../../api/middlewares/session";
import { userOutput } from "../../api/routes/shared";
import { fullContext } from "../../context/full-context";
import { DEFAULT_JWKS_PATH } from "./config";
import { getJwksDocument } from "./keys";
import { getJwtToken, signJWT, verifyWithKeys } from "./sign";
import type { JwtOptions, JwtSession } from "./types";

const signJwtBody = z.object({
	payload: z.record(z.string(), z.unknown()),
	/** Options for this token only, over the plugin's (e.g. another audience or lifetime). */
	overrideOptions: z.record(z.string(), z.unknown()).optional(),
});

const verifyJwtBody = z.object({
	token: z.string(),
	/** The expected `iss`, when it is not the plugin's issuer. */
	issuer: z.string().optional(),
});

/** The plugin options with `override`'s `jwks` and `jwt` sections laid over them. */
function withOverride(options: JwtOptions, override: Record<string, unknown> | undefined): JwtOptions {
	if (!override) return options;
	const { jwks, jwt, ...rest } = override as JwtOptions;
	return { ...options, ...rest, jwks: { ...options.jwks, ...jwks }, jwt: { ...options.jwt, ...jwt } };
}

export function getJwks(options: JwtOptions) {
	return createAuthEndpoint(options.jwks?.jwksPath ?? DEFAULT_JWKS_PATH, { method: "GET" }, async (ctx) => {
		// With a remote JWKS this server publishes none: the endpoint answers 404, as in 1.7.
		if (options.jwks?.remoteUrl) throw new APIError("NOT_FOUND");
		return ctx.json(await getJwksDocument(ctx, options));
	});
}

export function getToken(options: JwtOptions) {
	return createAuthEndpoint(
		"/token",
		{ method: "GET", use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const { session, user } = currentSession(ctx);
			const signedIn = { session, user: userOutput(fullContext(ctx), user) } as JwtSession;
			const token = await getJwtToken({ context: { ...ctx.context, session: signedIn } }, options);
			return ctx.json({ token });
		},
	);
}

export function signJwtEndpoint(options: JwtOptions) {
	return createAuthEndpoint(
		"/sign-jwt",
		{ method: "POST", body: signJwtBody, metadata: { SERVER_ONLY: true } },
		async (ctx) => {
			const token = await signJWT(ctx, {
				payload: ctx.body.payload as JWTPayload,
				options: withOverride(options, ctx.body.overrideOptions),
			});
			return ctx.json({ token });
		},
	);
}

export function verifyJwtEndpoint(options: JwtOptions) {
	return createAuthEndpoint(
		"/verify-jwt",
		{ method: "POST", body: verifyJwtBody, metadata: { SERVER_ONLY: true } },
		async (ctx) => ctx.json({ payload: await verifyWithKeys(ctx, ctx.body.token, options, ctx.body.issuer) }),
	);
}
