/**
 * EIP-4361 message parsing and EIP-55 address checksums. Parsing is deliberately forgiving about
 * optional fields; the route decides what must match.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";

const HEADER = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?(\S+) wants you to sign in with your Ethereum account:$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const FIELD = /^([A-Za-z][A-Za-z ]*): (.*)$/;

/** The fields of a SIWE message this plugin uses. */
export interface SiweMessage {
	domain: string;
	address: string;
	statement?: string;
	uri?: string;
	version?: string;
	chainId?: string;
	nonce?: string;
	issuedAt?: string;
	expirationTime?: string;
	notBefore?: string;
	requestId?: string;
	resources: string[];
}

const FIELD_KEYS: Record<string, keyof SiweMessage> = {
	URI: "uri",
	Version: "version",
	"Chain ID": "chainId",
	Nonce: "nonce",
	"Issued At": "issuedAt",
	"Expiration Time": "expirationTime",
	"Not Before": "notBefore",
	"Request ID": "requestId",
};

/**
 * Parses a SIWE message; null without a SIWE header line. The address line is taken as written
 * (the route checks it after spending the nonce, as better-auth 1.7 does).
 */
export function parseSiweMessage(text: string): SiweMessage | null {
	const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
	const header = HEADER.exec(lines[0] ?? "");
	if (!header || !lines[1]) return null;
	const message: SiweMessage = { domain: header[1], address: lines[1], resources: [] };
	let inResources = false;
	for (const line of lines.slice(2)) {
		if (inResources && line.startsWith("- ")) {
			message.resources.push(line.slice(2));
			continue;
		}
		inResources = line === "Resources:";
		const field = FIELD.exec(line);
		const key = field ? FIELD_KEYS[field[1]] : undefined;
		if (field && key) {
			(message as unknown as Record<string, string>)[key] = field[2];
		} else if (line && !inResources && message.uri === undefined && message.statement === undefined) {
			message.statement = line;
		}
	}
	return message;
}

/** Whether `value` looks like an Ethereum address (`0x` and 40 hex digits, any case). */
export function isAddress(value: string): boolean {
	return ADDRESS.test(value);
}

/** The EIP-55 mixed-case checksum form of an address. */
export function toChecksumAddress(address: string): string {
	const hex = address.slice(2).toLowerCase();
	const hash = keccak_256(new TextEncoder().encode(hex));
	let out = "0x";
	for (let i = 0; i < hex.length; i++) {
		const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0xf;
		out += nibble >= 8 ? hex[i].toUpperCase() : hex[i];
	}
	return out;
}
