/**
 * Backup codes: one-use recovery codes, `xxxxx-xxxxx` by default, stored as a JSON array of
 * strings, encrypted with the auth secret unless configured otherwise.
 */
import { generateRandomString } from "../../crypto/random";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric";
import type { TwoFactorConfig } from "./config";
import type { BackupCodeStorage } from "./types";

/** A fresh set of codes. */
export function generateBackupCodes(config: TwoFactorConfig["backupCodes"]): string[] {
	if (config.generate) return config.generate();
	return Array.from({ length: config.amount }, () => {
		const code = generateRandomString(config.length, "a-z", "A-Z", "0-9");
		return `${code.slice(0, 5)}-${code.slice(5)}`;
	});
}

export async function encodeBackupCodes(codes: string[], storage: BackupCodeStorage, secret: string): Promise<string> {
	const json = JSON.stringify(codes);
	if (storage === "plain") return json;
	if (storage === "encrypted") return symmetricEncrypt({ key: secret, data: json });
	return storage.encrypt(json);
}

/** The codes in `stored`, or null when it cannot be read (wrong secret, corrupted row). */
export async function decodeBackupCodes(
	stored: string,
	storage: BackupCodeStorage,
	secret: string,
): Promise<string[] | null> {
	try {
		const json =
			storage === "plain"
				? stored
				: storage === "encrypted"
					? await symmetricDecrypt({ key: secret, data: stored })
					: await storage.decrypt(stored);
		const codes: unknown = JSON.parse(json);
		return Array.isArray(codes) && codes.every((code) => typeof code === "string") ? codes : null;
	} catch {
		return null;
	}
}
