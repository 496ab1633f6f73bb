/**
 * `better-auth/minimal`: the server entry for apps that bring their own adapter (Drizzle, Prisma,
 * a custom one). The main entry is already that light here: the Kysely dialects load only when
 * `database` is a driver object, so this is the same module.
 */
export * from "./index";
