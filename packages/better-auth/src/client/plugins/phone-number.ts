/**
 * `phoneNumberClient`: types `signIn.phoneNumber`, `phoneNumber.sendOtp`, `phoneNumber.verify`,
 * `phoneNumber.requestPasswordReset` and `phoneNumber.resetPassword`, and the `phoneNumber` /
 * `phoneNumberVerified` fields on users. The session refetches after a verification (which signs
 * in or changes the user's number).
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { phoneNumber } from "../../plugins/phone-number";
import { PHONE_NUMBER_ERROR_CODES } from "../../plugins/phone-number/error-codes";

export function phoneNumberClient() {
	return {
		id: "phoneNumber",
		$InferServerPlugin: {} as ReturnType<typeof phoneNumber>,
		atomListeners: [
			{
				matcher: (path) =>
					path === "/phone-number/update" || path === "/phone-number/verify" || path === "/sign-in/phone-number",
				signal: "$sessionSignal",
			},
		],
		$ERROR_CODES: PHONE_NUMBER_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
