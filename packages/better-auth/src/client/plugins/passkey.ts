/**
 * `passkeyClient`: runs the browser half of the WebAuthn ceremonies with SimpleWebAuthn.
 * `passkey.addPasskey()` registers a passkey for the signed-in user, `signIn.passkey()` signs in
 * with one (`autoFill: true` for conditional UI), and the server's `passkey.listUserPasskeys`,
 * `passkey.deletePasskey`, `passkey.updatePasskey` are typed. The `listPasskeys` atom
 * (`useListPasskeys`) refetches whenever a passkey is added, renamed or deleted.
 */
import type {
	BetterAuthClientPlugin,
	ClientFetchError,
	ClientFetchOptions,
	ClientFetchResult,
} from "@better-auth/core";
import {
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	startAuthentication,
	startRegistration,
	WebAuthnError,
} from "@simplewebauthn/browser";
import { atom } from "nanostores";
import type { Passkey, passkey } from "../../plugins/passkey";
import { PASSKEY_ERROR_CODES } from "../../plugins/passkey/error-codes";
import { createAuthQuery, type QueryFetch } from "../query-atom";

export type { Passkey };

/** `signIn.passkey` input. */
export interface PasskeySignInInput {
	/** Conditional UI: let the browser offer passkeys in `autocomplete="… webauthn"` fields. */
	autoFill?: boolean;
	/** Accepted for 1.7 compatibility; the server picks credentials by session, not by email. */
	email?: string;
	fetchOptions?: ClientFetchOptions;
}

/** `passkey.addPasskey` input. */
export interface AddPasskeyInput {
	/** A label stored with the passkey (and used as the account name shown by the authenticator). */
	name?: string;
	/** `platform` (built-in, e.g. Touch ID) or `cross-platform` (security key, phone). Unset: both. */
	authenticatorAttachment?: "platform" | "cross-platform";
	/** Try to create a passkey silently after a password sign-in (conditional create). */
	useAutoRegister?: boolean;
	fetchOptions?: ClientFetchOptions;
}

/** What the browser ceremony failed with, as a client error (status 400, `code` from SimpleWebAuthn). */
function ceremonyError(error: unknown, fallback: string): { data: null; error: ClientFetchError } {
	if (error instanceof WebAuthnError) {
		const messages: Record<string, string> = {
			ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "previously registered",
			ERROR_CEREMONY_ABORTED: `${fallback} cancelled`,
		};
		return {
			data: null,
			error: {
				code: error.code,
				message: messages[error.code] ?? error.message,
				status: 400,
				statusText: "BAD_REQUEST",
			},
		};
	}
	const message = error instanceof Error ? error.message : `${fallback} failed`;
	return {
		data: null,
		error: {
			code: "AUTH_CANCELLED",
			message: message || `${fallback} cancelled`,
			status: 400,
			statusText: "BAD_REQUEST",
		},
	};
}

const LIST_CHANGING = new Set(["/passkey/verify-registration", "/passkey/delete-passkey", "/passkey/update-passkey"]);

export function passkeyClient() {
	return {
		id: "passkey",
		$InferServerPlugin: {} as ReturnType<typeof passkey>,
		pathMethods: {
			"/passkey/generate-register-options": "GET",
			"/passkey/generate-authenticate-options": "POST",
		},
		getActions: ($fetch, $store) => ({
			signIn: {
				/** Signs in with a passkey: `{ data: { session } }`, or an error (cancelled, unknown passkey...). */
				passkey: async (
					input?: PasskeySignInInput,
					options?: ClientFetchOptions,
				): Promise<ClientFetchResult<{ session: Record<string, unknown> }>> => {
					const started = await $fetch<PublicKeyCredentialRequestOptionsJSON>(
						"/passkey/generate-authenticate-options",
						{ method: "POST", throw: false },
					);
					if (started.error) return started;
					let response: Awaited<ReturnType<typeof startAuthentication>>;
					try {
						response = await startAuthentication({ optionsJSON: started.data, useBrowserAutofill: input?.autoFill });
					} catch (error) {
						return ceremonyError(error, "auth");
					}
					return $fetch<{ session: Record<string, unknown> }>("/passkey/verify-authentication", {
						...input?.fetchOptions,
						...options,
						method: "POST",
						body: { response },
					});
				},
			},
			passkey: {
				/** Registers a passkey for the signed-in user: `{ data: Passkey }`, or an error. */
				addPasskey: async (
					input?: AddPasskeyInput,
					options?: ClientFetchOptions,
				): Promise<ClientFetchResult<Passkey>> => {
					const query: Record<string, string> = {};
					if (input?.authenticatorAttachment) query.authenticatorAttachment = input.authenticatorAttachment;
					if (input?.name) query.name = input.name;
					const started = await $fetch<PublicKeyCredentialCreationOptionsJSON>("/passkey/generate-register-options", {
						method: "GET",
						query,
						throw: false,
					});
					if (started.error) return started;
					let response: Awaited<ReturnType<typeof startRegistration>>;
					try {
						response = await startRegistration({ optionsJSON: started.data, useAutoRegister: input?.useAutoRegister });
					} catch (error) {
						return ceremonyError(error, "registration");
					}
					const verified = await $fetch<Passkey>("/passkey/verify-registration", {
						...input?.fetchOptions,
						...options,
						method: "POST",
						body: { response, name: input?.name },
					});
					if (!verified.error) $store.notify("$listPasskeys");
					return verified;
				},
			},
		}),
		getAtoms: ($fetch) => {
			const $listPasskeys = atom(false);
			return {
				$listPasskeys,
				listPasskeys: createAuthQuery<Passkey[]>($fetch as unknown as QueryFetch, "/passkey/list-user-passkeys", {
					signals: [$listPasskeys],
				}),
			};
		},
		atomListeners: [
			{ matcher: (path) => LIST_CHANGING.has(path), signal: "$listPasskeys" },
			{ matcher: (path) => path === "/passkey/verify-authentication", signal: "$sessionSignal" },
		],
		$ERROR_CODES: PASSKEY_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
