import type { AuthenticatorTransportFuture, CredentialDeviceType } from "@simplewebauthn/server";

/** A registered passkey, as stored in the `passkey` table and returned by the endpoints. */
export interface Passkey {
	id: string;
	name?: string | null;
	/** The credential's COSE public key, standard base64. */
	publicKey: string;
	userId: string;
	/** The WebAuthn credential id, base64url (as the browser reports it). */
	credentialID: string;
	/** The authenticator's signature counter at the last successful use. */
	counter: number;
	deviceType: CredentialDeviceType;
	backedUp: boolean;
	/** Comma-separated transports (`"internal,hybrid"`). */
	transports?: string | null;
	createdAt?: Date | null;
	/** The authenticator's attestation GUID. */
	aaguid?: string | null;
}

export type { AuthenticatorTransportFuture };

/** Who a passkey is registered for when there is no session (see `registration.requireSession`). */
export interface PasskeyRegistrationUser {
	/** The id of an existing user: the passkey is stored for this user. */
	id: string;
	/** Shown by the authenticator; defaults to the id. */
	name?: string;
	displayName?: string;
}

export interface PasskeyOptions {
	/**
	 * The relying party id: your site's domain, without scheme or port.
	 * @default the hostname of `baseURL`, else "localhost"
	 */
	rpID?: string;
	/**
	 * The site name authenticators show.
	 * @default "Better Auth"
	 */
	rpName?: string;
	/**
	 * The origin(s) registrations and sign-ins must happen on, without a trailing slash.
	 * @default the request's Origin header when it is a trusted origin, else the origin of `baseURL`
	 */
	origin?: string | string[] | null;
	/**
	 * WebAuthn authenticator selection for registrations.
	 * @default { residentKey: "preferred", userVerification: "preferred" } (any attachment)
	 */
	authenticatorSelection?: {
		authenticatorAttachment?: "platform" | "cross-platform";
		residentKey?: "required" | "preferred" | "discouraged";
		requireResidentKey?: boolean;
		userVerification?: "required" | "preferred" | "discouraged";
	};
	/** Registration without a session. */
	registration?: {
		/**
		 * Whether `generate-register-options` and `verify-registration` need a (fresh) session.
		 * With `false`, a request without a session registers for the user `resolveUser` returns.
		 * @default true
		 */
		requireSession?: boolean;
		/**
		 * The user a session-less registration is for, from the request (e.g. a signed
		 * `context` query value your app issued). Return null to refuse. Required when
		 * `requireSession` is false.
		 */
		resolveUser?: (input: {
			context: string | undefined;
			request: Request | undefined;
		}) => PasskeyRegistrationUser | null | Promise<PasskeyRegistrationUser | null>;
	};
	advanced?: {
		/**
		 * The name of the signed cookie that ties a ceremony to the browser that started it
		 * (cookie prefix applies: `better-auth.better-auth-passkey`).
		 * @default "better-auth-passkey"
		 */
		webAuthnChallengeCookie?: string;
	};
	/** Table and column names, when yours differ. */
	schema?: {
		passkey?: {
			modelName?: string;
			fields?: Partial<Record<Exclude<keyof Passkey, "id">, string>>;
		};
	};
}
