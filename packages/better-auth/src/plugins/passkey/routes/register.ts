/** `GET /passkey/generate-register-options` and `POST /passkey/verify-registration`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import {
	type AuthenticatorTransportFuture,
	generateRegistrationOptions,
	type RegistrationResponseJSON,
	verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { freshSessionMiddleware, getSessionFromCtx } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { generateRandomString } from "../../../crypto/random";
import { saveChallenge, takeChallenge } from "../challenge";
import { expectedOrigin, type PasskeyConfig, rpID } from "../config";
import { PASSKEY_ERROR_CODES } from "../error-codes";
import { createPasskey, findByCredentialID, listPasskeysOf } from "../store";
import type { PasskeyRegistrationUser } from "../types";

const registerOptionsQuery = z
	.object({
		authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
		name: z.string().optional(),
		/** Passed to `registration.resolveUser` for session-less registration. */
		context: z.string().optional(),
	})
	.optional();

const transportSchema = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

/** A `RegistrationResponseJSON` (as `startRegistration` returns it); unknown members pass through. */
const registrationResponse = z.looseObject({
	id: z.string(),
	rawId: z.string(),
	type: z.literal("public-key"),
	response: z.looseObject({
		clientDataJSON: z.string(),
		attestationObject: z.string(),
		transports: z.array(z.string()).optional(),
	}),
	clientExtensionResults: z.record(z.string(), z.unknown()).optional().default({}),
	authenticatorAttachment: z.string().optional(),
});

const verifyRegistrationBody = z.object({ response: registrationResponse, name: z.string().optional() });

type Ctx = Parameters<typeof getSessionFromCtx>[0] & {
	query?: { context?: string };
	context: unknown;
};

/**
 * Who the passkey is for: the session's user, or (with `registration.requireSession: false` and no
 * session) the user `resolveUser` names. A session-less request without a resolvable user is 401.
 */
async function registrant(ctx: Ctx, config: PasskeyConfig, context: FullAuthContext): Promise<PasskeyRegistrationUser> {
	const session = await getSessionFromCtx(ctx);
	if (session) {
		const { user } = session;
		return { id: user.id, name: user.email || user.id, displayName: user.name || user.email || user.id };
	}
	const resolved = await config.options.registration?.resolveUser?.({
		context: ctx.query?.context,
		request: ctx.request,
	});
	const user = resolved?.id ? await context.internalAdapter.findUserById(resolved.id) : null;
	if (!resolved || !user) throw new APIError("UNAUTHORIZED", { message: "Unauthorized", code: "UNAUTHORIZED" });
	return { id: user.id, name: resolved.name ?? user.email ?? user.id, displayName: resolved.displayName };
}

export function generatePasskeyRegistrationOptions(config: PasskeyConfig) {
	return createAuthEndpoint(
		"/passkey/generate-register-options",
		{ method: "GET", query: registerOptionsQuery, use: config.requireSession ? [freshSessionMiddleware] : [] },
		async (ctx) => {
			const context = fullContext(ctx);
			const user = await registrant(ctx as Ctx, config, context);
			const existing = await listPasskeysOf(context, user.id);
			const attachment =
				ctx.query?.authenticatorAttachment ?? config.options.authenticatorSelection?.authenticatorAttachment;
			const options = await generateRegistrationOptions({
				rpName: config.rpName,
				rpID: rpID(config, context),
				// An opaque handle, not the user id: authenticators may expose it to other sites' scripts.
				userID: new TextEncoder().encode(generateRandomString(32, "a-z", "0-9")),
				userName: ctx.query?.name || user.name || user.id,
				userDisplayName: user.displayName || user.name || user.id,
				attestationType: "none",
				excludeCredentials: existing.map((passkey) => ({
					id: passkey.credentialID,
					transports: passkey.transports?.split(",").filter(Boolean) as AuthenticatorTransportFuture[] | undefined,
				})),
				authenticatorSelection: {
					residentKey: "preferred",
					userVerification: "preferred",
					...config.options.authenticatorSelection,
					...(attachment ? { authenticatorAttachment: attachment } : {}),
				},
			});
			await saveChallenge(ctx, context, config, { expectedChallenge: options.challenge, userData: { id: user.id } });
			return ctx.json(options);
		},
	);
}

export function verifyPasskeyRegistration(config: PasskeyConfig) {
	return createAuthEndpoint(
		"/passkey/verify-registration",
		{
			method: "POST",
			body: verifyRegistrationBody,
			use: config.requireSession ? [originCheck(), freshSessionMiddleware] : [originCheck()],
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const challenge = await takeChallenge(ctx, context, config);
			if (!challenge) throw new APIError("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
			const session = await getSessionFromCtx(ctx);
			// The options were issued for one user; only that user (or, session-less, nobody else) may finish.
			if (!challenge.userData.id || (session && session.user.id !== challenge.userData.id)) {
				throw new APIError("UNAUTHORIZED", PASSKEY_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY);
			}
			const { response, name } = ctx.body;
			let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
			try {
				verification = await verifyRegistrationResponse({
					response: response as unknown as RegistrationResponseJSON,
					expectedChallenge: challenge.expectedChallenge,
					expectedOrigin: expectedOrigin(config, context, ctx.headers),
					expectedRPID: rpID(config, context),
					requireUserVerification: false,
				});
			} catch (error) {
				context.logger.error("Passkey registration failed", error);
				throw new APIError("BAD_REQUEST", PASSKEY_ERROR_CODES.FAILED_TO_VERIFY_REGISTRATION);
			}
			if (!verification.verified) {
				throw new APIError("BAD_REQUEST", PASSKEY_ERROR_CODES.FAILED_TO_VERIFY_REGISTRATION);
			}
			const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verification.registrationInfo;
			// A credential id names one key: a second row with the same id (another account's
			// authenticator cloned, or a forged response) would make sign-in ambiguous.
			if (await findByCredentialID(context, credential.id)) {
				throw new APIError("BAD_REQUEST", PASSKEY_ERROR_CODES.FAILED_TO_VERIFY_REGISTRATION);
			}
			const transports = (credential.transports ?? response.response.transports ?? []).filter(
				(transport) => transportSchema.safeParse(transport).success,
			);
			const passkey = await createPasskey(context, {
				name: name ?? null,
				userId: challenge.userData.id,
				credentialID: credential.id,
				publicKey: isoBase64URL.fromBuffer(credential.publicKey, "base64"),
				counter: credential.counter,
				deviceType: credentialDeviceType,
				backedUp: credentialBackedUp,
				transports: transports.join(","),
				createdAt: new Date(),
				aaguid,
			});
			return ctx.json(passkey);
		},
	);
}
