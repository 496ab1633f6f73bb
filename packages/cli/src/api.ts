/**
 * `@better-auth/cli` as a library: the schema generators and the commands, for tools that want
 * the CLI's output without spawning it.
 */
export { run } from "./cli";
export { migrate } from "./commands/migrate";
export { createSecret } from "./commands/secret";
export { loadConfig } from "./config/load-config";
export { generateSchema, type SchemaFile } from "./generators";
export { generateDrizzleSchema } from "./generators/drizzle";
export { generatePrismaSchema } from "./generators/prisma";
export { mergePrismaSchema } from "./generators/prisma-merge";
export { generatorSchema } from "./schema/tables";
