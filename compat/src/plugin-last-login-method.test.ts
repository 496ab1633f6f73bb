import { lastLoginMethod } from "better-auth/plugins";
import { lastLoginMethod as referenceLastLoginMethod } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, createPair } from "./harness";

describe("compat: lastLoginMethod", () => {
	it("sets the same cookie, with the same attributes, on sign-up and sign-in; none on a failure", async () => {
		const base = { emailAndPassword: { enabled: true } };
		const pair = await createPair(
			{ ...base, plugins: [lastLoginMethod({ storeInDatabase: true })] },
			{ ...base, plugins: [referenceLastLoginMethod({ storeInDatabase: true })] },
		);
		const send = (path: string, body: unknown) =>
			pair.request(path, {
				method: "POST",
				headers: { "content-type": "application/json", origin: BASE_URL },
				body: JSON.stringify(body),
			});
		const pick = (response: Response) =>
			response.headers.getSetCookie().filter((cookie) => cookie.startsWith("better-auth.last_used_login_method"));
		const signUp = await send("/sign-up/email", { email: "l@example.com", password: "password123", name: "L" });
		expect(pick(signUp.ours)).toEqual(pick(signUp.reference));
		expect(pick(signUp.ours)).toHaveLength(1);
		const signIn = await send("/sign-in/email", { email: "l@example.com", password: "password123" });
		expect(pick(signIn.ours)).toEqual(pick(signIn.reference));
		const wrong = await send("/sign-in/email", { email: "l@example.com", password: "nope-nope-nope" });
		expect([wrong.ours.status, pick(wrong.ours)]).toEqual([wrong.reference.status, pick(wrong.reference)]);
		const column = (side: typeof pair.ours) => side.database.prepare("select lastLoginMethod from user").all();
		expect(column(pair.ours)).toEqual(column(pair.reference));
	});
});
