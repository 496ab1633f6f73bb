/**
 * `createAdapterFactory`: turns a small database integration (`CustomAdapter`, physical names and
 * stored values) into the `DBAdapter` Better Auth uses (logical names, API values). Ids, defaults,
 * type conversions, name mapping and joins are done here once for every adapter.
 */
import { BetterAuthError } from "../../../error";
import type { BetterAuthOptions } from "../../../types/options";
import { resolveDefaultValue } from "../../field";
import { getAuthTables } from "../../schema";
import type {
	AdapterFactoryOptions,
	CustomAdapter,
	CustomAdapterHelpers,
	DBAdapter,
	DBAdapterInstance,
	DBTransactionAdapter,
} from "../types";
import { generateRandomId } from "./id";
import { createJoinPlanner } from "./join";
import { buildModels, createModelResolver, getFieldInfo, type ModelInfo, resolveIdMode } from "./models";
import { type Capabilities, fromDatabaseValue, toDatabaseValue } from "./transform";
import { cleanWhere } from "./where";

export { generateRandomId } from "./id";
export { matchesCondition, matchesWhere } from "./where";

type Row = Record<string, unknown>;

export function createAdapterFactory<Options extends BetterAuthOptions = BetterAuthOptions>({
	config,
	adapter: createCustomAdapter,
}: AdapterFactoryOptions<Options>): DBAdapterInstance<Options> {
	return (options: Options): DBAdapter<Options> => {
		const schema = getAuthTables(options);
		const idMode = resolveIdMode(options);
		if (idMode.kind === "serial" && config.supportsNumericIds === false) {
			throw new BetterAuthError(
				`The ${config.adapterName ?? config.adapterId} adapter does not support numeric ids; remove ` +
					'`advanced.database.generateId: "serial"` (or `useNumberId`).',
			);
		}
		const caps: Capabilities = {
			supportsDates: config.supportsDates ?? true,
			supportsBooleans: config.supportsBooleans ?? true,
			supportsJSON: config.supportsJSON ?? false,
			supportsArrays: config.supportsArrays ?? false,
			numericIds: idMode.kind === "serial",
		};
		const models = buildModels(schema, config.usePlural ?? false);
		const resolveModel = createModelResolver(schema, models);
		const defaultLimit = options.advanced?.database?.defaultFindManyLimit ?? 100;
		const mapIn = config.mapKeysTransformInput ?? {};
		const mapOut = config.mapKeysTransformOutput ?? {};
		const debug = createDebugLog(config);

		const helpers: CustomAdapterHelpers<Options> = {
			options,
			schema,
			debugLog: debug.log,
			getModelName: (model) => resolveModel(model).table,
			getFieldName: ({ model, field }) => getFieldInfo(resolveModel(model), field).column,
			getDefaultModelName: (model) => resolveModel(model).key,
			getDefaultFieldName: ({ model, field }) => getFieldInfo(resolveModel(model), field).key,
			getFieldAttributes: ({ model, field }) => getFieldInfo(resolveModel(model), field).attribute,
		};

		function newId(model: ModelInfo): string | undefined {
			if (config.disableIdGeneration) return undefined;
			if (config.customIdGenerator) return config.customIdGenerator({ model: model.key });
			switch (idMode.kind) {
				case "serial":
				case "database":
					return undefined;
				case "uuid":
					return crypto.randomUUID();
				case "custom": {
					const id = idMode.generate({ model: model.key, size: 32 });
					return id === false ? undefined : id;
				}
				default:
					return generateRandomId(32);
			}
		}

		function custom(model: ModelInfo, field: string, value: unknown, action: "create" | "update"): unknown {
			if (!config.customTransformInput) return value;
			const info = getFieldInfo(model, field);
			return config.customTransformInput({
				data: value,
				field: info.column,
				fieldAttributes: info.attribute,
				action,
				model: model.table,
				schema,
				options,
			});
		}

		async function createData(model: ModelInfo, data: Row, forceAllowId: boolean): Promise<Row> {
			const record: Row = {};
			const givenId = data.id;
			const id = forceAllowId && givenId !== undefined && givenId !== null ? givenId : newId(model);
			if (id !== undefined) record[mapIn.id ?? "id"] = toDatabaseValue(getFieldInfo(model, "id"), id, caps);
			for (const info of model.fields.values()) {
				if (info.key === "id") continue;
				let value = data[info.key];
				if (value === undefined && info.attribute.defaultValue !== undefined) {
					value = resolveDefaultValue(info.attribute);
				}
				if (value === undefined) {
					if (info.attribute.required !== false) {
						throw new BetterAuthError(`Missing required field "${info.key}" when creating a ${model.key}.`);
					}
					continue;
				}
				if (info.attribute.transform?.input) value = await info.attribute.transform.input(value);
				value = toDatabaseValue(info, value, caps);
				record[mapIn[info.column] ?? info.column] = custom(model, info.key, value, "create");
			}
			return record;
		}

		async function updateData(model: ModelInfo, update: Row): Promise<Row> {
			const record: Row = {};
			for (const info of model.fields.values()) {
				if (info.key === "id") continue;
				let value = update[info.key];
				if (value === undefined && info.attribute.onUpdate) value = info.attribute.onUpdate();
				if (value === undefined) continue;
				if (info.attribute.transform?.input && value !== null) value = await info.attribute.transform.input(value);
				value = toDatabaseValue(info, value, caps);
				record[mapIn[info.column] ?? info.column] = custom(model, info.key, value, "update");
			}
			return record;
		}

		async function output(model: ModelInfo, row: Row | null | undefined, select?: string[]): Promise<Row | null> {
			if (!row) return null;
			const result: Row = {};
			const keys = select?.length ? select.map((field) => getFieldInfo(model, field).key) : [...model.fields.keys()];
			for (const key of keys) {
				const info = model.fields.get(key)!;
				const column = mapOut[info.column] ?? info.column;
				let value = fromDatabaseValue(info, column in row ? row[column] : row[info.column], caps);
				if (config.customTransformOutput) {
					value = config.customTransformOutput({
						data: value,
						field: info.column,
						fieldAttributes: info.attribute,
						select: select ?? [],
						model: model.table,
						schema,
						options,
					});
				}
				if (info.attribute.transform?.output && value !== null) value = await info.attribute.transform.output(value);
				result[key] = value;
			}
			return result;
		}

		const selectColumns = (model: ModelInfo, select?: string[]) =>
			select?.length ? [...new Set(["id", ...select])].map((field) => getFieldInfo(model, field).column) : undefined;

		function build(customAdapter: CustomAdapter): DBTransactionAdapter<Options> {
			const joins = createJoinPlanner({
				models,
				resolveModel,
				caps,
				supportsJoin: config.supportsJoin ?? false,
			});
			return {
				id: config.adapterId,
				async create({ model: name, data, select, forceAllowId }) {
					const model = resolveModel(name);
					const record = await createData(model, data as Row, forceAllowId ?? false);
					debug.log("create", model.table, record);
					const created = await customAdapter.create({
						model: model.table,
						data: record,
						select: selectColumns(model, select),
					});
					return (await output(model, created as Row, select)) as never;
				},
				async findOne({ model: name, where, select, join }) {
					const model = resolveModel(name);
					const cleaned = cleanWhere(model, where, caps);
					const plan = joins.plan(model, join);
					const row = await customAdapter.findOne<Row>({
						model: model.table,
						where: cleaned,
						select: selectColumns(model, select),
						join: plan?.native,
					});
					const result = await output(model, row, select);
					if (result && plan) await joins.attach(customAdapter, plan, [row as Row], [result], output);
					return result as never;
				},
				async findMany({ model: name, where, limit, sortBy, offset, select, join }) {
					const model = resolveModel(name);
					const plan = joins.plan(model, join);
					const rows = await customAdapter.findMany<Row>({
						model: model.table,
						where: cleanWhere(model, where, caps),
						limit: limit ?? defaultLimit,
						offset,
						sortBy: sortBy
							? {
									field: getFieldInfo(model, sortBy.field).column,
									direction: sortBy.direction,
								}
							: undefined,
						select: selectColumns(model, select),
						join: plan?.native,
					});
					const results = (await Promise.all(rows.map((row) => output(model, row, select)))) as Row[];
					if (plan) await joins.attach(customAdapter, plan, rows, results, output);
					return results as never;
				},
				async count({ model: name, where }) {
					const model = resolveModel(name);
					return Number(
						await customAdapter.count({
							model: model.table,
							where: cleanWhere(model, where, caps),
						}),
					);
				},
				async update({ model: name, where, update }) {
					const model = resolveModel(name);
					const record = await updateData(model, update);
					debug.log("update", model.table, record);
					const updated = await customAdapter.update<Row>({
						model: model.table,
						where: cleanWhere(model, where, caps),
						update: record,
					});
					return (await output(model, updated)) as never;
				},
				async updateMany({ model: name, where, update }) {
					const model = resolveModel(name);
					const record = await updateData(model, update);
					return Number(
						await customAdapter.updateMany({
							model: model.table,
							where: cleanWhere(model, where, caps),
							update: record,
						}),
					);
				},
				async delete({ model: name, where }) {
					const model = resolveModel(name);
					await customAdapter.delete({
						model: model.table,
						where: cleanWhere(model, where, caps),
					});
				},
				async deleteMany({ model: name, where }) {
					const model = resolveModel(name);
					return Number(
						await customAdapter.deleteMany({
							model: model.table,
							where: cleanWhere(model, where, caps),
						}),
					);
				},
				createSchema: customAdapter.createSchema
					? (_options, file) => customAdapter.createSchema!({ file, tables: schema })
					: undefined,
				options: { adapterConfig: config, ...customAdapter.options },
			};
		}

		const base = build(createCustomAdapter(helpers));
		const transactionRunner = config.transaction;
		return {
			...base,
			transaction: async (callback) => {
				if (!transactionRunner) return callback(base);
				return transactionRunner(callback);
			},
		};
	};
}

/** Wraps a custom adapter built over a transaction handle into a full adapter for `trx` callbacks. */
export function createTransactionAdapter<Options extends BetterAuthOptions>(
	factory: DBAdapterInstance<Options>,
	options: Options,
): DBTransactionAdapter<Options> {
	const { transaction: _ignored, ...adapter } = factory(options);
	return adapter;
}

function createDebugLog(config: { debugLogs?: unknown; adapterName?: string; adapterId: string }) {
	const option = config.debugLogs;
	const enabled =
		option === true ||
		(typeof option === "object" &&
			option !== null &&
			!("isRunningAdapterTests" in option) &&
			Object.values(option).some(Boolean));
	const name = config.adapterName ?? config.adapterId;
	return {
		log: (...args: unknown[]) => {
			if (enabled) console.log(`[${name}]`, ...args);
		},
	};
}
