/**
 * `better-auth/adapters/test`: the conformance suites an adapter runs under vitest.
 * @example
 * runAdapterTest({ getAdapter: async (options) => myAdapter(db)({ ...options }) });
 */

export { runSecondaryStorageTest, type SecondaryStorageTestOptions } from "../../db/secondary-storage/test-suite";
export { runNumberIdAdapterTest } from "./number-id";
export {
	adapterTestPlugin,
	baseTestOptions,
	customNameTestOptions,
	numberIdTestOptions,
} from "./options";
export {
	type AdapterTestOptions,
	createSession,
	createUser,
	type GetAdapter,
	runAdapterTest,
	unique,
} from "./suite";
