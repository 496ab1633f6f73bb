import { createAuthEndpoint } from "@better-auth/core/api";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod";
import { memoryAdapter } from "./adapters/memory";
import { betterAuth } from "./auth";

const ping = createAuthEndpoint("/ping", { method: "POST", body: z.object({ n: z.number() }) }, async (ctx) =>
	ctx.json({ pong: ctx.body.n }),
);

describe("auth.api types", () => {
	const auth = betterAuth({
		secret: "s".repeat(32),
		database: memoryAdapter({}),
		emailAndPassword: { enabled: true },
		plugins: [{ id: "ping", endpoints: { ping } }],
	});

	it("plugin endpoints appear with their own input and result types", async () => {
		const result = await auth.api.ping({ body: { n: 2 } });
		expectTypeOf(result).toEqualTypeOf<{ pong: number }>();
		expect(result).toEqual({ pong: 2 });
		// @ts-expect-error: n must be a number.
		await expect(auth.api.ping({ body: { n: "2" } })).rejects.toThrow();
	});

	it("core endpoints keep their body and result types", async () => {
		const ok = await auth.api.ok();
		expectTypeOf(ok).toEqualTypeOf<{ ok: boolean }>();
		const signUp = await auth.api.signUpEmail({ body: { email: "t@example.com", password: "password123", name: "T" } });
		expectTypeOf(signUp.user.email).toEqualTypeOf<string>();
		// @ts-expect-error: password is required.
		await expect(auth.api.signInEmail({ body: { email: "t@example.com" } })).rejects.toThrow();
		// @ts-expect-error: not an endpoint of this configuration.
		expect(auth.api.notAnEndpoint).toBeUndefined();
	});
});

describe("$Infer", () => {
	it("includes additional fields, optional ones as optional", () => {
		const auth = betterAuth({
			secret: "s".repeat(32),
			user: {
				additionalFields: {
					role: { type: "string", required: true },
					age: { type: "number", required: false },
					tier: { type: ["free", "pro"], defaultValue: "free" },
				},
			},
			session: { additionalFields: { device: { type: "string", required: false } } },
		});
		type Session = typeof auth.$Infer.Session;
		expectTypeOf<Session["user"]["role"]>().toEqualTypeOf<string>();
		expectTypeOf<Session["user"]["age"]>().toEqualTypeOf<number | null | undefined>();
		expectTypeOf<Session["user"]["tier"]>().toEqualTypeOf<"free" | "pro" | null | undefined>();
		expectTypeOf<Session["user"]["email"]>().toEqualTypeOf<string>();
		expectTypeOf<Session["session"]["device"]>().toEqualTypeOf<string | null | undefined>();
		expectTypeOf<Session["session"]["token"]>().toEqualTypeOf<string>();
	});
});
