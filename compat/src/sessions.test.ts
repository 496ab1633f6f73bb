import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Pair, read, shapeOf } from "./harness";

/** Runs one scripted user journey on both sides (each with its own cookies) and compares every step. */
async function journey(pair: Pair) {
	const jar = { ours: "", reference: "" } as Record<"ours" | "reference", string>;
	const extra = { ours: "", reference: "" } as Record<"ours" | "reference", string>;
	const step = async (
		label: string,
		path: string,
		init: { method?: string; body?: unknown; cookie?: "main" | "extra" | "none" } = {},
		keep?: "main" | "extra",
	) => {
		const results = await Promise.all(
			(["ours", "reference"] as const).map(async (side) => {
				const headers: Record<string, string> = { origin: BASE_URL };
				if (init.body !== undefined) headers["content-type"] = "application/json";
				const cookie = init.cookie === "none" ? "" : init.cookie === "extra" ? extra[side] : jar[side];
				if (cookie) headers.cookie = cookie;
				const handler = side === "ours" ? pair.ours.handler : pair.reference.handler;
				const response = await handler(
					new Request(`${BASE_URL}/api/auth${path}`, {
						method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
						headers,
						body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
					}),
				);
				if (keep === "main" && response.headers.getSetCookie().length) jar[side] = cookieOf(response);
				if (keep === "extra") extra[side] = cookieOf(response);
				return { response, ...(await read(response)) };
			}),
		);
		const [ours, reference] = results;
		expect(ours.status, `${label}: status`).toBe(reference.status);
		expect(shapeOf(ours.body), `${label}: body`).toEqual(shapeOf(reference.body));
		if (reference.body && typeof reference.body === "object" && "code" in reference.body) {
			expect((ours.body as { code: string }).code, `${label}: code`).toBe((reference.body as { code: string }).code);
		}
		expect(cookieNames(ours.response), `${label}: cookies`).toEqual(cookieNames(reference.response));
		return { ours: ours.body, reference: reference.body };
	};
	return { step, jar, extra };
}

describe("compat: sessions and user management", () => {
	it("list, update, revoke, change password, list accounts", async () => {
		const pair = await createPair({ emailAndPassword: { enabled: true } });
		const { step } = await journey(pair);
		await step("sign up", "/sign-up/email", { body: { email: "a@b.com", password: "password123", name: "A" } }, "main");
		const second = await step(
			"second sign-in",
			"/sign-in/email",
			{ body: { email: "a@b.com", password: "password123" }, cookie: "none" },
			"extra",
		);
		await step("list without session", "/list-sessions", { cookie: "none" });
		const list = await step("list", "/list-sessions");
		expect((list.ours as unknown[]).length).toBe(2);
		await step("update user", "/update-user", { body: { name: "B", image: null } });
		await step("update email refused", "/update-user", { body: { email: "x@y.com" } });
		await step("update without session", "/update-user", { body: { name: "B" }, cookie: "none" });
		await step("revoke unknown token", "/revoke-session", { body: { token: "nope" } });
		void second;
		await step("revoke other sessions", "/revoke-other-sessions", { body: {} });
		await step("extra session is gone", "/get-session", { cookie: "extra" });
		await step("wrong current password", "/change-password", {
			body: { currentPassword: "wrongwrong", newPassword: "newpassword1" },
		});
		await step("short new password", "/change-password", {
			body: { currentPassword: "password123", newPassword: "short" },
		});
		await step("change password, keep sessions", "/change-password", {
			body: { currentPassword: "password123", newPassword: "newpassword1" },
		});
		await step(
			"change password, revoke others",
			"/change-password",
			{ body: { currentPassword: "newpassword1", newPassword: "newpassword2", revokeOtherSessions: true } },
			"main",
		);
		await step("set-password is not on HTTP", "/set-password", { body: { newPassword: "abcdefgh1" } });
		await step("list accounts", "/list-accounts");
		await step("list accounts without session", "/list-accounts", { cookie: "none" });
		await step("revoke all", "/revoke-sessions", { body: {} });
		await step("session after revoke all", "/get-session");
	});
});
