/**
 * `apiKeyClient`: types the api-key endpoints on the client (`apiKey.create`, `apiKey.get`,
 * `apiKey.update`, `apiKey.delete`, `apiKey.list`) and adds the plugin's error codes. Verification
 * and the expired-key sweep are server-only and are not on the client.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { apiKey } from "../../plugins/api-key";
import { API_KEY_ERROR_CODES } from "../../plugins/api-key/error-codes";

export function apiKeyClient() {
	return {
		id: "api-key",
		$InferServerPlugin: {} as ReturnType<typeof apiKey>,
		pathMethods: {
			"/api-key/create": "POST",
			"/api-key/delete": "POST",
			"/api-key/delete-all-expired-api-keys": "POST",
		},
		$ERROR_CODES: API_KEY_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
