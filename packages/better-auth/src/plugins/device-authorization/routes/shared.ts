import type { DeviceAuthorizationOptions } from "../types";

/** The options with durations in milliseconds and defaults applied. */
export interface ResolvedOptions extends DeviceAuthorizationOptions {
	expiresInMs: number;
	intervalMs: number;
	deviceCodeLength: number;
	userCodeLength: number;
}
