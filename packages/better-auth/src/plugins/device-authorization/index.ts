/**
 * `deviceAuthorization`: the OAuth 2.0 device authorization grant (RFC 8628), for CLIs, TVs and
 * other devices without a comfortable browser. The device gets a device code and a short user
 * code; the user opens the verification page elsewhere, signs in, enters the code and approves;
 * the device, polling `/device/token`, receives a session token (use it with the bearer plugin).
 *
 * @example
 * betterAuth({ plugins: [deviceAuthorization({ expiresIn: "30m", interval: "5s" }), bearer()] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { toMilliseconds } from "./duration";
import { DEVICE_AUTHORIZATION_ERROR_CODES } from "./error-codes";
import { deviceCode } from "./routes/code";
import { deviceToken } from "./routes/token";
import { deviceApprove, deviceDeny, deviceVerify } from "./routes/verify";
import { deviceCodeSchema } from "./schema";
import type { DeviceAuthorizationOptions } from "./types";

export { DEVICE_AUTHORIZATION_ERROR_CODES } from "./error-codes";
export type { DeviceAuthorizationOptions, DeviceCode } from "./types";

export function deviceAuthorization(options: DeviceAuthorizationOptions = {}) {
	const resolved = {
		...options,
		expiresInMs: toMilliseconds(options.expiresIn ?? "30m", "expiresIn"),
		intervalMs: toMilliseconds(options.interval ?? "5s", "interval"),
		deviceCodeLength: options.deviceCodeLength ?? 40,
		userCodeLength: options.userCodeLength ?? 8,
	};
	return {
		id: "device-authorization" as const,
		endpoints: {
			deviceCode: deviceCode(resolved),
			deviceToken: deviceToken(resolved),
			deviceVerify,
			deviceApprove,
			deviceDeny,
		},
		schema: deviceCodeSchema(options),
		$ERROR_CODES: DEVICE_AUTHORIZATION_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
