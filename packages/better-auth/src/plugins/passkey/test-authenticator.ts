/**
 * A software WebAuthn authenticator for tests: an ES256 key pair (node:crypto) that answers
 * registration options with a "none" attestation and authentication options with a signed
 * assertion, exactly as `startRegistration` / `startAuthentication` would hand them to the server.
 * Every field a test may want to break can be overridden.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import type {
	AuthenticationResponseJSON,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

export interface CeremonyOverrides {
	origin?: string;
	rpID?: string;
	challenge?: string;
	type?: string;
	/** Counter the authenticator reports (default: one more than the last). */
	counter?: number;
	/** Sign with this key instead (a forged assertion). */
	signWith?: SoftwareAuthenticator;
}

export type SoftwareAuthenticator = ReturnType<typeof createAuthenticator>;

const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash("sha256").update(data).digest());

function concat(...parts: Uint8Array[]) {
	const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

function uint32(value: number) {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, value);
	return out;
}

export function createAuthenticator(defaults: { origin?: string; rpID?: string } = {}) {
	const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
	const jwk = publicKey.export({ format: "jwk" });
	const credentialID = new Uint8Array(randomBytes(16));
	const id = isoBase64URL.fromBuffer(credentialID);
	// COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
	const coseKey = isoCBOR.encode(
		new Map<number, number | Uint8Array>([
			[1, 2],
			[3, -7],
			[-1, 1],
			[-2, isoBase64URL.toBuffer(jwk.x as string)],
			[-3, isoBase64URL.toBuffer(jwk.y as string)],
		]),
	);
	let counter = 0;

	const authenticatorData = (rpID: string, flags: number, count: number, attested?: Uint8Array) =>
		concat(sha256(rpID), new Uint8Array([flags]), uint32(count), attested ?? new Uint8Array());

	const clientData = (type: string, challenge: string, origin: string) =>
		new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

	const self = {
		id,
		privateKey,
		/** Answers `generate-register-options` with a "none" attestation. */
		register(
			options: PublicKeyCredentialCreationOptionsJSON,
			overrides: CeremonyOverrides = {},
		): RegistrationResponseJSON {
			const rpID = overrides.rpID ?? defaults.rpID ?? options.rp.id ?? "localhost";
			const attested = concat(
				new Uint8Array(16), // AAGUID: all zeros, as "none" attestation allows.
				new Uint8Array([credentialID.length >> 8, credentialID.length & 0xff]),
				credentialID,
				coseKey,
			);
			// Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
			const authData = authenticatorData(rpID, 0x45, overrides.counter ?? counter, attested);
			const attestationObject = isoCBOR.encode(
				new Map<string, unknown>([
					["fmt", "none"],
					["attStmt", new Map()],
					["authData", authData],
				]) as never,
			);
			const clientDataJSON = clientData(
				overrides.type ?? "webauthn.create",
				overrides.challenge ?? options.challenge,
				overrides.origin ?? defaults.origin ?? "http://localhost:3000",
			);
			return {
				id,
				rawId: id,
				type: "public-key",
				response: {
					clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
					attestationObject: isoBase64URL.fromBuffer(attestationObject),
					transports: ["internal", "hybrid"],
				},
				clientExtensionResults: {},
				authenticatorAttachment: "platform",
			};
		},
		/** Answers `generate-authenticate-options` with an assertion (counter +1 unless overridden). */
		authenticate(
			options: PublicKeyCredentialRequestOptionsJSON,
			overrides: CeremonyOverrides = {},
		): AuthenticationResponseJSON {
			const rpID = overrides.rpID ?? defaults.rpID ?? options.rpId ?? "localhost";
			counter = overrides.counter ?? counter + 1;
			const authData = authenticatorData(rpID, 0x05, counter);
			const clientDataJSON = clientData(
				overrides.type ?? "webauthn.get",
				overrides.challenge ?? options.challenge,
				overrides.origin ?? defaults.origin ?? "http://localhost:3000",
			);
			const key = (overrides.signWith ?? self).privateKey;
			const signature = new Uint8Array(sign("sha256", concat(authData, sha256(clientDataJSON)), key));
			return {
				id,
				rawId: id,
				type: "public-key",
				response: {
					clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
					authenticatorData: isoBase64URL.fromBuffer(authData),
					signature: isoBase64URL.fromBuffer(signature),
					userHandle: undefined,
				},
				clientExtensionResults: {},
				authenticatorAttachment: "platform",
			};
		},
	};
	return self;
}
