import type { DeviceAuthorizationOptions } from "./types";

/** `deviceCode`: one row per pending device authorization, deleted once the device has its answer. */
export function deviceCodeSchema(options: DeviceAuthorizationOptions) {
	const custom = options.schema?.deviceCode;
	const column = (name: keyof NonNullable<NonNullable<typeof custom>["fields"]>) => ({
		fieldName: custom?.fields?.[name] ?? name,
	});
	return {
		deviceCode: {
			modelName: custom?.modelName ?? "deviceCode",
			fields: {
				deviceCode: { type: "string" as const, required: true, ...column("deviceCode") },
				userCode: { type: "string" as const, required: true, ...column("userCode") },
				userId: { type: "string" as const, required: false, ...column("userId") },
				expiresAt: { type: "date" as const, required: true, ...column("expiresAt") },
				status: { type: "string" as const, required: true, ...column("status") },
				lastPolledAt: { type: "date" as const, required: false, ...column("lastPolledAt") },
				pollingInterval: { type: "number" as const, required: false, ...column("pollingInterval") },
				clientId: { type: "string" as const, required: false, ...column("clientId") },
				scope: { type: "string" as const, required: false, ...column("scope") },
			},
		},
	};
}
