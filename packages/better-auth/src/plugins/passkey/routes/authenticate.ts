/** `GET|POST /passkey/generate-authenticate-options` and `POST /passkey/verify-authentication`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import {
	type AuthenticationResponseJSON,
	type AuthenticatorTransportFuture,
	generateAuthenticationOptions,
	verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { getSessionFromCtx } from "../../../api/middlewares/session";
import { requestMeta, setSessionCookie } from "../../../api/session-cookie";
import { fullContext } from "../../../context/full-context";
import { saveChallenge, takeChallenge } from "../challenge";
import { expectedOrigin, type PasskeyConfig, rpID } from "../config";
import { PASSKEY_ERROR_CODES } from "../error-codes";
import { findByCredentialID, listPasskeysOf, updatePasskeyRow } from "../store";

/** An `AuthenticationResponseJSON` (as `startAuthentication` returns it); unknown members pass through. */
const authenticationResponse = z.looseObject({
	id: z.string(),
	rawId: z.string(),
	type: z.literal("public-key"),
	response: z.looseObject({
		clientDataJSON: z.string(),
		authenticatorData: z.string(),
		signature: z.string(),
		userHandle: z.string().optional(),
	}),
	clientExtensionResults: z.record(z.string(), z.unknown()).optional().default({}),
	authenticatorAttachment: z.string().optional(),
});

const verifyAuthenticationBody = z.object({ response: authenticationResponse });

export function generatePasskeyAuthenticationOptions(config: PasskeyConfig) {
	return createAuthEndpoint("/passkey/generate-authenticate-options", { method: ["GET", "POST"] }, async (ctx) => {
		const context = fullContext(ctx);
		// Signed in: offer the user's own passkeys (re-authentication); otherwise let the
		// authenticator pick a discoverable credential.
		const session = await getSessionFromCtx(ctx);
		const passkeys = session ? await listPasskeysOf(context, session.user.id) : [];
		const options = await generateAuthenticationOptions({
			rpID: rpID(config, context),
			userVerification: "preferred",
			...(passkeys.length
				? {
						allowCredentials: passkeys.map((passkey) => ({
							id: passkey.credentialID,
							transports: passkey.transports?.split(",").filter(Boolean) as AuthenticatorTransportFuture[] | undefined,
						})),
					}
				: {}),
		});
		await saveChallenge(ctx, context, config, {
			expectedChallenge: options.challenge,
			userData: { id: session?.user.id ?? "" },
		});
		return ctx.json(options);
	});
}

export function verifyPasskeyAuthentication(config: PasskeyConfig) {
	return createAuthEndpoint(
		"/passkey/verify-authentication",
		{ method: "POST", body: verifyAuthenticationBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const challenge = await takeChallenge(ctx, context, config);
			if (!challenge) throw new APIError("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
			const { response } = ctx.body;
			const passkey = await findByCredentialID(context, response.id);
			if (!passkey) throw new APIError("UNAUTHORIZED", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
			let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
			try {
				verification = await verifyAuthenticationResponse({
					response: response as unknown as AuthenticationResponseJSON,
					expectedChallenge: challenge.expectedChallenge,
					expectedOrigin: expectedOrigin(config, context, ctx.headers),
					expectedRPID: rpID(config, context),
					credential: {
						id: passkey.credentialID,
						publicKey: isoBase64URL.toBuffer(passkey.publicKey, "base64"),
						counter: passkey.counter,
						transports: passkey.transports?.split(",").filter(Boolean) as AuthenticatorTransportFuture[] | undefined,
					},
					requireUserVerification: false,
				});
			} catch (error) {
				// Bad signature, wrong challenge/origin/RP id, or a counter that went backwards (a cloned key).
				context.logger.error("Passkey authentication failed", error);
				throw new APIError("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
			}
			if (!verification.verified) throw new APIError("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
			await updatePasskeyRow(context, passkey.id, { counter: verification.authenticationInfo.newCounter });
			const user = await context.internalAdapter.findUserById(passkey.userId);
			if (!user) throw new APIError("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
			if (!session) throw new APIError("INTERNAL_SERVER_ERROR", PASSKEY_ERROR_CODES.UNABLE_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user });
			return ctx.json({ session });
		},
	);
}
