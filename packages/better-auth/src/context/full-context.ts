import type { AuthContext } from "@better-auth/core";
import type { AuthCookies } from "../cookies";
import type { InternalAdapter } from "../db/internal-adapter";

/** The context endpoints of this package use: the core context plus what this package adds. */
export interface FullAuthContext extends AuthContext {
	internalAdapter: InternalAdapter;
	authCookies: AuthCookies;
	password: {
		hash: (password: string) => Promise<string>;
		verify: (data: { hash: string; password: string }) => Promise<boolean>;
		config: { minPasswordLength: number; maxPasswordLength: number };
	};
}

/** Reads `ctx.context` as the full context (it is always built by `createAuthContext`). */
export function fullContext(ctx: { context: unknown }): FullAuthContext {
	return ctx.context as FullAuthContext;
}
