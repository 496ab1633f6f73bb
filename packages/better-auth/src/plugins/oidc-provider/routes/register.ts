/** `POST /oauth2/register` (RFC 7591 dynamic client registration) and `GET /oauth2/client/:id`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { getSessionFromCtx, sessionMiddleware } from "../../../api/middlewares/session";
import { fullContext } from "../../../context/full-context";
import { generateRandomString } from "../../../crypto/random";
import { findClient, oauthError } from "../store";
import type { OAuthClient, ResolvedOIDCOptions } from "../types";

const registerBody = z.object({
	redirect_uris: z.array(z.string()),
	token_endpoint_auth_method: z.enum(["none", "client_secret_basic", "client_secret_post"]).optional(),
	grant_types: z.array(z.string()).optional(),
	response_types: z.array(z.string()).optional(),
	client_name: z.string().optional(),
	client_uri: z.string().optional(),
	logo_uri: z.string().optional(),
	scope: z.string().optional(),
	contacts: z.array(z.string()).optional(),
	tos_uri: z.string().optional(),
	policy_uri: z.string().optional(),
	jwks_uri: z.string().optional(),
	jwks: z.record(z.string(), z.unknown()).optional(),
	metadata: z.record(z.string(), z.unknown()).optional(),
	software_id: z.string().optional(),
	software_version: z.string().optional(),
	software_statement: z.string().optional(),
});

const GRANTS = new Set(["authorization_code", "refresh_token"]);

function isAbsoluteURL(value: string) {
	try {
		return Boolean(new URL(value).protocol);
	} catch {
		return false;
	}
}

export function registerClient(options: ResolvedOIDCOptions) {
	return createAuthEndpoint("/oauth2/register", { method: "POST", body: registerBody }, async (ctx) => {
		const context = fullContext(ctx);
		const body = ctx.body;
		const session = await getSessionFromCtx(ctx);
		if (!session && !options.allowDynamicClientRegistration) {
			throw oauthError("UNAUTHORIZED", "invalid_token", "Authentication required for client registration");
		}
		if (body.redirect_uris.length === 0 || !body.redirect_uris.every(isAbsoluteURL)) {
			throw oauthError("BAD_REQUEST", "invalid_redirect_uri", "redirect_uris must be absolute URLs");
		}
		const grants = body.grant_types ?? ["authorization_code"];
		if (!grants.every((grant) => GRANTS.has(grant))) {
			throw oauthError("BAD_REQUEST", "invalid_client_metadata", "Unsupported grant type");
		}
		if (body.response_types && !body.response_types.every((type) => type === "code")) {
			throw oauthError("BAD_REQUEST", "invalid_client_metadata", "Unsupported response type");
		}
		const authMethod = body.token_endpoint_auth_method ?? "client_secret_basic";
		const isPublic = authMethod === "none";
		const clientId = options.generateClientId?.() ?? generateRandomString(32, "a-z", "A-Z");
		const clientSecret = isPublic ? null : (options.generateClientSecret?.() ?? generateRandomString(32, "a-z", "A-Z"));
		const now = new Date();
		const metadata = {
			...body.metadata,
			client_uri: body.client_uri,
			contacts: body.contacts,
			tos_uri: body.tos_uri,
			policy_uri: body.policy_uri,
			jwks_uri: body.jwks_uri,
			software_id: body.software_id,
			software_version: body.software_version,
			token_endpoint_auth_method: authMethod,
			grant_types: grants,
		};
		await context.adapter.create({
			model: "oauthApplication",
			data: {
				name: body.client_name ?? "",
				icon: body.logo_uri ?? null,
				metadata: JSON.stringify(metadata),
				clientId,
				clientSecret,
				redirectURLs: body.redirect_uris.join(","),
				type: isPublic ? "public" : "web",
				disabled: false,
				userId: session?.user.id ?? null,
				createdAt: now,
				updatedAt: now,
			},
		});
		ctx.setHeader("Cache-Control", "no-store");
		ctx.setHeader("Pragma", "no-cache");
		return ctx.json({
			client_id: clientId,
			...(clientSecret ? { client_secret: clientSecret, client_secret_expires_at: 0 } : {}),
			client_id_issued_at: Math.floor(now.getTime() / 1000),
			redirect_uris: body.redirect_uris,
			token_endpoint_auth_method: authMethod,
			grant_types: grants,
			response_types: body.response_types ?? ["code"],
			client_name: body.client_name,
			client_uri: body.client_uri,
			logo_uri: body.logo_uri,
			scope: body.scope,
			contacts: body.contacts,
			tos_uri: body.tos_uri,
			policy_uri: body.policy_uri,
			jwks_uri: body.jwks_uri,
			software_id: body.software_id,
			software_version: body.software_version,
			metadata: body.metadata,
		});
	});
}

export function getClient(options: ResolvedOIDCOptions) {
	return createAuthEndpoint("/oauth2/client/:id", { method: "GET", use: [sessionMiddleware] }, async (ctx) => {
		const client: OAuthClient | null = await findClient(fullContext(ctx), options, ctx.params.id);
		if (!client || client.disabled)
			throw new APIError("NOT_FOUND", { message: "Client not found", code: "CLIENT_NOT_FOUND" });
		return ctx.json({ clientId: client.clientId, name: client.name, icon: client.icon ?? null });
	});
}
