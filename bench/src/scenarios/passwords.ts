/**
 * Requests that hash a password (sign-in, sign-up), with the largest event-loop delay while they
 * run, and get-session while sign-ups run in the background.
 */

import { randomBytes } from "node:crypto";
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Library } from "../libs";
import type { RoundHooks } from "../measure";
import { addRow, type Context, type Row } from "../results";
import {
	authRequest,
	type Backend,
	consume,
	createInstance,
	expectEqual,
	expectJson,
	type Instance,
	onlyCookies,
	PASSWORD,
	postJson,
	SESSION_TOKEN,
	signIn,
	signUp,
	uniqueEmail,
} from "../sides";
import { scryptOnce } from "./floor";
import { type FloorRun, type Prepared, pair } from "./pair";

const SECTION = "passwords";

/**
 * Hooks that record the largest event-loop delay during this side's rounds only. A histogram is
 * made per round: one re-enabled after a pause counts the pause itself as a delay.
 */
function loopDelay(): { hooks: RoundHooks; finish: () => { loopDelayMs: number } } {
	let histogram: IntervalHistogram | undefined;
	let max = 0;
	return {
		hooks: {
			before: () => {
				histogram = monitorEventLoopDelay({ resolution: 1 });
				histogram.enable();
			},
			after: () => {
				histogram?.disable();
				if (histogram && histogram.count > 0) max = Math.max(max, histogram.max / 1e6);
			},
		},
		finish: () => ({ loopDelayMs: max }),
	};
}

/** node:crypto scrypt alone, timed in the same rounds as the two sides (drift falls on all three). */
function scryptFloor(concurrency: number): FloorRun {
	const salt = randomBytes(16).toString("hex");
	return { op: () => scryptOnce(PASSWORD, salt), concurrency, ...loopDelay() };
}

const label = (backend: Backend) => (backend === "sqlite" ? "SQLite" : "PostgreSQL");

async function instanceFor(ctx: Context, library: Library, backend: Backend): Promise<Instance> {
	return createInstance(library, backend, ctx.schemas?.[library.lib]);
}

/** A sign-up of a new user per operation. */
function signUpOperation(instance: Instance): () => Promise<void> {
	const what = `${instance.lib} sign-up`;
	return async () => {
		const request = postJson("/sign-up/email", { email: uniqueEmail(instance.lib), password: PASSWORD, name: "Bench" });
		await consume(await instance.auth.handler(request), 200, what);
	};
}

async function signInRow(ctx: Context, backend: Backend): Promise<void> {
	await addRow(
		ctx,
		{
			id: `sign-in-${backend}`,
			section: SECTION,
			name: `sign-in (${label(backend)})`,
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(
				ctx.libs,
				ctx.config.slow,
				async (library): Promise<Prepared> => {
					const instance = await instanceFor(ctx, library, backend);
					const { email } = await signUp(instance);
					const what = `${library.lib} sign-in`;
					const delay = loopDelay();
					return {
						instance,
						instances: [instance],
						op: async () =>
							consume(
								await instance.auth.handler(postJson("/sign-in/email", { email, password: PASSWORD })),
								200,
								what,
							),
						check: async () => void (await signIn(instance, email)),
						...delay,
					};
				},
				scryptFloor(1),
			),
	);
}

async function signUpRow(ctx: Context, backend: Backend, concurrency: number): Promise<void> {
	const many = concurrency > 1;
	await addRow(
		ctx,
		{
			id: many ? `sign-up-${concurrency}-${backend}` : `sign-up-${backend}`,
			section: SECTION,
			name: `sign-up, ${many ? `${concurrency} at a time` : "sequential"} (${label(backend)})`,
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(
				ctx.libs,
				ctx.config.slow,
				async (library): Promise<Prepared> => {
					const instance = await instanceFor(ctx, library, backend);
					const delay = loopDelay();
					return {
						instance,
						instances: [instance],
						op: signUpOperation(instance),
						check: async () => void (await signUp(instance)),
						concurrency,
						...delay,
					};
				},
				scryptFloor(concurrency),
			),
	);
}

/** get-session timed while two loops sign new users up on the same instance. */
async function getSessionDuringSignUps(ctx: Context): Promise<Row> {
	return addRow(
		ctx,
		{
			id: "get-session-during-sign-ups",
			section: SECTION,
			name: "get-session while 2 sign-up loops run (SQLite)",
			unit: "ops/s",
			better: "higher",
		},
		() =>
			pair(ctx.libs, ctx.config.slow, async (library): Promise<Prepared> => {
				const instance = await instanceFor(ctx, library, "sqlite");
				const { email, cookie: cookies } = await signUp(instance);
				const cookie = onlyCookies(cookies, [SESSION_TOKEN]);
				const what = `${library.lib} get-session`;
				const request = () => authRequest("/get-session", { headers: { cookie } });
				const background = signUpOperation(instance);
				let running = false;
				let loops: Promise<void>[] = [];
				let signUps = 0;
				let backgroundMs = 0;
				let started = 0;
				return {
					// A request from a socket arrives as an I/O event; yielding once per request lets the
					// event loop run the sign-ups' callbacks as a server's would.
					op: async () => {
						await consume(await instance.auth.handler(request()), 200, what);
						await nextTurn();
					},
					check: async () => {
						const body = (await expectJson(await instance.auth.handler(request()), 200, what)) as {
							user?: { email?: string };
						} | null;
						expectEqual(body?.user?.email, email, `${what} user`);
					},
					instances: [instance],
					hooks: {
						before: () => {
							running = true;
							started = performance.now();
							loops = [0, 1].map(async () => {
								while (running) {
									await background();
									signUps++;
								}
							});
						},
						after: async () => {
							running = false;
							await Promise.all(loops);
							backgroundMs += performance.now() - started;
						},
					},
					finish: () => ({ detail: `${((signUps * 1000) / backgroundMs).toFixed(1)} background sign-ups/s` }),
				};
			}),
	);
}

/** Scenarios of this file, in table order. */
export async function runPasswordScenarios(ctx: Context): Promise<void> {
	await signInRow(ctx, "sqlite");
	if (ctx.schemas) await signInRow(ctx, "postgres");
	await signUpRow(ctx, "sqlite", 1);
	await signUpRow(ctx, "sqlite", 8);
	if (ctx.schemas) await signUpRow(ctx, "postgres", 8);
	await getSessionDuringSignUps(ctx);
}
