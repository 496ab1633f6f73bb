import { betterAuth } from "better-auth";
import { betterAuth as referenceBetterAuth } from "better-auth-reference";
import { describe, expect, it } from "vitest";
import { SECRET } from "./harness";

describe("compat: error codes", () => {
	it("$ERROR_CODES has the same codes and messages as better-auth 1.7", () => {
		const options = { secret: SECRET, baseURL: "http://localhost:3000" };
		const ours = betterAuth(options).$ERROR_CODES as Record<string, { code: string; message: string }>;
		const reference = referenceBetterAuth(options).$ERROR_CODES as Record<string, unknown>;
		const normalise = (codes: Record<string, unknown>) =>
			Object.fromEntries(
				Object.entries(codes).map(([key, value]) => [
					key,
					typeof value === "string" ? value : (value as { message: string }).message,
				]),
			);
		expect(normalise(ours)).toEqual(normalise(reference));
	});
});
