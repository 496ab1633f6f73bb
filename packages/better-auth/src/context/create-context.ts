/**
 * Options → AuthContext, once per instance: defaults, secret, base URL, adapter, schema, plugins.
 */
import type { AuthContext, BetterAuthOptions, BetterAuthPlugin } from "@better-auth/core";
import { generateRandomId } from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import { getCookies } from "../cookies";
import { hashPassword, verifyPassword } from "../crypto/password";
import { createInternalAdapter } from "../db/internal-adapter";
import { createSocialProviders } from "../oauth2/providers";
import { createLogger } from "../utils/logger";
import type { FullAuthContext } from "./full-context";
import { currentEndpointContext } from "./request-state";

export const DEFAULT_SECRET = "better-auth-secret-123456789";

function env(name: string): string | undefined {
	return typeof process !== "undefined" ? process.env?.[name] : undefined;
}

export function resolveSecret(options: BetterAuthOptions): string {
	const secret = options.secret ?? env("BETTER_AUTH_SECRET") ?? env("AUTH_SECRET") ?? DEFAULT_SECRET;
	if (env("NODE_ENV") === "production" && secret === DEFAULT_SECRET) {
		throw new BetterAuthError(
			"No secret configured: set BETTER_AUTH_SECRET (e.g. `openssl rand -base64 32`) or pass `secret` to betterAuth().",
		);
	}
	return secret;
}

/** `baseURL` + `basePath`; a path inside `baseURL` wins over `basePath`. */
export function resolveBaseURL(options: BetterAuthOptions): { baseURL: string; basePath: string } {
	const configured = options.baseURL ?? env("BETTER_AUTH_URL");
	const fallbackPath = options.basePath ?? "/api/auth";
	if (!configured) return { baseURL: "", basePath: fallbackPath };
	let url: URL;
	try {
		url = new URL(configured);
	} catch {
		throw new BetterAuthError(`Invalid baseURL "${configured}": use an absolute URL such as http://localhost:3000.`);
	}
	const ownPath = url.pathname.replace(/\/+$/, "");
	const basePath = ownPath && ownPath !== "" ? ownPath : fallbackPath;
	return { baseURL: `${url.origin}${basePath}`, basePath };
}

export async function createAuthContext(
	input: BetterAuthOptions,
	prepared: { adapter: AuthContext["adapter"]; tables: AuthContext["tables"] },
): Promise<AuthContext> {
	let options = input;
	const logger = createLogger(options.logger);
	const { baseURL, basePath } = resolveBaseURL(options);
	const plugins = (options.plugins ?? []) as unknown as BetterAuthPlugin[];
	const generateId = options.advanced?.database?.generateId ?? options.advanced?.generateId;
	let context: FullAuthContext = {
		internalAdapter: createInternalAdapter(prepared.adapter, { options, hookContext: currentEndpointContext }),
		authCookies: getCookies(options),
		password: {
			hash: options.emailAndPassword?.password?.hash ?? hashPassword,
			verify: options.emailAndPassword?.password?.verify ?? verifyPassword,
			config: {
				minPasswordLength: options.emailAndPassword?.minPasswordLength ?? 8,
				maxPasswordLength: options.emailAndPassword?.maxPasswordLength ?? 128,
			},
		},
		appName: options.appName ?? "Better Auth",
		baseURL,
		basePath,
		options,
		secret: resolveSecret(options),
		adapter: prepared.adapter,
		tables: prepared.tables,
		secondaryStorage: options.secondaryStorage,
		trustedOrigins: [],
		generateId: ({ model, size }) => {
			if (typeof generateId === "function") return generateId({ model, size });
			if (generateId === "uuid") return crypto.randomUUID();
			if (generateId === false || generateId === "serial") return false;
			return generateRandomId(size ?? 32);
		},
		logger,
		plugins,
		socialProviders: await createSocialProviders(options, logger),
		hasPlugin: (id) => plugins.some((plugin) => plugin.id === id),
		sessionConfig: {
			expiresIn: options.session?.expiresIn ?? 60 * 60 * 24 * 7,
			updateAge: options.session?.updateAge ?? 60 * 60 * 24,
			freshAge: options.session?.freshAge ?? 60 * 60 * 24,
		},
		rateLimit: {
			enabled: options.rateLimit?.enabled ?? env("NODE_ENV") === "production",
			window: options.rateLimit?.window ?? 10,
			max: options.rateLimit?.max ?? 100,
			storage: options.rateLimit?.storage ?? (options.secondaryStorage ? "secondary-storage" : "memory"),
		},
	};
	for (const plugin of plugins) {
		const result = await plugin.init?.(context);
		if (!result) continue;
		if (result.options) {
			const { databaseHooks, ...rest } = result.options;
			// A plugin's database hooks run after the app's own, never instead of them.
			if (databaseHooks) context.internalAdapter.addDatabaseHooks(databaseHooks);
			options = { ...options, ...rest };
		}
		context = { ...context, ...result.context, options } as FullAuthContext;
	}
	context.trustedOrigins = staticTrustedOrigins(context);
	return context;
}

function staticTrustedOrigins(context: AuthContext): string[] {
	const origins = Array.isArray(context.options.trustedOrigins) ? [...context.options.trustedOrigins] : [];
	if (context.baseURL) origins.unshift(new URL(context.baseURL).origin);
	const fromEnv = env("BETTER_AUTH_TRUSTED_ORIGINS");
	if (fromEnv) origins.push(...fromEnv.split(",").map((origin) => origin.trim()));
	return origins.filter(Boolean);
}
