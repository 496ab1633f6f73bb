/**
 * The platform floor: what the runtime and drivers cost on their own, measured in the same run,
 * so the library rows can be read against the best they could possibly do.
 */

import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import Database from "better-sqlite3";
import { createCounter, scratchFile } from "../drivers";
import { measure, type Operation, type Timing } from "../measure";
import { addRow, type Context } from "../results";
import { BASE_URL, expectEqual, PASSWORD } from "../sides";

const SECTION = "platform floor";

/** The password hash parameters of Better Auth (scrypt, `salt:key` in hex). */
export const SCRYPT = { N: 16384, r: 16, p: 1, dkLen: 64 } as const;

/** One password hash with node:crypto's scrypt (libuv thread pool), Better Auth's parameters. */
export function scryptOnce(password: string, salt: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const { N, r, p, dkLen } = SCRYPT;
		scrypt(password.normalize("NFKC"), salt, dkLen, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
			error ? reject(error) : resolve(key),
		);
	});
}

async function floorRow(
	ctx: Context,
	id: string,
	name: string,
	timing: Timing,
	op: Operation,
	check: () => unknown,
	concurrency = 1,
): Promise<void> {
	await addRow(ctx, { id, section: SECTION, name, unit: "ops/s", better: "higher" }, async () => {
		await check();
		const stats = await measure({ op, concurrency }, timing);
		const rounds = stats.rounds.map((value) => Math.round(value * 10) / 10);
		return { floor: { value: stats.opsPerSec, p50Ms: stats.p50Ms, p99Ms: stats.p99Ms, rounds } };
	});
}

/** Scenarios of this file, in table order. */
export async function runFloorScenarios(ctx: Context): Promise<void> {
	const { fast, slow } = ctx.config;

	const key = randomBytes(32);
	const token = randomBytes(24).toString("base64url");
	const mac = createHmac("sha256", key).update(token).digest();
	const verify = () => timingSafeEqual(createHmac("sha256", key).update(token).digest(), mac);
	await floorRow(ctx, "floor-hmac", "HMAC-SHA256 verify (node:crypto)", fast, verify, () =>
		expectEqual(verify(), true, "HMAC verify"),
	);

	const body = JSON.stringify({ ok: true });
	const roundTrip = async () => {
		const request = new Request(`${BASE_URL}/api/auth/ok`);
		const response = new Response(body, { headers: { "content-type": "application/json" } });
		await response.arrayBuffer();
		return request;
	};
	await floorRow(ctx, "floor-request", "new Request + new Response (body read)", fast, roundTrip, async () =>
		expectEqual((await roundTrip()).method, "GET", "Request method"),
	);

	const db = new Database(scratchFile("floor.db"));
	db.pragma("journal_mode = WAL");
	db.exec('create table "user" ("id" text primary key, "email" text not null)');
	const insert = db.prepare('insert into "user" ("id", "email") values (?, ?)');
	db.transaction(() => {
		for (let i = 0; i < 1000; i++) insert.run(`user-${i}`, `user-${i}@bench.example`);
	})();
	const select = db.prepare<[string], { id: string; email: string }>('select * from "user" where "id" = ?');
	const selectOne = () => select.get("user-500");
	await floorRow(ctx, "floor-select-sqlite", "primary-key SELECT (better-sqlite3)", fast, selectOne, () =>
		expectEqual(selectOne()?.email, "user-500@bench.example", "SQLite SELECT"),
	);
	db.close();

	if (ctx.schemas) {
		const pool = ctx.schemas.ours.pool(createCounter());
		await pool.query('create table "bench_floor" ("id" text primary key, "email" text not null)');
		await pool.query(
			`insert into "bench_floor" select 'user-' || i, 'user-' || i || '@bench.example' from generate_series(0, 999) as i`,
		);
		const selectPg = async () =>
			(await pool.query('select * from "bench_floor" where "id" = $1', ["user-500"])).rows[0]?.email;
		await floorRow(ctx, "floor-select-postgres", "primary-key SELECT (pg Pool)", fast, selectPg, async () =>
			expectEqual(await selectPg(), "user-500@bench.example", "PostgreSQL SELECT"),
		);
		await pool.query('drop table "bench_floor"');
	}

	const salt = randomBytes(16).toString("hex");
	const hash = () => scryptOnce(PASSWORD, salt);
	const checkHash = async () => expectEqual((await hash()).length, SCRYPT.dkLen, "scrypt key length");
	const params = `N=${SCRYPT.N} r=${SCRYPT.r} p=${SCRYPT.p} dkLen=${SCRYPT.dkLen}`;
	await floorRow(ctx, "floor-scrypt", `scrypt ${params} (node:crypto), sequential`, slow, hash, checkHash);
	await floorRow(ctx, "floor-scrypt-8", `scrypt ${params} (node:crypto), 8 at a time`, slow, hash, checkHash, 8);
}
