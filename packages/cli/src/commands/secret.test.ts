import { describe, expect, it } from "vitest";
import { recordingUi } from "../test-utils/ui";
import { createSecret, secretCommand } from "./secret";

describe("secret", () => {
	it("is 32 random bytes in hex, different every time", () => {
		const secrets = new Set(Array.from({ length: 20 }, createSecret));
		expect(secrets.size).toBe(20);
		for (const secret of secrets) expect(secret).toMatch(/^[0-9a-f]{64}$/);
	});

	it("prints an .env line", () => {
		const ui = recordingUi();
		secretCommand(ui);
		expect(ui.text()).toMatch(/\nBETTER_AUTH_SECRET=[0-9a-f]{64}$/);
	});
});
