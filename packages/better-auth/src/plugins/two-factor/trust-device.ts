/**
 * Trusted devices. The `trust_device` cookie holds `<hmac>!<identifier>`, signed; the
 * `verification` row `<identifier>` → userId says the device is still trusted, and the HMAC (of
 * `userId!identifier`, keyed by the auth secret) ties the cookie to its user. Each use replaces
 * both, so a copied cookie works at most once. Same formats as better-auth 1.7.
 */
import type { FullAuthContext } from "../../context/full-context";
import { makeSignatureBase64Url } from "../../crypto/hmac";
import { constantTimeEqual, generateRandomString } from "../../crypto/random";
import type { TwoFactorConfig } from "./config";
import { type CookieCtx, clearCookie, readSignedCookie, setSignedCookie, trustDeviceCookie } from "./cookies";

const PREFIX = "trust-device-";

/** Remembers this browser for `userId` and sets the cookie. */
export async function trustDevice(ctx: CookieCtx, context: FullAuthContext, config: TwoFactorConfig, userId: string) {
	const identifier = `${PREFIX}${generateRandomString(32, "a-z", "A-Z", "0-9", "-_")}`;
	await context.internalAdapter.createVerificationValue({
		identifier,
		value: userId,
		expiresAt: new Date(Date.now() + config.trustDeviceMaxAge * 1000),
	});
	const hmac = await makeSignatureBase64Url(`${userId}!${identifier}`, context.secret);
	await setSignedCookie(ctx, context, trustDeviceCookie(context, config.trustDeviceMaxAge), `${hmac}!${identifier}`);
}

/** The trust identifier the request's cookie holds for `userId`, or null (no cookie, forged, other user). */
async function trustedIdentifier(ctx: CookieCtx, context: FullAuthContext, config: TwoFactorConfig, userId: string) {
	const cookie = trustDeviceCookie(context, config.trustDeviceMaxAge);
	const value = await readSignedCookie(ctx, context, cookie.name);
	if (!value) return { cookie, present: false, identifier: null };
	const bang = value.indexOf("!");
	const identifier = value.slice(bang + 1);
	const expected = await makeSignatureBase64Url(`${userId}!${identifier}`, context.secret);
	const valid = bang > 0 && identifier.startsWith(PREFIX) && constantTimeEqual(value.slice(0, bang), expected);
	return { cookie, present: true, identifier: valid ? identifier : null };
}

/**
 * Whether this request comes from a device `userId` trusts. A trusted device gets a fresh
 * identifier and cookie (the trust period starts again); a signed cookie that no longer trusts
 * (other user, revoked, expired) is cleared.
 */
export async function consumeTrustedDevice(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: TwoFactorConfig,
	userId: string,
): Promise<boolean> {
	const { cookie, present, identifier } = await trustedIdentifier(ctx, context, config, userId);
	if (!present) return false;
	const row = identifier ? await context.internalAdapter.consumeVerificationValue(identifier) : null;
	if (!row || row.value !== userId) {
		clearCookie(ctx, cookie);
		return false;
	}
	await trustDevice(ctx, context, config, userId);
	return true;
}

/**
 * Forgets the devices `userId` trusts: the one of this request (and its cookie), and, when
 * verification values live in the database, every other one too.
 */
export async function forgetTrustedDevices(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: TwoFactorConfig,
	userId: string,
) {
	const { cookie, present, identifier } = await trustedIdentifier(ctx, context, config, userId);
	if (identifier) await context.internalAdapter.consumeVerificationValue(identifier);
	if (present && identifier) clearCookie(ctx, cookie);
	if (!context.secondaryStorage) {
		await context.adapter.deleteMany({
			model: "verification",
			where: [
				{ field: "identifier", value: PREFIX, operator: "starts_with" },
				{ field: "value", value: userId },
			],
		});
	}
}
