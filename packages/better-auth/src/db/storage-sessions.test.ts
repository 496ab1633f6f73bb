import { describe, expect, it } from "vitest";
import { getTestInstance } from "../test";
import { memoryStorage } from "./secondary-storage";

function recording() {
	const storage = memoryStorage();
	const keys = () => [...storageKeys].sort();
	const storageKeys = new Set<string>();
	return {
		storage: {
			get: storage.get,
			set: (key: string, value: string, ttl?: number) => {
				storageKeys.add(key);
				return storage.set(key, value, ttl);
			},
			delete: (key: string) => {
				storageKeys.delete(key);
				return storage.delete(key);
			},
		},
		keys,
		raw: storage,
	};
}

describe("sessions in secondary storage", () => {
	it("keeps sessions out of the database, under better-auth's keys", async () => {
		const { storage, raw } = recording();
		const { signUp, request, database, auth } = await getTestInstance({
			emailAndPassword: { enabled: true },
			secondaryStorage: storage,
		});
		const tables = database.prepare("select name from sqlite_master where type = 'table'").all();
		expect(tables).toEqual([{ name: "user" }, { name: "account" }]);
		const { cookie, response } = await signUp();
		const { token, user } = await response.json();
		expect(JSON.parse(String(await raw.get(token))).user.email).toBe("test@example.com");
		expect(JSON.parse(String(await raw.get(`active-sessions-${user.id}`)))).toEqual([
			{ token, expiresAt: expect.any(Number) },
		]);
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.session.token).toBe(token);
		expect(new Date(session.session.expiresAt).getTime()).toBeGreaterThan(Date.now());

		await auth.api.updateUser({ body: { name: "Renamed" }, headers: { cookie } });
		expect(JSON.parse(String(await raw.get(token))).user.name).toBe("Renamed");

		await request("/sign-out", { body: {}, cookie });
		expect(await raw.get(token)).toBeNull();
		expect(await (await request("/get-session", { cookie })).json()).toBeNull();
	});

	it("revoke-sessions marks the user revoked and lists nothing afterwards", async () => {
		const { storage, raw } = recording();
		const { signUp, signIn, request } = await getTestInstance({
			emailAndPassword: { enabled: true },
			secondaryStorage: storage,
		});
		const first = await signUp();
		const second = await signIn();
		const list = await (await request("/list-sessions", { cookie: first.cookie })).json();
		expect(list).toHaveLength(2);
		await request("/revoke-sessions", { body: {}, cookie: second.cookie });
		const userId = list[0].userId;
		expect(Number(await raw.get(`revoked-sessions-before-${userId}`))).toBeGreaterThan(0);
		expect(await (await request("/get-session", { cookie: first.cookie })).json()).toBeNull();
	});

	it("storeSessionInDatabase writes both; preserveSessionInDatabase keeps rows on sign-out", async () => {
		const { storage } = recording();
		const { signUp, request, database } = await getTestInstance({
			emailAndPassword: { enabled: true },
			secondaryStorage: storage,
			session: { storeSessionInDatabase: true, preserveSessionInDatabase: true },
		});
		const { cookie } = await signUp();
		expect(database.prepare(`select count(*) as n from "session"`).get()).toEqual({ n: 1 });
		await request("/sign-out", { body: {}, cookie });
		expect(database.prepare(`select count(*) as n from "session"`).get()).toEqual({ n: 1 });
		expect(await (await request("/get-session", { cookie })).json()).toBeNull();
	});

	it("password reset tokens live in storage and work once", async () => {
		const { storage, raw } = recording();
		const mails: string[] = [];
		const { signUp, request } = await getTestInstance({
			emailAndPassword: { enabled: true, sendResetPassword: async ({ token }) => void mails.push(token) },
			secondaryStorage: storage,
		});
		await signUp();
		await request("/request-password-reset", { body: { email: "test@example.com" } });
		expect(await raw.get(`verification:reset-password:${mails[0]}`)).toContain('"identifier"');
		const attempts = await Promise.all(
			Array.from({ length: 8 }, () =>
				request("/reset-password", { body: { newPassword: "another-pass-1", token: mails[0] } }),
			),
		);
		expect(attempts.filter((r) => r.status === 200)).toHaveLength(1);
	});
});
