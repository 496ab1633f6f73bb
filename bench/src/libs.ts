/**
 * The two libraries under comparison, loaded the same way: this project as `better-auth` (the
 * workspace package) and better-auth 1.7.24 as `better-auth-reference`, used only as a black box.
 */

/** Which side of the comparison. */
export type Lib = "ours" | "reference";

/** Both sides, in the order every table shows them. */
export const LIBS: readonly Lib[] = ["ours", "reference"];

/** The import specifier of each side. */
export const MODULE: Record<Lib, string> = { ours: "better-auth", reference: "better-auth-reference" };

/** How each side is named in the output. */
export const LABEL: Record<Lib, string> = { ours: "this project", reference: "better-auth 1.7.24" };

// biome-ignore lint/suspicious/noExplicitAny: both libraries accept the same plain options object.
export type Options = Record<string, any>;

/** The part of an auth instance the benchmark uses. */
export interface Auth {
	handler: (request: Request) => Promise<Response>;
	// biome-ignore lint/suspicious/noExplicitAny: the endpoint map differs per configuration.
	api: Record<string, (input?: any) => Promise<any>>;
}

/** One side's entry points. */
export interface Library {
	lib: Lib;
	betterAuth: (options: Options) => Auth;
	getMigrations: (options: Options) => Promise<{ runMigrations: () => Promise<void> }>;
	/** The exports of `<module>/plugins` (empty when the module does not exist). */
	plugins: Record<string, unknown>;
}

async function optional(load: () => Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		return (await load()) as Record<string, unknown>;
	} catch {
		return {};
	}
}

/** Imports both libraries (call after the environment is prepared: they may read it on import). */
export async function loadLibraries(): Promise<Record<Lib, Library>> {
	const [ours, oursMigration, oursPlugins, reference, referenceMigration, referencePlugins] = await Promise.all([
		import("better-auth"),
		import("better-auth/db/migration"),
		optional(() => import("better-auth/plugins")),
		import("better-auth-reference"),
		import("better-auth-reference/db/migration"),
		optional(() => import("better-auth-reference/plugins")),
	]);
	return {
		ours: {
			lib: "ours",
			betterAuth: ours.betterAuth as unknown as Library["betterAuth"],
			getMigrations: oursMigration.getMigrations as unknown as Library["getMigrations"],
			plugins: oursPlugins,
		},
		reference: {
			lib: "reference",
			betterAuth: reference.betterAuth as unknown as Library["betterAuth"],
			getMigrations: referenceMigration.getMigrations as unknown as Library["getMigrations"],
			plugins: referencePlugins,
		},
	};
}

/** A server plugin the benchmark knows how to configure, and its client plugin's name. */
export interface PluginSpec {
	name: string;
	/** Arguments of the factory call at run time. */
	args: unknown[];
	/** The same call as source, for the generated type-check app. @default `name(...JSON args)` */
	code?: string;
	client?: string;
	/** The client plugin call as source in the typed app. @default `client()` */
	clientCode?: string;
}

/** The source of a server plugin call. */
export function pluginCode(spec: PluginSpec): string {
	return spec.code ?? `${spec.name}(${spec.args.map((arg) => JSON.stringify(arg)).join(", ")})`;
}

/**
 * Plugins in order of preference; the benchmark loads the first six that both libraries export
 * from `better-auth/plugins` and says which in the table.
 */
export const PLUGIN_CATALOG: readonly PluginSpec[] = [
	{ name: "organization", args: [], client: "organizationClient" },
	{ name: "admin", args: [], client: "adminClient" },
	{ name: "twoFactor", args: [], client: "twoFactorClient" },
	{ name: "username", args: [], client: "usernameClient" },
	{ name: "multiSession", args: [], client: "multiSessionClient" },
	{
		name: "genericOAuth",
		args: [
			{
				config: [
					{
						providerId: "acme",
						clientId: "bench-client",
						clientSecret: "bench-secret",
						authorizationUrl: "http://127.0.0.1:9/authorize",
						tokenUrl: "http://127.0.0.1:9/token",
					},
				],
			},
		],
		client: "genericOAuthClient",
	},
	{ name: "bearer", args: [] },
	{ name: "jwt", args: [], client: "jwtClient" },
	{ name: "anonymous", args: [], client: "anonymousClient" },
	{ name: "oneTimeToken", args: [], client: "oneTimeTokenClient" },
	{ name: "lastLoginMethod", args: [], client: "lastLoginMethodClient" },
	{
		name: "customSession",
		// Returns the session unchanged: the cost measured is the plugin's extra step.
		args: [async (session: unknown) => session],
		code: "customSession(async (session) => session)",
		client: "customSessionClient",
		clientCode: "customSessionClient<typeof auth>()",
	},
];

/** The first `limit` catalog plugins that both libraries export. */
export function sharedPlugins(libs: Record<Lib, Library>, limit = 6): PluginSpec[] {
	return PLUGIN_CATALOG.filter((spec) => LIBS.every((lib) => typeof libs[lib].plugins[spec.name] === "function")).slice(
		0,
		limit,
	);
}

/** Calls each plugin factory of `library` with the catalog arguments. */
export function instantiatePlugins(library: Library, specs: readonly PluginSpec[]): unknown[] {
	return specs.map((spec) => (library.plugins[spec.name] as (...args: unknown[]) => unknown)(...spec.args));
}
