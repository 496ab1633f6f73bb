/**
 * `better-auth/plugins/access`: statement-based access control, shared by the admin and
 * organization plugins (and usable on its own, on the server and in the browser).
 *
 * A statement lists the actions each resource has; a role grants a subset of them; a request
 * asks for actions on resources and is authorized when the role grants them.
 *
 * @example
 * const ac = createAccessControl({ project: ["create", "share", "delete"] } as const);
 * const editor = ac.newRole({ project: ["create", "share"] });
 * editor.authorize({ project: ["create"] }); // { success: true }
 * editor.authorize({ project: ["delete"] }); // { success: false, error: 'unauthorized to access resource "project"' }
 */
import { BetterAuthError } from "@better-auth/core/error/codes";

/** Resources and their actions: `{ project: ["create", "delete"] }` (declare with `as const`). */
export type Statements = { readonly [resource: string]: readonly string[] };

/** Some of the actions of some of the resources of `S`: what a role grants. */
export type Subset<S extends Statements> = { readonly [R in keyof S]?: readonly S[R][number][] };

/** What a role holds: statements whose resources may be left out. */
export type RoleStatements = { readonly [resource: string]: readonly string[] | undefined };

type Actions<S extends RoleStatements, R extends keyof S> = readonly NonNullable<S[R]>[number][];

/** How the parts of a request combine: all must pass (`AND`) or one is enough (`OR`). */
export type Connector = "AND" | "OR";

/**
 * What a request asks for, per resource: a list of actions (all required), or the actions with
 * their own connector (`{ actions: ["read", "write"], connector: "OR" }`: either one will do).
 */
export type AuthorizeRequest<S extends RoleStatements> = {
	readonly [R in keyof S]?: Actions<S, R> | { readonly actions: Actions<S, R>; readonly connector?: Connector };
};

/** The answer of {@link Role.authorize}. */
export type AuthorizeResponse = { success: true; error?: undefined } | { success: false; error: string };

/** A role: what it grants, and the check of a request against it. */
export interface Role<S extends RoleStatements = RoleStatements> {
	/** The actions this role grants, per resource. */
	readonly statements: S;
	/**
	 * Whether the role grants the request. With `AND` (the default) every resource must pass; with
	 * `OR` one is enough. An empty request, or an empty list of actions, is never granted.
	 */
	authorize(request: AuthorizeRequest<S>, connector?: Connector): AuthorizeResponse;
}

/** An access controller: the full statements, and the factory of roles over them. */
export interface AccessControl<S extends Statements = Statements> {
	/** Every resource and action roles may grant. */
	readonly statements: S;
	/** A role granting a subset of the statements. */
	newRole<const R extends Subset<S>>(statements: R): Role<R>;
}

const NOT_AUTHORIZED: AuthorizeResponse = { success: false, error: "Not authorized" };

/** Whether `granted` covers one resource's part of a request. */
function grants(granted: readonly string[], requested: unknown): boolean {
	if (Array.isArray(requested)) {
		return requested.length > 0 && requested.every((action) => granted.includes(action));
	}
	if (requested && typeof requested === "object" && Array.isArray((requested as { actions?: unknown }).actions)) {
		const { actions, connector } = requested as { actions: string[]; connector?: Connector };
		if (actions.length === 0) return false;
		return connector === "OR"
			? actions.some((action) => granted.includes(action))
			: actions.every((action) => granted.includes(action));
	}
	throw new BetterAuthError("Invalid access control request");
}

/**
 * A role from its statements, without an access controller (types are not checked against one).
 * Matches better-auth 1.7's answers, error strings included.
 */
export function role<const S extends RoleStatements>(statements: S): Role<S> {
	return {
		statements,
		authorize(request, connector = "AND") {
			if (!request || typeof request !== "object") throw new BetterAuthError("Invalid access control request");
			let granted = false;
			for (const [resource, requested] of Object.entries(request as Record<string, unknown>)) {
				const allowed = Object.hasOwn(statements, resource) ? statements[resource] : undefined;
				if (!allowed) {
					if (connector === "AND") {
						return { success: false, error: `You are not allowed to access resource: ${resource}` };
					}
					continue;
				}
				if (grants(allowed, requested)) {
					if (connector === "OR") return { success: true };
					granted = true;
					continue;
				}
				if (connector === "AND") return { success: false, error: `unauthorized to access resource "${resource}"` };
			}
			return granted ? { success: true } : NOT_AUTHORIZED;
		},
	};
}

/** An access controller over `statements`: `ac.newRole({ ... })` builds roles from subsets of them. */
export function createAccessControl<const S extends Statements>(statements: S): AccessControl<S> {
	return {
		statements,
		newRole: (subset) => role(subset),
	};
}
