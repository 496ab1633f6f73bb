/**
 * The user's side: `GET /device` looks a user code up (and, signed in, claims it for that user);
 * `POST /device/approve` and `POST /device/deny` answer it. Only the user who claimed a code may
 * answer it, so a code shown on someone else's screen cannot be approved blind.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { getSessionFromCtx } from "../../../api/middlewares/session";
import { fullContext } from "../../../context/full-context";
import { DEVICE_AUTHORIZATION_ERROR_CODES as E } from "../error-codes";
import { findByUserCode, oauthError, updateDeviceCode } from "../store";

const verifyQuery = z.object({ user_code: z.string() });
const answerBody = z.object({ userCode: z.string() });

const expired = (row: { expiresAt: Date }) => new Date(row.expiresAt).getTime() <= Date.now();

export const deviceVerify = createAuthEndpoint("/device", { method: "GET", query: verifyQuery }, async (ctx) => {
	const context = fullContext(ctx);
	const row = await findByUserCode(context, ctx.query.user_code);
	if (!row) throw oauthError("BAD_REQUEST", "invalid_request", E.INVALID_USER_CODE.message);
	if (expired(row)) throw oauthError("BAD_REQUEST", "expired_token", E.EXPIRED_USER_CODE.message);
	const session = await getSessionFromCtx(ctx);
	const userId = session?.user.id;
	if (userId && !row.userId && row.status === "pending") {
		await updateDeviceCode(context, row.id, { userId });
		row.userId = userId;
	}
	const base = { user_code: ctx.query.user_code, status: row.status };
	// Which client asks, and for what, is shown only to the user the code is claimed by.
	if (!userId || row.userId !== userId) return ctx.json(base);
	return ctx.json({ ...base, client_id: row.clientId ?? null, scope: row.scope ?? null });
});

function answer(path: "/device/approve" | "/device/deny", status: "approved" | "denied") {
	const verb = status === "approved" ? "approve" : "deny";
	return createAuthEndpoint(path, { method: "POST", body: answerBody, use: [originCheck()] }, async (ctx) => {
		const session = await getSessionFromCtx(ctx);
		if (!session) throw oauthError("UNAUTHORIZED", "unauthorized", E.AUTHENTICATION_REQUIRED.message);
		const context = fullContext(ctx);
		const row = await findByUserCode(context, ctx.body.userCode);
		if (!row) throw oauthError("BAD_REQUEST", "invalid_request", E.INVALID_USER_CODE.message);
		if (expired(row)) throw oauthError("BAD_REQUEST", "expired_token", E.EXPIRED_USER_CODE.message);
		if (row.status !== "pending")
			throw oauthError("BAD_REQUEST", "invalid_request", E.DEVICE_CODE_ALREADY_PROCESSED.message);
		if (!row.userId) throw oauthError("BAD_REQUEST", "invalid_request", E.DEVICE_CODE_NOT_CLAIMED.message);
		if (row.userId !== session.user.id) {
			throw oauthError("FORBIDDEN", "access_denied", `You are not authorized to ${verb} this device authorization`);
		}
		await updateDeviceCode(context, row.id, { status });
		return ctx.json({ success: true });
	});
}

export const deviceApprove = answer("/device/approve", "approved");
export const deviceDeny = answer("/device/deny", "denied");
