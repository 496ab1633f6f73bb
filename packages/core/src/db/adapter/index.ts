export {
	createAdapterFactory,
	createTransactionAdapter,
	generateRandomId,
	matchesCondition,
	matchesWhere,
} from "./factory";
export type * from "./types";
