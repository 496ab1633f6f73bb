/** `better-auth/db`: the schema model, migrations and secondary storage helpers. */
export type {
	BetterAuthDBSchema,
	BetterAuthDBTable,
	BetterAuthPluginDBSchema,
	DBFieldAttribute,
	DBFieldAttributeConfig,
	DBFieldType,
	DBPrimitive,
	OnDelete,
	SecondaryStorage,
} from "@better-auth/core/db";
export { field, getAuthTables } from "@better-auth/core/db";
export { getSchema, type SchemaTable } from "./get-schema";
export { getMigrations, type Migrations, type MigrationTable } from "./migration";
export { memoryStorage } from "./secondary-storage";
