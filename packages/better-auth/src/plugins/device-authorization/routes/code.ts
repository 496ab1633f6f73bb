/** `POST /device/code`: a device asks for a device code and a user code (RFC 8628 §3.1). */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { fullContext } from "../../../context/full-context";
import { generateRandomString } from "../../../crypto/random";
import { createDeviceCode, oauthError } from "../store";
import type { ResolvedOptions } from "./shared";

const USER_CODE_CHARSET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const NO_STORE = { "Cache-Control": "no-store" };

// Checked in the handler, so that bad input is answered in RFC form (`invalid_request`).
const codeRequest = z.object({ client_id: z.string(), scope: z.string().optional() });

function describeIssues(error: z.ZodError): string {
	return error.issues.map((issue) => `[body.${issue.path.join(".")}] ${issue.message}`).join("; ");
}

function defaultUserCode(length: number): string {
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	// 32 characters: a byte modulo 32 is unbiased.
	return Array.from(bytes, (byte) => USER_CODE_CHARSET[byte % USER_CODE_CHARSET.length]).join("");
}

export function deviceCode(options: ResolvedOptions) {
	return createAuthEndpoint(
		"/device/code",
		{
			method: "POST",
			body: z.record(z.string(), z.unknown()).optional(),
			metadata: { allowedMediaTypes: ["application/json", "application/x-www-form-urlencoded"] },
		},
		async (ctx) => {
			const parsed = codeRequest.safeParse(ctx.body ?? {});
			if (!parsed.success) throw oauthError("BAD_REQUEST", "invalid_request", describeIssues(parsed.error));
			const { client_id: clientId, scope } = parsed.data;
			if (options.validateClient && !(await options.validateClient(clientId))) {
				throw oauthError("BAD_REQUEST", "invalid_client", "Invalid client ID", NO_STORE);
			}
			await options.onDeviceAuthRequest?.(clientId, scope);
			const context = fullContext(ctx);
			const device = options.generateDeviceCode
				? await options.generateDeviceCode()
				: generateRandomString(options.deviceCodeLength, "a-z", "A-Z", "0-9");
			const user = options.generateUserCode
				? await options.generateUserCode()
				: defaultUserCode(options.userCodeLength);
			await createDeviceCode(context, {
				deviceCode: device,
				userCode: user.replace(/[-\s]/g, "").toUpperCase(),
				expiresAt: new Date(Date.now() + options.expiresInMs),
				status: "pending",
				pollingInterval: options.intervalMs,
				clientId,
				scope: scope ?? null,
			});
			const verificationURI = `${new URL(context.baseURL).origin}/device`;
			ctx.setHeader("Cache-Control", "no-store");
			return ctx.json({
				device_code: device,
				user_code: user,
				verification_uri: verificationURI,
				verification_uri_complete: `${verificationURI}?user_code=${encodeURIComponent(user)}`,
				expires_in: Math.floor(options.expiresInMs / 1000),
				interval: Math.floor(options.intervalMs / 1000),
			});
		},
	);
}
