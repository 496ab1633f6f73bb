import { describe } from "vitest";
import { runAdapterTest, runNumberIdAdapterTest } from "../test";
import { memoryAdapter } from ".";

describe("memory adapter", () => {
	runAdapterTest({
		getAdapter: async (options = {}) => memoryAdapter({})(options),
	});
});

describe("memory adapter, numeric ids", () => {
	runNumberIdAdapterTest({
		getAdapter: async (options = {}) => memoryAdapter({})(options),
	});
});
