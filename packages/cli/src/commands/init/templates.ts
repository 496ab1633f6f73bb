/** The files `init` writes, as functions of the choices made. */

export type InitFramework = "next" | "sveltekit" | "hono" | "express" | "node";
export type InitDatabase = "sqlite" | "postgres" | "mysql";

export const INIT_FRAMEWORKS: readonly InitFramework[] = ["next", "sveltekit", "hono", "express", "node"];
export const INIT_DATABASES: readonly InitDatabase[] = ["sqlite", "postgres", "mysql"];

/** A plugin `init` can add: its server and client calls and where they come from. */
interface PluginTemplate {
	server: string;
	client?: string;
}

/** Plugins by CLI name (kebab-case, as in the docs' URLs). */
export const INIT_PLUGINS: Record<string, PluginTemplate> = {
	"two-factor": { server: "twoFactor()", client: "twoFactorClient()" },
	username: { server: "username()", client: "usernameClient()" },
	"magic-link": {
		server:
			"magicLink({\n\t\t\tsendMagicLink: async ({ email, url }) => {\n\t\t\t\t// Send `url` to `email` with your email provider.\n\t\t\t},\n\t\t})",
		client: "magicLinkClient()",
	},
	"email-otp": {
		server:
			"emailOTP({\n\t\t\tsendVerificationOTP: async ({ email, otp, type }) => {\n\t\t\t\t// Send `otp` to `email` with your email provider.\n\t\t\t},\n\t\t})",
		client: "emailOTPClient()",
	},
	"phone-number": {
		server:
			"phoneNumber({\n\t\t\tsendOTP: async ({ phoneNumber, code }) => {\n\t\t\t\t// Send `code` to `phoneNumber` by SMS.\n\t\t\t},\n\t\t})",
		client: "phoneNumberClient()",
	},
	organization: { server: "organization()", client: "organizationClient()" },
	admin: { server: "admin()", client: "adminClient()" },
	anonymous: { server: "anonymous()", client: "anonymousClient()" },
	"multi-session": { server: "multiSession()", client: "multiSessionClient()" },
	"api-key": { server: "apiKey()", client: "apiKeyClient()" },
	jwt: { server: "jwt()", client: "jwtClient()" },
	bearer: { server: "bearer()" },
	"open-api": { server: "openAPI()" },
};

const callee = (call: string) => call.slice(0, call.indexOf("("));

/** The database driver package of each choice. */
export const DRIVER: Record<InitDatabase, string> = { sqlite: "better-sqlite3", postgres: "pg", mysql: "mysql2" };

export interface AuthTemplateInput {
	name: string;
	database: InitDatabase;
	framework: InitFramework;
	plugins: string[];
}

export function authFile(input: AuthTemplateInput): string {
	const imports: string[] = [];
	let database: string;
	if (input.database === "sqlite") {
		imports.push('import Database from "better-sqlite3";');
		database = 'new Database("./sqlite.db")';
	} else if (input.database === "postgres") {
		imports.push('import { Pool } from "pg";');
		database = "new Pool({ connectionString: process.env.DATABASE_URL })";
	} else {
		imports.push('import { createPool } from "mysql2/promise";');
		database = "createPool(process.env.DATABASE_URL as string)";
	}
	imports.push('import { betterAuth } from "better-auth";');
	const plugins = input.plugins.map((name) => INIT_PLUGINS[name].server);
	if (plugins.length > 0) {
		imports.push(`import { ${plugins.map(callee).join(", ")} } from "better-auth/plugins";`);
	}
	if (input.framework === "next") {
		// Lets server actions set cookies; it must be the last plugin.
		imports.push('import { nextCookies } from "better-auth/next-js";');
		plugins.push("nextCookies()");
	}
	const pluginList = plugins.length > 0 ? `[\n\t\t${plugins.join(",\n\t\t")},\n\t]` : "[]";
	return `${imports.join("\n")}

export const auth = betterAuth({
	appName: ${JSON.stringify(input.name)},
	database: ${database},
	emailAndPassword: {
		enabled: true,
	},
	plugins: ${pluginList},
});
`;
}

/** The client entry for a framework: React for Next.js, Svelte for SvelteKit, vanilla otherwise. */
const CLIENT_ENTRY: Record<InitFramework, string> = {
	next: "better-auth/react",
	sveltekit: "better-auth/svelte",
	hono: "better-auth/client",
	express: "better-auth/client",
	node: "better-auth/client",
};

export function authClientFile(input: AuthTemplateInput): string {
	const plugins = input.plugins.map((name) => INIT_PLUGINS[name].client).filter((call): call is string => !!call);
	const imports = [`import { createAuthClient } from "${CLIENT_ENTRY[input.framework]}";`];
	if (plugins.length > 0) {
		imports.push(`import { ${plugins.map(callee).join(", ")} } from "better-auth/client/plugins";`);
	}
	// Same-origin apps need no baseURL; a separate API server does.
	const sameOrigin = input.framework === "next" || input.framework === "sveltekit";
	const options = [
		...(sameOrigin ? [] : ['\tbaseURL: "http://localhost:3000",']),
		...(plugins.length > 0 ? [`\tplugins: [${plugins.join(", ")}],`] : []),
	];
	const body = options.length > 0 ? `{\n${options.join("\n")}\n}` : "";
	return `${imports.join("\n")}

export const authClient = createAuthClient(${body});
`;
}

/** The route handler file for a framework: its path (relative to the project) and content. */
export function handlerFile(
	framework: InitFramework,
	paths: { handler: string; authImport: string },
): { path: string; code: string; mount?: string } {
	const importAuth = `import { auth } from "${paths.authImport}";`;
	switch (framework) {
		case "next":
			return {
				path: paths.handler,
				code: `import { toNextJsHandler } from "better-auth/next-js";\n${importAuth}\n\nexport const { GET, POST } = toNextJsHandler(auth);\n`,
			};
		case "sveltekit":
			return {
				path: paths.handler,
				code: `import { building } from "$app/environment";\nimport type { Handle } from "@sveltejs/kit";\nimport { svelteKitHandler } from "better-auth/svelte-kit";\n${importAuth}\n\nexport const handle: Handle = ({ event, resolve }) => svelteKitHandler({ event, resolve, auth, building });\n`,
			};
		case "hono":
			return {
				path: paths.handler,
				code: `import { Hono } from "hono";\n${importAuth}\n\n/** Better Auth's routes: mount with \`app.route("/", authRoutes)\`. */\nexport const authRoutes = new Hono().on(["GET", "POST"], "/api/auth/*", (c) => auth.handler(c.req.raw));\n`,
				mount: 'app.route("/", authRoutes)',
			};
		default:
			return {
				path: paths.handler,
				code: `import { toNodeHandler } from "better-auth/node";\n${importAuth}\n\n/**\n * Better Auth's request handler for Node.js. Mount it before any body parser:\n * Express: \`app.all("/api/auth/*splat", authHandler)\`; node:http: call it for URLs under /api/auth/.\n */\nexport const authHandler = toNodeHandler(auth);\n`,
				mount:
					framework === "express"
						? 'app.all("/api/auth/*splat", authHandler) (before express.json())'
						: "authHandler(req, res) for requests under /api/auth/",
			};
	}
}
