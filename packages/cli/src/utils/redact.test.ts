import { describe, expect, it } from "vitest";
import { REDACTED, redact, redactUrl } from "./redact";

describe("redact", () => {
	it("hides secrets, client secrets, passwords and tokens, keeps the rest", () => {
		const options = {
			appName: "app",
			secret: "s3cr3t",
			secrets: [{ version: 1, value: "old" }],
			baseURL: "https://app.example.com",
			emailAndPassword: { enabled: true, minPasswordLength: 10, password: { hash: () => "" } },
			socialProviders: { google: { clientId: "id", clientSecret: "shh" } },
			plugins: ["two-factor"],
			apiKey: "k",
			databaseUrl: "postgres://admin:hunter2@db.example.com:5432/app",
		};
		expect(redact(options)).toEqual({
			appName: "app",
			secret: REDACTED,
			secrets: REDACTED,
			baseURL: "https://app.example.com",
			emailAndPassword: { enabled: true, minPasswordLength: 10, password: { hash: "[function]" } },
			socialProviders: { google: { clientId: "id", clientSecret: REDACTED } },
			plugins: ["two-factor"],
			apiKey: REDACTED,
			databaseUrl: `postgres://admin:${REDACTED}@db.example.com:5432/app`,
		});
	});

	it("summarises objects that are not plain data, and survives cycles", () => {
		class Pool {}
		const cyclic: Record<string, unknown> = { pool: new Pool() };
		cyclic.self = cyclic;
		expect(redact(cyclic)).toEqual({ pool: "[Pool]", self: "[circular]" });
	});

	it("removes the password of URLs wherever they are", () => {
		expect(redactUrl("mysql://root:pw@localhost/db and redis://:token@cache:6379")).toBe(
			`mysql://root:${REDACTED}@localhost/db and redis://:${REDACTED}@cache:6379`,
		);
		expect(redactUrl("postgres://localhost/db")).toBe("postgres://localhost/db");
	});
});
