import { describe, expect, it } from "vitest";
import { memoryStorage } from "./memory";
import { runSecondaryStorageTest } from "./test-suite";

let clock = 0;
describe("memory storage", () => {
	runSecondaryStorageTest({
		getStorage: () => memoryStorage({ now: () => clock }),
		advance: async (ms) => {
			clock += ms;
		},
	});

	it("purges expired keys so the map cannot grow without bound", () => {
		let time = 0;
		const storage = memoryStorage({ now: () => time });
		for (let i = 0; i < 999; i++) storage.set(`k${i}`, "v", 1);
		time = 5000;
		storage.set("trigger", "v");
		expect(storage.size()).toBe(1);
	});
});
