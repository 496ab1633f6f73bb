/** The conformance suite for numeric (database-generated) ids. */
import type { DBAdapter } from "@better-auth/core/db";
import { beforeAll, describe, expect, test } from "vitest";
import { numberIdTestOptions } from "./options";
import { createSession, createUser, type GetAdapter } from "./suite";

export function runNumberIdAdapterTest({ getAdapter }: { getAdapter: GetAdapter }): void {
	let adapter: DBAdapter;
	beforeAll(async () => {
		adapter = await getAdapter(numberIdTestOptions);
	});

	describe("numeric ids", () => {
		test("ids come back as numeric strings", async () => {
			const a = await createUser(adapter);
			const b = await createUser(adapter);
			expect(a.id).toMatch(/^\d+$/);
			expect(Number(b.id)).toBeGreaterThan(Number(a.id));
		});

		test("findOne, update and delete by a string id", async () => {
			const user = await createUser(adapter);
			const found = await adapter.findOne<{ id: string }>({
				model: "user",
				where: [{ field: "id", value: user.id }],
			});
			expect(found?.id).toBe(user.id);
			const updated = await adapter.update<{ name: string }>({
				model: "user",
				where: [{ field: "id", value: user.id }],
				update: { name: "Numeric" },
			});
			expect(updated?.name).toBe("Numeric");
			await adapter.delete({
				model: "user",
				where: [{ field: "id", value: user.id }],
			});
			expect(
				await adapter.findOne({
					model: "user",
					where: [{ field: "id", value: user.id }],
				}),
			).toBeNull();
		});

		test("references and joins use numeric ids", async () => {
			const user = await createUser(adapter);
			const session = await createSession(adapter, user.id);
			expect(session.userId).toBe(user.id);
			expect(session.id).toMatch(/^\d+$/);
			const joined = await adapter.findOne<{ user: { id: string } }>({
				model: "session",
				where: [{ field: "token", value: session.token as string }],
				join: { user: true },
			});
			expect(joined?.user.id).toBe(user.id);
			const byUser = await adapter.findMany({
				model: "session",
				where: [{ field: "userId", value: [user.id], operator: "in" }],
			});
			expect(byUser).toHaveLength(1);
		});
	});
}
