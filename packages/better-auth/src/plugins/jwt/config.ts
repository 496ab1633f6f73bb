/**
 * The plugin's options checked once, at start-up: a configuration that could only fail later
 * (on the first signature, as a 500) is refused with a `BetterAuthError` that says what to fix.
 */
import { BetterAuthError } from "@better-auth/core/error";
import type { JwkAlgorithm, JwtOptions, KeyPairConfig } from "./types";

export const DEFAULT_KEY_PAIR: KeyPairConfig = { alg: "EdDSA", crv: "Ed25519" };
export const DEFAULT_JWKS_PATH = "/jwks";
/** 30 days, in seconds. */
export const DEFAULT_GRACE_PERIOD = 60 * 60 * 24 * 30;
export const DEFAULT_EXPIRATION_TIME = "15m";

const ALGORITHMS: readonly JwkAlgorithm[] = ["EdDSA", "ES256", "ES512", "RS256", "PS256"];

const positive = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value > 0;

/** Throws a `BetterAuthError` when a key pair configuration cannot sign. */
export function assertKeyPairConfig(config: KeyPairConfig): void {
	const { alg } = config as { alg: unknown };
	if (!ALGORITHMS.includes(alg as JwkAlgorithm)) {
		throw new BetterAuthError(
			`jwt: options.jwks.keyPairConfig.alg "${String(alg)}" cannot sign tokens; use one of ${ALGORITHMS.join(", ")}.`,
		);
	}
	const { crv, modulusLength } = config as { crv?: unknown; modulusLength?: unknown };
	if (alg === "EdDSA" && crv !== undefined && crv !== "Ed25519") {
		throw new BetterAuthError(`jwt: EdDSA keys use the curve "Ed25519"; "${String(crv)}" is not supported.`);
	}
	if (
		(alg === "RS256" || alg === "PS256") &&
		modulusLength !== undefined &&
		!(Number.isInteger(modulusLength) && (modulusLength as number) >= 2048)
	) {
		throw new BetterAuthError("jwt: options.jwks.keyPairConfig.modulusLength must be an integer of at least 2048.");
	}
}

/** Checks the options; returns them unchanged so the factory can use them inline. */
export function checkJwtOptions(options: JwtOptions): JwtOptions {
	const jwks = options.jwks ?? {};
	if (jwks.remoteUrl !== undefined && !jwks.keyPairConfig?.alg) {
		throw new BetterAuthError(
			"options.jwks.keyPairConfig.alg must be specified when options.jwks.remoteUrl is used for OpenID metadata",
		);
	}
	if (options.jwt?.sign && jwks.remoteUrl === undefined) {
		throw new BetterAuthError("options.jwks.remoteUrl must be set when using options.jwt.sign");
	}
	if (jwks.keyPairConfig) assertKeyPairConfig(jwks.keyPairConfig);
	if (Boolean(options.adapter?.getJwks) !== Boolean(options.adapter?.createJwk)) {
		// Keys created in one store and read from another would never be found: a new key per call.
		throw new BetterAuthError("jwt: options.adapter needs both getJwks and createJwk.");
	}
	for (const name of ["rotationInterval", "gracePeriod"] as const) {
		if (jwks[name] !== undefined && !positive(jwks[name])) {
			throw new BetterAuthError(`jwt: options.jwks.${name} must be a positive number of seconds.`);
		}
	}
	if (jwks.jwksPath !== undefined && (typeof jwks.jwksPath !== "string" || !jwks.jwksPath.startsWith("/"))) {
		throw new BetterAuthError('jwt: options.jwks.jwksPath must be a path starting with "/", e.g. "/jwks".');
	}
	return options;
}

/** The configured algorithm (EdDSA by default). */
export function configuredAlg(options: JwtOptions | undefined): JwkAlgorithm {
	return (options?.jwks?.keyPairConfig ?? DEFAULT_KEY_PAIR).alg;
}
