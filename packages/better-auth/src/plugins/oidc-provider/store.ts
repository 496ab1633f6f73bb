/** Reading and writing the plugin's tables, and the RFC 6749 error answer. */
import { APIError } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";
import type { OAuthClient, OIDCOptions } from "./types";

type Status = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "INTERNAL_SERVER_ERROR";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** An OAuth error: the RFC 6749 §5.2 body `{ error, error_description }`, never cached. */
export function oauthError(status: Status, error: string, description: string) {
	return new APIError(status, { error, error_description: description }, NO_STORE);
}

/** The client's redirect URIs as a list, whichever way they are stored. */
export function redirectURIs(client: OAuthClient): string[] {
	const value = client.redirectURLs;
	return (Array.isArray(value) ? value : value.split(",")).map((uri) => uri.trim()).filter(Boolean);
}

/** A client by id: the configured trusted clients first, then `oauthApplication`. */
export async function findClient(
	context: FullAuthContext,
	options: OIDCOptions,
	clientId: string,
): Promise<OAuthClient | null> {
	const trusted = options.trustedClients?.find((client) => client.clientId === clientId);
	if (trusted) return trusted;
	return context.adapter.findOne<OAuthClient>({
		model: "oauthApplication",
		where: [{ field: "clientId", value: clientId }],
	});
}

export interface AccessTokenRow {
	id: string;
	accessToken: string;
	refreshToken: string;
	accessTokenExpiresAt: Date;
	refreshTokenExpiresAt: Date;
	clientId: string;
	userId?: string | null;
	scopes: string;
}

export function findAccessToken(context: FullAuthContext, field: "accessToken" | "refreshToken", value: string) {
	return context.adapter.findOne<AccessTokenRow>({ model: "oauthAccessToken", where: [{ field, value }] });
}

export interface ConsentRow {
	id: string;
	clientId: string;
	userId: string;
	scopes: string;
	consentGiven: boolean;
}

export function findConsent(context: FullAuthContext, clientId: string, userId: string) {
	return context.adapter.findOne<ConsentRow>({
		model: "oauthConsent",
		where: [
			{ field: "clientId", value: clientId },
			{ field: "userId", value: userId },
		],
	});
}

/** Records (or widens) the user's consent to `scopes` for `clientId`. */
export async function saveConsent(context: FullAuthContext, clientId: string, userId: string, scopes: string[]) {
	const existing = await findConsent(context, clientId, userId);
	const now = new Date();
	if (existing) {
		const merged = [...new Set([...existing.scopes.split(" "), ...scopes])].filter(Boolean).join(" ");
		await context.adapter.update({
			model: "oauthConsent",
			where: [{ field: "id", value: existing.id }],
			update: { scopes: merged, consentGiven: true, updatedAt: now },
		});
		return;
	}
	await context.adapter.create({
		model: "oauthConsent",
		data: { clientId, userId, scopes: scopes.join(" "), consentGiven: true, createdAt: now, updatedAt: now },
	});
}
