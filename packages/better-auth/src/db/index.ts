/** `better-auth/db`: the schema model and migrations. */
export type {
	BetterAuthDBSchema,
	BetterAuthDBTable,
	BetterAuthPluginDBSchema,
	DBFieldAttribute,
	DBFieldAttributeConfig,
	DBFieldType,
	SecondaryStorage,
} from "@better-auth/core/db";
export { field, getAuthTables } from "@better-auth/core/db";
export { getSchema } from "./get-schema";
export {
	getMigrations,
	type Migrations,
	type MigrationTable,
} from "./migration";
export { memoryStorage } from "./secondary-storage";
