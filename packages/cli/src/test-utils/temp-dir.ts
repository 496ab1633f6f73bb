/**
 * Temporary folders inside the package (packages/cli/.tmp-apps, git-ignored), so files written
 * there resolve better-auth, drizzle-orm and the drivers through the workspace's node_modules.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A new empty folder; `remove` deletes it. */
export function tempDir(label: string): { dir: string; remove: () => void } {
	const dir = join(PACKAGE_ROOT, ".tmp-apps", `${label}-${randomBytes(4).toString("hex")}`);
	mkdirSync(dir, { recursive: true });
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
