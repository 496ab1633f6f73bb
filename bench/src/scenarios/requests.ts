/** Requests that do not hash a password: routing, get-session in its forms, list-sessions. */

import { instantiatePlugins, type Library, type Options } from "../libs";
import { addRow, type Context } from "../results";
import {
	authRequest,
	type Backend,
	consume,
	createInstance,
	expectEqual,
	expectJson,
	type Instance,
	onlyCookies,
	SESSION_DATA,
	SESSION_TOKEN,
	signIn,
	signUp,
} from "../sides";
import { type Prepared, pair } from "./pair";

const SECTION = "in process";

async function instanceFor(ctx: Context, library: Library, backend: Backend, extra?: Options): Promise<Instance> {
	return createInstance(library, backend, ctx.schemas?.[library.lib], extra);
}

/** GET on a path, reading the whole body; the check expects `status` and runs `verify` on the body. */
function getter(
	instance: Instance,
	path: string,
	status: number,
	verify?: (body: unknown) => void,
	cookie?: string,
): Prepared {
	const init = cookie ? { headers: { cookie } } : undefined;
	const request = () => authRequest(path, init);
	const what = `${instance.lib} GET ${path}`;
	return {
		instance,
		instances: [instance],
		op: async () => consume(await instance.auth.handler(request()), status, what),
		check: async () => {
			const body = await expectJson(await instance.auth.handler(request()), status, what);
			verify?.(body);
		},
	};
}

/** GET /get-session with `cookie`; the answer must name `email`. */
function getSession(instance: Instance, cookie: string, email: string): Prepared {
	return getter(
		instance,
		"/get-session",
		200,
		(body) =>
			expectEqual(
				(body as { user?: { email?: string } } | null)?.user?.email,
				email,
				`${instance.lib} get-session user`,
			),
		cookie,
	);
}

/** A signed-up user on `instance` with only the session token cookie (no cookie cache). */
async function userWithToken(instance: Instance): Promise<{ email: string; cookie: string }> {
	const { email, cookie } = await signUp(instance);
	return { email, cookie: onlyCookies(cookie, [SESSION_TOKEN]) };
}

async function getSessionFromDatabase(ctx: Context, backend: Backend): Promise<void> {
	const label = backend === "sqlite" ? "SQLite" : "PostgreSQL";
	await addRow(
		ctx,
		{
			id: `get-session-${backend}`,
			section: SECTION,
			name: `get-session from the database (${label})`,
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(ctx.libs, ctx.config.fast, async (library) => {
				const instance = await instanceFor(ctx, library, backend);
				const { email, cookie } = await userWithToken(instance);
				return getSession(instance, cookie, email);
			}),
	);
}

async function listSessions(ctx: Context, backend: Backend): Promise<void> {
	const label = backend === "sqlite" ? "SQLite" : "PostgreSQL";
	await addRow(
		ctx,
		{
			id: `list-sessions-${backend}`,
			section: SECTION,
			name: `list-sessions, 10 sessions (${label})`,
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(ctx.libs, ctx.config.fast, async (library) => {
				const instance = await instanceFor(ctx, library, backend);
				const { email, cookie } = await userWithToken(instance);
				await Promise.all(Array.from({ length: 9 }, () => signIn(instance, email)));
				const count = (body: unknown) =>
					expectEqual(Array.isArray(body) ? body.length : body, 10, `${library.lib} list-sessions count`);
				return getter(instance, "/list-sessions", 200, count, cookie);
			}),
	);
}

/** Scenarios of this file, in table order. */
export async function runRequestScenarios(ctx: Context): Promise<void> {
	const { libs, config } = ctx;
	await addRow(ctx, { id: "get-ok", section: SECTION, name: "GET /ok", unit: "ops/s", better: "higher" }, () =>
		pair(libs, config.fast, async (library) =>
			getter(await instanceFor(ctx, library, "sqlite"), "/ok", 200, (body) => {
				expectEqual((body as { ok?: boolean }).ok, true, `${library.lib} /ok body`);
			}),
		),
	);
	await addRow(
		ctx,
		{ id: "not-found", section: SECTION, name: "unknown path (404)", unit: "ops/s", better: "higher" },
		() =>
			pair(libs, config.fast, async (library) =>
				getter(await instanceFor(ctx, library, "sqlite"), "/no-such-endpoint", 404),
			),
	);
	await getSessionFromDatabase(ctx, "sqlite");
	if (ctx.schemas) await getSessionFromDatabase(ctx, "postgres");
	await addRow(
		ctx,
		{
			id: "cookie-cache",
			section: SECTION,
			name: "get-session, cookie-cache hit",
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(libs, config.fast, async (library) => {
				const instance = await instanceFor(ctx, library, "sqlite", {
					session: { cookieCache: { enabled: true, maxAge: 300 } },
				});
				const { email, cookie } = await signUp(instance);
				const cached = onlyCookies(cookie, [SESSION_TOKEN, SESSION_DATA]);
				if (!cached.includes(SESSION_DATA)) throw new Error(`${library.lib} set no ${SESSION_DATA} cookie`);
				return getSession(instance, cached, email);
			}),
	);
	await addRow(
		ctx,
		{
			id: "api-get-session",
			section: SECTION,
			name: "auth.api.getSession({ headers }) (SQLite)",
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(libs, config.fast, async (library) => {
				const instance = await instanceFor(ctx, library, "sqlite");
				const { email, cookie } = await userWithToken(instance);
				const headers = new Headers({ cookie });
				const call = () => instance.auth.api.getSession({ headers });
				return {
					instance,
					instances: [instance],
					op: call,
					check: async () => {
						const session = (await call()) as { user?: { email?: string } } | null;
						expectEqual(session?.user?.email, email, `${library.lib} api.getSession user`);
					},
				};
			}),
	);
	const names = ctx.plugins.map((spec) => spec.name);
	await addRow(
		ctx,
		{
			id: "get-session-plugins",
			section: SECTION,
			name: `get-session, ${names.length} plugin${names.length === 1 ? "" : "s"} loaded (SQLite)`,
			unit: "ops/s",
			better: "higher",
		},
		async () => ({
			...(await pair(libs, config.fast, async (library) => {
				const instance = await instanceFor(ctx, library, "sqlite", {
					plugins: instantiatePlugins(library, ctx.plugins),
				});
				const { email, cookie } = await userWithToken(instance);
				return getSession(instance, cookie, email);
			})),
			note: names.length
				? `loaded on both sides: ${names.join(", ")} (${names.length < 6 ? "every catalog plugin both export" : "the first six of the catalog both export"})`
				: "no plugin is exported by both sides",
		}),
	);
	await listSessions(ctx, "sqlite");
	if (ctx.schemas) await listSessions(ctx, "postgres");
}
