/** `better-auth/api`: building blocks for endpoints, hooks and plugins. */
export { createAuthEndpoint, createAuthMiddleware } from "@better-auth/core/api";
export { APIError } from "@better-auth/core/error";
export { type FullAuthContext, fullContext } from "../context/full-context";
export { toResponse } from "./handler";
export { callbackTargets, originCheck } from "./middlewares/origin-check";
export {
	currentSession,
	freshSessionMiddleware,
	getSessionFromCtx,
	type SessionContext,
	sessionMiddleware,
} from "./middlewares/session";
export { error } from "./routes/error";
export { ok } from "./routes/ok";
export { deleteSessionCookie, requestMeta, setSessionCookie } from "./session-cookie";
