import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, createPair } from "./harness";

describe("compat: 401 from a session-protected endpoint", () => {
	it("clears the cookies of a signed but ended session, and leaves a forged one alone", async () => {
		const pair = await createPair({ emailAndPassword: { enabled: true } });
		for (const side of [pair.ours, pair.reference]) {
			const signUp = await side.handler(
				new Request(`${BASE_URL}/api/auth/sign-up/email`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: BASE_URL },
					body: JSON.stringify({ email: "gone@example.com", password: "password123", name: "Gone" }),
				}),
			);
			(side as { cookie?: string }).cookie = signUp.headers
				.getSetCookie()
				.map((c) => c.split(";")[0])
				.join("; ");
			side.database.prepare("delete from session").run();
		}
		const ask = (side: typeof pair.ours, cookie: string) =>
			side.handler(new Request(`${BASE_URL}/api/auth/list-sessions`, { headers: { cookie } }));
		const ours = await ask(pair.ours, (pair.ours as { cookie?: string }).cookie ?? "");
		const reference = await ask(pair.reference, (pair.reference as { cookie?: string }).cookie ?? "");
		expect(ours.status).toBe(401);
		expect(ours.headers.getSetCookie()).toEqual(reference.headers.getSetCookie());
		expect(cookieNames(ours)).toContain("better-auth.session_token");
		const forged = "better-auth.session_token=forged.value";
		const [oursForged, referenceForged] = [await ask(pair.ours, forged), await ask(pair.reference, forged)];
		expect([oursForged.status, oursForged.headers.getSetCookie()]).toEqual([
			referenceForged.status,
			referenceForged.headers.getSetCookie(),
		]);
	});
});
