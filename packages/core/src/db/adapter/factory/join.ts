/**
 * Joins: which related rows come back with a row, resolved from the schema's references.
 * Adapters that can join natively receive a `ResolvedJoin` and return the related raw rows
 * under the joined model's key; for the others the factory runs one extra `in` query per
 * joined model (never one per row).
 */
import { BetterAuthError } from "../../../error";
import type { CleanedWhere, CustomAdapter, JoinOption, ResolvedJoin } from "../types";
import type { FieldInfo, ModelInfo } from "./models";
import { type Capabilities, fromDatabaseValue } from "./transform";

type Row = Record<string, unknown>;

interface JoinEntry {
	joined: ModelInfo;
	relation: "one-to-one" | "one-to-many";
	/** Field of the queried model. */
	from: FieldInfo;
	/** Field of the joined model. */
	to: FieldInfo;
	limit: number;
}

export interface JoinPlan {
	entries: JoinEntry[];
	native?: ResolvedJoin;
}

type Output = (model: ModelInfo, row: Row | null | undefined) => Promise<Row | null>;

export function createJoinPlanner(deps: {
	models: Map<string, ModelInfo>;
	resolveModel: (model: string) => ModelInfo;
	caps: Capabilities;
	supportsJoin: boolean;
}) {
	const references = (field: FieldInfo, target: ModelInfo): boolean => {
		const ref = field.attribute.references;
		if (!ref) return false;
		try {
			return deps.resolveModel(ref.model).key === target.key;
		} catch {
			return false;
		}
	};

	function entryFor(model: ModelInfo, joinKey: string, option: boolean | { limit?: number }): JoinEntry {
		const joined = deps.resolveModel(joinKey);
		const limit = typeof option === "object" && option.limit !== undefined ? option.limit : 100;
		for (const field of model.fields.values()) {
			if (references(field, joined)) {
				const to = joined.fields.get(field.attribute.references!.field) ?? joined.fields.get("id")!;
				return { joined, relation: "one-to-one", from: field, to, limit: 1 };
			}
		}
		for (const field of joined.fields.values()) {
			if (references(field, model)) {
				const from = model.fields.get(field.attribute.references!.field) ?? model.fields.get("id")!;
				return { joined, relation: "one-to-many", from, to: field, limit };
			}
		}
		throw new BetterAuthError(`Cannot join "${joined.key}" to "${model.key}": neither references the other.`);
	}

	return {
		plan(model: ModelInfo, join: JoinOption | undefined): JoinPlan | undefined {
			if (!join) return undefined;
			const entries = Object.entries(join)
				.filter(([, option]) => option !== false)
				.map(([key, option]) => entryFor(model, key, option));
			if (entries.length === 0) return undefined;
			if (!deps.supportsJoin) return { entries };
			const native: ResolvedJoin = {};
			for (const entry of entries) {
				native[entry.joined.table] = {
					modelKey: entry.joined.key,
					on: { from: entry.from.column, to: entry.to.column },
					relation: entry.relation,
					limit: entry.limit,
				};
			}
			return { entries, native };
		},

		/** Fills `results[i][joinedKey]` for every entry of the plan. */
		async attach(adapter: CustomAdapter, plan: JoinPlan, rows: Row[], results: Row[], output: Output): Promise<void> {
			for (const entry of plan.entries) {
				const key = entry.joined.key;
				if (plan.native) {
					for (let i = 0; i < results.length; i++) {
						const raw = rows[i]?.[key];
						if (entry.relation === "one-to-one") {
							results[i][key] = raw ? await output(entry.joined, raw as Row) : null;
						} else {
							const list = Array.isArray(raw) ? (raw as Row[]) : [];
							results[i][key] = await Promise.all(list.map((item) => output(entry.joined, item)));
						}
					}
					continue;
				}
				await attachWithQuery(adapter, entry, rows, results, output, deps.caps);
			}
		},
	};
}

async function attachWithQuery(
	adapter: CustomAdapter,
	entry: JoinEntry,
	rows: Row[],
	results: Row[],
	output: Output,
	caps: Capabilities,
): Promise<void> {
	const key = entry.joined.key;
	const rawValues = [...new Set(rows.map((row) => row[entry.from.column]).filter((value) => value != null))];
	const related =
		rawValues.length === 0
			? []
			: await adapter.findMany<Row>({
					model: entry.joined.table,
					where: [
						{
							field: entry.to.column,
							operator: "in",
							value: rawValues as string[],
							connector: "AND",
							mode: "sensitive",
						},
					] satisfies CleanedWhere[],
					limit: entry.relation === "one-to-one" ? rawValues.length : entry.limit * rawValues.length,
				});
	const groups = new Map<string, Row[]>();
	for (const row of related) {
		const id = String(fromDatabaseValue(entry.to, row[entry.to.column], caps));
		const group = groups.get(id) ?? [];
		group.push(row);
		groups.set(id, group);
	}
	for (let i = 0; i < results.length; i++) {
		const raw = rows[i][entry.from.column];
		const group = raw == null ? [] : (groups.get(String(fromDatabaseValue(entry.from, raw, caps))) ?? []);
		if (entry.relation === "one-to-one") {
			results[i][key] = group[0] ? await output(entry.joined, group[0]) : null;
		} else {
			results[i][key] = await Promise.all(group.slice(0, entry.limit).map((row) => output(entry.joined, row)));
		}
	}
}
