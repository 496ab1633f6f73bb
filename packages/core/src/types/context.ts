import type { DBAdapter } from "../db/adapter/types";
import type { BetterAuthDBSchema } from "../db/field";
import type { SecondaryStorage } from "../db/secondary-storage";
import type { OAuthProvider } from "../oauth2/types";
import type { BetterAuthOptions } from "./options";
import type { BetterAuthPlugin } from "./plugin";

export interface AuthLogger {
	debug: (message: string, ...args: unknown[]) => void;
	info: (message: string, ...args: unknown[]) => void;
	warn: (message: string, ...args: unknown[]) => void;
	error: (message: string, ...args: unknown[]) => void;
}

/**
 * Everything an endpoint, hook or plugin reaches through `ctx.context`. Built once per
 * instance by `betterAuth()`.
 */
export interface AuthContext {
	appName: string;
	/** Including the base path, e.g. `http://localhost:3000/api/auth`; empty until known. */
	baseURL: string;
	basePath: string;
	options: BetterAuthOptions;
	secret: string;
	adapter: DBAdapter;
	tables: BetterAuthDBSchema;
	secondaryStorage?: SecondaryStorage;
	trustedOrigins: string[];
	generateId: (options: { model: string; size?: number }) => string | false;
	logger: AuthLogger;
	plugins: BetterAuthPlugin[];
	/** The configured OAuth providers (built-in ones from `socialProviders`, and any a plugin adds). */
	socialProviders: OAuthProvider[];
	hasPlugin: (id: string) => boolean;
	sessionConfig: { expiresIn: number; updateAge: number; freshAge: number };
	rateLimit: { enabled: boolean; window: number; max: number; storage: "memory" | "database" | "secondary-storage" };
}
