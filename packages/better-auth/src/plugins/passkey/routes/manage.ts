/** `GET /passkey/list-user-passkeys`, `POST /passkey/delete-passkey`, `POST /passkey/update-passkey`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { currentSession, sessionMiddleware } from "../../../api/middlewares/session";
import { fullContext } from "../../../context/full-context";
import { PASSKEY_ERROR_CODES } from "../error-codes";
import { deletePasskeyRow, findOwnPasskey, listPasskeysOf, updatePasskeyRow } from "../store";

const deletePasskeyBody = z.object({ id: z.string().min(1) });
const updatePasskeyBody = z.object({ id: z.string().min(1), name: z.string() });

export const listPasskeys = createAuthEndpoint(
	"/passkey/list-user-passkeys",
	{ method: "GET", use: [sessionMiddleware] },
	async (ctx) => {
		const { user } = currentSession(ctx);
		return ctx.json(await listPasskeysOf(fullContext(ctx), user.id));
	},
);

export const deletePasskey = createAuthEndpoint(
	"/passkey/delete-passkey",
	{ method: "POST", body: deletePasskeyBody, use: [sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		// Another user's passkey answers as a missing one: ids of other accounts are not confirmed.
		const passkey = await findOwnPasskey(context, ctx.body.id, user.id);
		if (!passkey) throw new APIError("NOT_FOUND", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
		await deletePasskeyRow(context, passkey.id);
		return ctx.json(null);
	},
);

export const updatePasskey = createAuthEndpoint(
	"/passkey/update-passkey",
	{ method: "POST", body: updatePasskeyBody, use: [sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const passkey = await findOwnPasskey(context, ctx.body.id, user.id);
		if (!passkey) throw new APIError("NOT_FOUND", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
		const updated = await updatePasskeyRow(context, passkey.id, { name: ctx.body.name });
		if (!updated) throw new APIError("INTERNAL_SERVER_ERROR", PASSKEY_ERROR_CODES.FAILED_TO_UPDATE_PASSKEY);
		return ctx.json({ passkey: updated });
	},
);
