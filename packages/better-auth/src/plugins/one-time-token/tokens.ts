/** Issuing one-time tokens: generation, the stored form, the verification row. */
import { sha256 } from "@noble/hashes/sha2.js";
import { base64url } from "jose";
import { fullContext } from "../../context/full-context";
import { generateRandomString } from "../../crypto/random";
import type { OneTimeTokenOptions, OneTimeTokenSession } from "./types";

export const IDENTIFIER_PREFIX = "one-time-token:";

/** The form a token is stored (and looked up) in, per `storeToken`. */
export async function storedForm(token: string, options: OneTimeTokenOptions): Promise<string> {
	const store = options.storeToken ?? "plain";
	if (store === "hashed") return base64url.encode(sha256(new TextEncoder().encode(token)));
	if (typeof store === "object" && store.type === "custom-hasher") return store.hash(token);
	return token;
}

/**
 * Creates a token for a session: a verification row `one-time-token:<stored token>` whose value
 * is the session token, valid `expiresIn` minutes. Returns the token as the user gets it.
 */
export async function issueToken(
	ctx: { context: unknown },
	session: OneTimeTokenSession,
	options: OneTimeTokenOptions,
): Promise<string> {
	const token = options.generateToken ? String(await options.generateToken(session, ctx)) : generateRandomString(32);
	await fullContext(ctx).internalAdapter.createVerificationValue({
		identifier: `${IDENTIFIER_PREFIX}${await storedForm(token, options)}`,
		value: session.session.token,
		expiresAt: new Date(Date.now() + (options.expiresIn ?? 3) * 60 * 1000),
	});
	return token;
}
