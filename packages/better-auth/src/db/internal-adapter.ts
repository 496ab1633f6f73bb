/**
 * The internal adapter: the only way endpoints reach the database. It applies database hooks
 * (`databaseHooks.<model>.<create|update>.<before|after>`) around every write.
 * With secondary storage, sessions and verification values live there (see storage-sessions.ts);
 * `session.storeSessionInDatabase` also keeps sessions in the database.
 */
import type { Account, BetterAuthOptions, Session, User, Verification } from "@better-auth/core";
import type { DBAdapter, Where } from "@better-auth/core/db";
import { generateRandomId } from "@better-auth/core/db";
import { generateRandomString } from "../crypto/random";
import { createStorageSessions } from "./storage-sessions";

type Row = Record<string, unknown>;
type HookModel = "user" | "session" | "account" | "verification";

export interface InternalAdapterDeps {
	options: BetterAuthOptions;
	/** The endpoint context passed to database hooks (null outside a request). */
	hookContext?: () => unknown;
}

export function createInternalAdapter(adapter: DBAdapter, { options, hookContext = () => null }: InternalAdapterDeps) {
	// The `databaseHooks` option first, then any a plugin's `init` returns, in plugin order.
	type HookSet = NonNullable<BetterAuthOptions["databaseHooks"]>;
	const hookSets: HookSet[] = options.databaseHooks ? [options.databaseHooks] : [];

	/** Runs every `before` hook in order; each sees the data as the previous one left it. */
	async function runBefore(model: HookModel, kind: "create" | "update", data: Row): Promise<Row | null> {
		let payload = data;
		for (const set of hookSets) {
			const before = await set[model]?.[kind]?.before?.(payload as never, hookContext());
			if (before === false) return null;
			if (before && typeof before === "object" && "data" in before) payload = { ...payload, ...before.data };
		}
		return payload;
	}

	async function runAfter(model: HookModel, kind: "create" | "update", row: unknown) {
		for (const set of hookSets) await set[model]?.[kind]?.after?.(row as never, hookContext());
	}
	const expiresIn = options.session?.expiresIn ?? 60 * 60 * 24 * 7;

	const storage = options.secondaryStorage ? createStorageSessions(options.secondaryStorage, expiresIn) : null;
	const sessionsInDb = !storage || options.session?.storeSessionInDatabase === true;
	const preserveInDb = options.session?.preserveSessionInDatabase === true;
	// Per-process guard so a storage-backed verification value is handed out once.
	const consuming = new Set<string>();

	async function createWithHooks<T>(
		model: HookModel,
		data: Row,
		// An id given by the server (admin create-user's data.id, a before hook) is kept, as 1.7 does;
		// no endpoint passes a client's id through.
		write: (payload: Row) => Promise<T> = (payload) =>
			adapter.create<Row, T>({ model, data: payload, forceAllowId: payload.id !== undefined && payload.id !== null }),
	): Promise<T | null> {
		const payload = await runBefore(model, "create", data);
		if (!payload) return null;
		const created = await write(payload);
		await runAfter(model, "create", created);
		return created;
	}

	async function updateWithHooks<T>(model: HookModel, where: Where[], data: Row): Promise<T | null> {
		const payload = await runBefore(model, "update", data);
		if (!payload) return null;
		const updated = await adapter.update<T>({ model, where, update: payload });
		if (updated) await runAfter(model, "update", updated);
		return updated;
	}

	return {
		/** Adds the database hooks a plugin's `init` returned (`options.databaseHooks`). */
		addDatabaseHooks: (set: HookSet) => {
			hookSets.push(set);
		},
		createUser: (user: Partial<User> & Row) =>
			createWithHooks<User>("user", {
				createdAt: new Date(),
				updatedAt: new Date(),
				...user,
				email: typeof user.email === "string" ? user.email.toLowerCase() : user.email,
			}),

		findUserByEmail: async (email: string, config: { includeAccounts?: boolean } = {}) => {
			const user = await adapter.findOne<User>({
				model: "user",
				where: [{ field: "email", value: email.toLowerCase() }],
			});
			if (!user) return null;
			const accounts = config.includeAccounts
				? await adapter.findMany<Account>({ model: "account", where: [{ field: "userId", value: user.id }] })
				: [];
			return { user, accounts };
		},

		findUserById: (id: string) => adapter.findOne<User>({ model: "user", where: [{ field: "id", value: id }] }),

		/** Deletes a user with their sessions and accounts. */
		deleteUser: async (id: string) => {
			if (storage) await storage.removeAll(id);
			await adapter.deleteMany({ model: "session", where: [{ field: "userId", value: id }] });
			await adapter.deleteMany({ model: "account", where: [{ field: "userId", value: id }] });
			await adapter.delete({ model: "user", where: [{ field: "id", value: id }] });
		},

		updateUser: async (id: string, data: Row) => {
			const updated = await updateWithHooks<User>("user", [{ field: "id", value: id }], {
				...data,
				updatedAt: new Date(),
			});
			// Stored sessions carry a copy of the user: keep every copy current.
			if (updated && storage) await storage.refreshUser(updated);
			return updated;
		},

		createAccount: (account: Partial<Account> & Row) =>
			createWithHooks<Account>("account", { createdAt: new Date(), updatedAt: new Date(), ...account }),

		findAccounts: (userId: string) =>
			adapter.findMany<Account>({ model: "account", where: [{ field: "userId", value: userId }] }),

		/** An account by its own id. */
		findAccountById: (id: string) =>
			adapter.findOne<Account>({ model: "account", where: [{ field: "id", value: id }] }),

		/** The account a provider knows as `accountId`, whoever it belongs to. */
		findAccountByProvider: (accountId: string, providerId: string) =>
			adapter.findOne<Account>({
				model: "account",
				where: [
					{ field: "accountId", value: accountId },
					{ field: "providerId", value: providerId },
				],
			}),

		updateAccount: (id: string, data: Row) =>
			updateWithHooks<Account>("account", [{ field: "id", value: id }], { ...data, updatedAt: new Date() }),

		deleteAccount: (id: string) => adapter.delete({ model: "account", where: [{ field: "id", value: id }] }),

		updatePassword: (userId: string, password: string) =>
			adapter.updateMany({
				model: "account",
				where: [
					{ field: "userId", value: userId },
					{ field: "providerId", value: "credential" },
				],
				update: { password, updatedAt: new Date() },
			}),

		/** A new session for a user; `dontRememberMe` sessions last one day. */
		createSession: (
			userId: string,
			meta: { ipAddress?: string; userAgent?: string },
			dontRememberMe = false,
			extra: Row = {},
		) => {
			const now = new Date();
			const lifetime = dontRememberMe ? 60 * 60 * 24 : expiresIn;
			return createWithHooks<Session>(
				"session",
				{
					...(sessionsInDb ? {} : { id: generateRandomId(32) }),
					token: generateRandomString(32, "a-z", "A-Z", "0-9"),
					userId,
					expiresAt: new Date(now.getTime() + lifetime * 1000),
					createdAt: now,
					updatedAt: now,
					ipAddress: meta.ipAddress ?? "",
					userAgent: meta.userAgent ?? "",
					...extra,
				},
				async (payload) => {
					const session = sessionsInDb
						? await adapter.create<Row, Session>({ model: "session", data: payload })
						: (payload as unknown as Session);
					if (storage) {
						const user = await adapter.findOne<User>({ model: "user", where: [{ field: "id", value: userId }] });
						if (user) await storage.put(session, user);
					}
					return session;
				},
			);
		},

		/** The session and its user, in one database round trip. */
		findSession: async (token: string): Promise<{ session: Session; user: User } | null> => {
			// With secondary storage it is authoritative: a row kept by preserveSessionInDatabase
			// must not bring a signed-out session back.
			if (storage) return storage.get(token);
			const found = await adapter.findOne<Session & { user: User | null }>({
				model: "session",
				where: [{ field: "token", value: token }],
				join: { user: true },
			});
			if (!found?.user) return null;
			const { user, ...session } = found;
			return { session: session as Session, user };
		},

		updateSession: async (token: string, data: Row): Promise<Session | null> => {
			const update = { ...data, updatedAt: new Date() };
			let updated: Session | null = null;
			if (sessionsInDb) updated = await updateWithHooks<Session>("session", [{ field: "token", value: token }], update);
			if (storage) {
				const stored = await storage.get(token);
				if (!stored) return updated;
				const session = { ...stored.session, ...(updated ?? update) } as Session;
				await storage.put(session, stored.user);
				return session;
			}
			return updated;
		},

		deleteSession: async (token: string) => {
			if (storage) await storage.remove(token);
			if (sessionsInDb && !(storage && preserveInDb)) {
				await adapter.delete({ model: "session", where: [{ field: "token", value: token }] });
			}
		},

		listSessions: (userId: string) =>
			storage
				? storage.list(userId)
				: adapter.findMany<Session>({ model: "session", where: [{ field: "userId", value: userId }] }),

		deleteUserSessions: async (userId: string) => {
			let count = storage ? await storage.removeAll(userId) : 0;
			if (sessionsInDb && !(storage && preserveInDb)) {
				const deleted = await adapter.deleteMany({ model: "session", where: [{ field: "userId", value: userId }] });
				count = Math.max(count, deleted);
			}
			return count;
		},

		createVerificationValue: (data: { identifier: string; value: string; expiresAt: Date }) =>
			createWithHooks<Verification>(
				"verification",
				{ createdAt: new Date(), updatedAt: new Date(), ...data },
				storage
					? async (payload) => {
							const verification = { id: generateRandomId(32), ...payload } as unknown as Verification;
							await storage.putVerification(verification);
							return verification;
						}
					: undefined,
			),

		findVerificationValue: async (identifier: string) => {
			if (storage) return storage.getVerification(identifier);
			const [latest] = await adapter.findMany<Verification>({
				model: "verification",
				where: [{ field: "identifier", value: identifier }],
				sortBy: { field: "createdAt", direction: "desc" },
				limit: 1,
			});
			return latest ?? null;
		},

		deleteVerificationValue: (id: string) =>
			adapter.delete({ model: "verification", where: [{ field: "id", value: id }] }),

		/**
		 * Takes a verification value exactly once: the delete's row count decides the winner, so of
		 * any number of parallel consumers only one receives the value.
		 */
		consumeVerificationValue: async (identifier: string): Promise<Verification | null> => {
			if (storage) {
				if (consuming.has(identifier)) return null;
				consuming.add(identifier);
				try {
					const value = await storage.takeVerification(identifier);
					return value && value.expiresAt.getTime() > Date.now() ? value : null;
				} finally {
					consuming.delete(identifier);
				}
			}
			const [latest] = await adapter.findMany<Verification>({
				model: "verification",
				where: [{ field: "identifier", value: identifier }],
				sortBy: { field: "createdAt", direction: "desc" },
				limit: 1,
			});
			if (!latest) return null;
			const deleted = await adapter.deleteMany({ model: "verification", where: [{ field: "id", value: latest.id }] });
			if (deleted !== 1) return null;
			return latest.expiresAt.getTime() > Date.now() ? latest : null;
		},
	};
}

export type InternalAdapter = ReturnType<typeof createInternalAdapter>;
