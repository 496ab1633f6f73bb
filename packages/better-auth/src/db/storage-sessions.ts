/**
 * Sessions and verification values in secondary storage, under better-auth 1.7's keys so an
 * existing Redis keeps working:
 * - `<token>` → JSON `{ session, user }`, TTL until the session expires;
 * - `active-sessions-<userId>` → JSON `[{ token, expiresAt }]` (ms);
 * - `revoked-sessions-before-<userId>` → ms timestamp; sessions created before it are dead;
 * - `verification:<identifier>` → JSON of the verification row, TTL until it expires.
 */
import type { Session, User, Verification } from "@better-auth/core";
import type { SecondaryStorage } from "@better-auth/core/db";

const seconds = (until: number) => Math.max(1, Math.floor((until - Date.now()) / 1000));

const DATE_KEYS = new Set(["expiresAt", "createdAt", "updatedAt", "emailVerifiedAt"]);
function revive<T>(json: string): T {
	return JSON.parse(json, (key, value) =>
		DATE_KEYS.has(key) && typeof value === "string" ? new Date(value) : value,
	) as T;
}

interface ActiveEntry {
	token: string;
	expiresAt: number;
}

export function createStorageSessions(storage: SecondaryStorage, expiresIn: number) {
	const activeKey = (userId: string) => `active-sessions-${userId}`;
	const revokedKey = (userId: string) => `revoked-sessions-before-${userId}`;

	async function active(userId: string): Promise<ActiveEntry[]> {
		const raw = await storage.get(activeKey(userId));
		if (!raw) return [];
		const now = Date.now();
		return (JSON.parse(raw) as ActiveEntry[]).filter((entry) => entry.expiresAt > now);
	}

	async function writeActive(userId: string, entries: ActiveEntry[]): Promise<void> {
		if (entries.length === 0) {
			await storage.delete(activeKey(userId));
			return;
		}
		const last = Math.max(...entries.map((entry) => entry.expiresAt));
		await storage.set(activeKey(userId), JSON.stringify(entries), seconds(last));
	}

	return {
		async put(session: Session, user: User): Promise<void> {
			const expiresAt = session.expiresAt.getTime();
			await storage.set(session.token, JSON.stringify({ session, user }), seconds(expiresAt));
			const entries = (await active(session.userId)).filter((entry) => entry.token !== session.token);
			await writeActive(session.userId, [...entries, { token: session.token, expiresAt }]);
		},

		async get(token: string): Promise<{ session: Session; user: User } | null> {
			const raw = await storage.get(token);
			if (!raw) return null;
			const found = revive<{ session: Session; user: User }>(raw);
			const revokedBefore = await storage.get(revokedKey(found.session.userId));
			if (revokedBefore && found.session.createdAt.getTime() <= Number(revokedBefore)) return null;
			return found;
		},

		async remove(token: string): Promise<string | null> {
			const found = await this.get(token);
			await storage.delete(token);
			if (!found) return null;
			const userId = found.session.userId;
			await writeActive(
				userId,
				(await active(userId)).filter((entry) => entry.token !== token),
			);
			return userId;
		},

		async list(userId: string): Promise<Session[]> {
			const sessions: Session[] = [];
			for (const entry of await active(userId)) {
				const found = await this.get(entry.token);
				if (found) sessions.push(found.session);
			}
			return sessions;
		},

		/** Ends every session of a user, including any a racing request is still writing. */
		async removeAll(userId: string): Promise<number> {
			const entries = await active(userId);
			await storage.set(revokedKey(userId), String(Date.now()), expiresIn);
			for (const entry of entries) await storage.delete(entry.token);
			await storage.delete(activeKey(userId));
			return entries.length;
		},

		/** Rewrites the user inside every stored session of that user. */
		async refreshUser(user: User): Promise<void> {
			for (const entry of await active(user.id)) {
				const found = await this.get(entry.token);
				if (found)
					await storage.set(entry.token, JSON.stringify({ session: found.session, user }), seconds(entry.expiresAt));
			}
		},

		async putVerification(verification: Verification): Promise<void> {
			await storage.set(
				`verification:${verification.identifier}`,
				JSON.stringify(verification),
				seconds(verification.expiresAt.getTime()),
			);
		},

		async getVerification(identifier: string): Promise<Verification | null> {
			const raw = await storage.get(`verification:${identifier}`);
			return raw ? revive<Verification>(raw) : null;
		},

		/** Reads and removes a value; atomic across processes when the storage has `getAndDelete`. */
		async takeVerification(identifier: string): Promise<Verification | null> {
			const key = `verification:${identifier}`;
			if (storage.getAndDelete) {
				const raw = await storage.getAndDelete(key);
				return raw ? revive<Verification>(raw) : null;
			}
			const raw = await storage.get(key);
			if (!raw) return null;
			await storage.delete(key);
			return revive<Verification>(raw);
		},

		async removeVerification(identifier: string): Promise<void> {
			await storage.delete(`verification:${identifier}`);
		},
	};
}

export type StorageSessions = ReturnType<typeof createStorageSessions>;
