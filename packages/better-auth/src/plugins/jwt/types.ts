import type { Session, User } from "@better-auth/core";
import type { JWTPayload } from "jose";

/** The signing algorithms a key pair can be generated for. */
export type JwkAlgorithm = "EdDSA" | "ES256" | "ES512" | "RS256" | "PS256";

/** How new key pairs are generated. */
export type KeyPairConfig =
	| {
			alg: "EdDSA";
			/** @default "Ed25519" (the only curve Web Crypto signs with) */
			crv?: "Ed25519";
	  }
	| { alg: "ES256" | "ES512" }
	| {
			alg: "RS256" | "PS256";
			/**
			 * RSA modulus in bits, at least 2048.
			 * @default 2048
			 */
			modulusLength?: number;
	  };

/** A row of the `jwks` table. `privateKey` is encrypted with the secret unless encryption is off. */
export interface Jwk {
	id: string;
	/** The public JWK, as JSON. */
	publicKey: string;
	/** The private JWK as JSON, or (encrypted) the JSON string of its ciphertext. */
	privateKey: string;
	createdAt: Date;
	/** When the key stops signing (`jwks.rotationInterval`); null when it never does. */
	expiresAt?: Date | null;
	/** null on rows written before the column existed: the configured algorithm is assumed. */
	alg?: string | null;
	crv?: string | null;
}

/** What `definePayload`, `getSubject` and the token endpoints see of the signed-in user. */
export interface JwtSession {
	session: Session & Record<string, unknown>;
	user: User & Record<string, unknown>;
}

/** An endpoint or hook context (the helpers only read `context`). */
export type JwtCtx = { context: unknown };

export interface JwtOptions {
	jwks?: {
		/**
		 * The URL your JWKS is published at, when it is not this server's `/jwks` (a CDN, a KMS).
		 * Turns the local JWKS endpoint off; `keyPairConfig.alg` must then be given.
		 */
		remoteUrl?: string;
		/**
		 * Algorithm (and its parameters) of the key pairs the plugin generates.
		 * @default { alg: "EdDSA", crv: "Ed25519" }
		 */
		keyPairConfig?: KeyPairConfig;
		/**
		 * Store private keys as plain JWKs. By default they are encrypted with the auth secret
		 * (XChaCha20-Poly1305, the format `symmetricEncrypt` writes).
		 * @default false
		 */
		disablePrivateKeyEncryption?: boolean;
		/**
		 * Seconds a key signs for; after that the next signature creates a new key. Off by default:
		 * one key signs forever.
		 */
		rotationInterval?: number;
		/**
		 * Seconds a rotated-out key stays in the JWKS, so tokens it signed keep verifying.
		 * @default 2592000 (30 days)
		 */
		gracePeriod?: number;
		/**
		 * Path of the JWKS endpoint, relative to the auth base path.
		 * @default "/jwks"
		 */
		jwksPath?: string;
	};
	jwt?: {
		/**
		 * The `iss` claim.
		 * @default the origin of `baseURL`
		 */
		issuer?: string;
		/**
		 * The `aud` claim.
		 * @default the origin of `baseURL`
		 */
		audience?: string | string[];
		/**
		 * Token lifetime: a duration (`"15m"`, `"1h"`, `"2 days"`), or an absolute `exp` (a Date,
		 * or a number of seconds since the epoch, as jose reads numbers).
		 * @default "15m"
		 */
		expirationTime?: number | string | Date;
		/**
		 * The claims of tokens issued for a session.
		 * @default the whole user
		 */
		definePayload?: (session: JwtSession) => Record<string, unknown> | Promise<Record<string, unknown>>;
		/**
		 * The `sub` claim.
		 * @default the user id
		 */
		getSubject?: (session: JwtSession) => string | Promise<string>;
		/**
		 * Signs the complete claims yourself (a KMS, an HSM). Requires `jwks.remoteUrl`: the keys
		 * are then not in this server's database.
		 */
		sign?: (payload: JWTPayload) => string | Promise<string>;
	};
	/**
	 * Do not put a token in the `set-auth-jwt` header of `/get-session` answers (OAuth provider
	 * mode: the OIDC and MCP plugins issue tokens their own way).
	 * @default false
	 */
	disableSettingJwtHeader?: boolean;
	/** Custom table and column names for `jwks`. */
	schema?: {
		jwks?: {
			modelName?: string;
			fields?: Partial<Record<"publicKey" | "privateKey" | "createdAt" | "expiresAt" | "alg" | "crv", string>>;
		};
	};
	/** Keep keys somewhere other than the `jwks` table. */
	adapter?: {
		/** Every stored key. */
		getJwks?: (ctx: JwtCtx) => Promise<Jwk[] | null | undefined>;
		/** Stores a new key and returns it with its id. */
		createJwk?: (data: Omit<Jwk, "id">, ctx: JwtCtx) => Promise<Jwk>;
	};
}
