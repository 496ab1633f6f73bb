/** `POST /device/token`: the device polls for its answer (RFC 8628 §3.4–3.5). */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { requestMeta } from "../../../api/session-cookie";
import { fullContext } from "../../../context/full-context";
import { DEVICE_AUTHORIZATION_ERROR_CODES as E } from "../error-codes";
import { findByDeviceCode, oauthError, takeDeviceCode, updateDeviceCode } from "../store";
import type { ResolvedOptions } from "./shared";

const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };
const DEFAULT_SESSION_SECONDS = 60 * 60 * 24 * 7;

const tokenBody = z.object({ grant_type: z.literal(GRANT_TYPE), device_code: z.string(), client_id: z.string() });

const fail = (error: string, description: string, status: "BAD_REQUEST" | "INTERNAL_SERVER_ERROR" = "BAD_REQUEST") =>
	oauthError(status, error, description, NO_STORE);

export function deviceToken(options: ResolvedOptions) {
	return createAuthEndpoint("/device/token", { method: "POST", body: tokenBody }, async (ctx) => {
		const context = fullContext(ctx);
		const { device_code: code, client_id: clientId } = ctx.body;
		if (options.validateClient && !(await options.validateClient(clientId))) {
			throw fail("invalid_client", "Invalid client ID");
		}
		const row = await findByDeviceCode(context, code);
		if (!row) throw fail("invalid_grant", E.INVALID_DEVICE_CODE.message);
		if (row.clientId && row.clientId !== clientId) throw fail("invalid_grant", "Client ID mismatch");
		const now = Date.now();
		if (new Date(row.expiresAt).getTime() <= now) {
			await takeDeviceCode(context, row.id);
			throw fail("expired_token", E.EXPIRED_DEVICE_CODE.message);
		}
		const interval = row.pollingInterval ?? options.intervalMs;
		if (row.lastPolledAt && now - new Date(row.lastPolledAt).getTime() < interval) {
			throw fail("slow_down", E.POLLING_TOO_FREQUENTLY.message);
		}
		await updateDeviceCode(context, row.id, { lastPolledAt: new Date(now) });
		if (row.status === "pending") throw fail("authorization_pending", E.AUTHORIZATION_PENDING.message);
		if (row.status === "denied") {
			await takeDeviceCode(context, row.id);
			throw fail("access_denied", E.ACCESS_DENIED.message);
		}
		if (row.status !== "approved" || !row.userId)
			throw fail("server_error", E.INVALID_DEVICE_CODE_STATUS.message, "INTERNAL_SERVER_ERROR");
		// Of two polls racing on an approved code, only the one that deletes the row gets a session.
		if (!(await takeDeviceCode(context, row.id))) throw fail("invalid_grant", E.INVALID_DEVICE_CODE.message);
		const user = await context.internalAdapter.findUserById(row.userId);
		if (!user) throw fail("server_error", E.USER_NOT_FOUND.message, "INTERNAL_SERVER_ERROR");
		const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
		if (!session) throw fail("server_error", E.FAILED_TO_CREATE_SESSION.message, "INTERNAL_SERVER_ERROR");
		for (const [name, value] of Object.entries(NO_STORE)) ctx.setHeader(name, value);
		return ctx.json({
			access_token: session.token,
			token_type: "Bearer",
			expires_in: context.options.session?.expiresIn ?? DEFAULT_SESSION_SECONDS,
			scope: row.scope ?? "",
		});
	});
}
