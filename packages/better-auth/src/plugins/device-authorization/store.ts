/** Reads and writes of the `deviceCode` table, and the RFC-style errors the endpoints answer. */
import { APIError } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";
import type { DeviceCode } from "./types";

const MODEL = "deviceCode";

export function findByDeviceCode(context: FullAuthContext, deviceCode: string) {
	return context.adapter.findOne<DeviceCode>({ model: MODEL, where: [{ field: "deviceCode", value: deviceCode }] });
}

/** User codes are compared without dashes and case: people type "abcd-efgh" for "ABCDEFGH". */
export function normalizeUserCode(userCode: string): string {
	return userCode.replace(/[-\s]/g, "").toUpperCase();
}

export function findByUserCode(context: FullAuthContext, userCode: string) {
	return context.adapter.findOne<DeviceCode>({
		model: MODEL,
		where: [{ field: "userCode", value: normalizeUserCode(userCode) }],
	});
}

export function createDeviceCode(context: FullAuthContext, data: Omit<DeviceCode, "id">) {
	return context.adapter.create<Omit<DeviceCode, "id">, DeviceCode>({ model: MODEL, data });
}

export function updateDeviceCode(context: FullAuthContext, id: string, update: Partial<DeviceCode>) {
	return context.adapter.update<DeviceCode>({ model: MODEL, where: [{ field: "id", value: id }], update });
}

/** Deletes the row; true only for the one caller that actually deleted it. */
export async function takeDeviceCode(context: FullAuthContext, id: string): Promise<boolean> {
	return (await context.adapter.deleteMany({ model: MODEL, where: [{ field: "id", value: id }] })) === 1;
}

type Status = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL_SERVER_ERROR";

/** An RFC 6749-style error: `{ error, error_description }`. */
export function oauthError(status: Status, error: string, description: string, headers?: Record<string, string>) {
	return new APIError(status, { error, error_description: description }, headers);
}
