/**
 * Transactions, and which connection a query runs on while one is open.
 *
 * A query made through the outer adapter from inside a transaction callback (a hook holding
 * `ctx.context.adapter`, say) runs in that transaction. Without this it would deadlock on SQLite:
 * there is one connection, the transaction holds it, and the callback waits for a query that
 * waits for the connection. On PostgreSQL and MySQL it would take a second connection and could
 * wait forever on the transaction's own row locks, and it would not see the transaction's writes.
 * Queries from anywhere else (another request) are untouched: they keep their own connection
 * and isolation, and on SQLite they simply wait until the transaction ends.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
type DB = Kysely<any>;

interface OpenTransaction {
	trx: DB;
	/** False once committed or rolled back: work the callback left running must not use `trx`. */
	open: boolean;
}

/** The transactions of the current async context, by the Kysely instance they were opened on. */
const transactions = new AsyncLocalStorage<Map<DB, OpenTransaction>>();

function openTransaction(root: DB): DB | undefined {
	const entry = transactions.getStore()?.get(root);
	return entry?.open ? entry.trx : undefined;
}

/** The connection a query on `root` should use: the open transaction's, when called inside one. */
export function currentConnection(root: DB): DB {
	return openTransaction(root) ?? root;
}

/**
 * Runs `callback` in a transaction on `root`. Called again from inside the callback, it joins the
 * open transaction (Kysely has no nested transactions, and waiting for a second one would deadlock).
 */
export async function runInTransaction<R>(root: DB, callback: (trx: DB) => Promise<R>): Promise<R> {
	const current = openTransaction(root);
	if (current) return callback(current);
	return root.transaction().execute(async (trx) => {
		const entry: OpenTransaction = { trx, open: true };
		try {
			return await transactions.run(new Map(transactions.getStore()).set(root, entry), () => callback(trx));
		} finally {
			// A timer or promise the callback started and did not await still carries this context.
			entry.open = false;
		}
	});
}
