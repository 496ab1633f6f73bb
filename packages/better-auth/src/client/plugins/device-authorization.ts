/**
 * `deviceAuthorizationClient`: types `authClient.device.code()`, `device.token()` (on the device),
 * `device({ query: { user_code } })`, `device.approve()` and `device.deny()` (on the user's side).
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { deviceAuthorization } from "../../plugins/device-authorization";

export function deviceAuthorizationClient() {
	return {
		id: "device-authorization",
		$InferServerPlugin: {} as ReturnType<typeof deviceAuthorization>,
		pathMethods: {
			"/device/code": "POST",
			"/device/token": "POST",
			"/device": "GET",
			"/device/approve": "POST",
			"/device/deny": "POST",
		},
	} satisfies BetterAuthClientPlugin;
}
