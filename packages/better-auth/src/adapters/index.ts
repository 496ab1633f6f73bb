/** `better-auth/adapters`: build a database adapter for Better Auth. */

export type {
	AdapterFactoryOptions,
	CleanedWhere,
	CustomAdapter,
	DBAdapter,
	DBAdapterDebugLogOption as AdapterDebugLogs,
	DBAdapterFactoryConfig,
	DBAdapterInstance,
	DBTransactionAdapter,
	JoinOption,
	ResolvedJoin,
	Where,
} from "@better-auth/core/db";
export {
	createAdapterFactory,
	createAdapterFactory as createAdapter,
	createTransactionAdapter,
} from "@better-auth/core/db";
