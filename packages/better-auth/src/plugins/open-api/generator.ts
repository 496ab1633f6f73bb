/**
 * Builds the OpenAPI 3.1 document of an auth instance: every endpoint reachable over HTTP (core
 * and plugins), with request bodies and query parameters converted from the endpoints' zod
 * schemas, and one component schema per table of the schema model.
 */
import type { AuthContext, BetterAuthPlugin } from "@better-auth/core";
import type { DBFieldAttribute } from "@better-auth/core/db";
import type { Endpoint } from "better-call";
import * as z from "zod";
import { coreEndpoints } from "../../api/endpoints";

/** A JSON Schema object (as OpenAPI 3.1 uses them). */
export type JSONSchema = Record<string, unknown>;

/** What an endpoint may declare under `metadata.openapi`. */
export interface EndpointOpenAPIMetadata {
	description?: string;
	summary?: string;
	operationId?: string;
	tags?: string[];
	parameters?: JSONSchema[];
	requestBody?: JSONSchema;
	responses?: Record<string, JSONSchema>;
}

/** One operation (`paths[path][method]`). */
export interface OpenAPIOperation {
	tags: string[];
	description?: string;
	summary?: string;
	operationId?: string;
	security: Record<string, string[]>[];
	parameters: JSONSchema[];
	requestBody?: JSONSchema;
	responses: Record<string, JSONSchema>;
}

/** The generated document. */
export interface OpenAPIDocument {
	openapi: "3.1.1";
	info: { title: string; description: string; version: string };
	components: { schemas: Record<string, JSONSchema>; securitySchemes: Record<string, JSONSchema> };
	security: Record<string, string[]>[];
	servers: { url: string }[];
	tags: { name: string; description: string }[];
	paths: Record<string, Record<string, OpenAPIOperation>>;
}

/** The plugin's own id: its endpoints describe the API, they are not part of it. */
export const OPEN_API_PLUGIN_ID = "open-api";

const DEFAULT_TAG = "Default";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const errorBody = (required: boolean): JSONSchema => ({
	content: {
		"application/json": {
			schema: {
				type: "object",
				properties: { message: { type: "string" } },
				...(required ? { required: ["message"] } : {}),
			},
		},
	},
});

/** The error answers every endpoint may give (the same set better-auth 1.7 lists). */
const ERROR_RESPONSES: Record<string, JSONSchema> = {
	"400": { ...errorBody(true), description: "Bad Request. Usually due to missing parameters, or invalid parameters." },
	"401": { ...errorBody(true), description: "Unauthorized. Due to missing or invalid authentication." },
	"403": {
		...errorBody(false),
		description: "Forbidden. You do not have permission to access this resource or to perform this action.",
	},
	"404": { ...errorBody(false), description: "Not Found. The requested resource was not found." },
	"429": {
		...errorBody(false),
		description: "Too Many Requests. You have exceeded the rate limit. Try again later.",
	},
	"500": {
		...errorBody(false),
		description: "Internal Server Error. This is a problem with the server that you cannot fix.",
	},
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A zod schema as JSON Schema (the input side: what a client sends), or null when it is none. */
export function toJSONSchema(schema: unknown): JSONSchema | null {
	if (!(schema instanceof z.ZodType)) return null;
	let unwrapped: z.ZodType = schema;
	// An optional body or query is described by its inner object; `required` says it may be absent.
	while (unwrapped instanceof z.ZodOptional || unwrapped instanceof z.ZodNullable) {
		unwrapped = unwrapped.unwrap() as z.ZodType;
	}
	try {
		const { $schema: _, ...json } = z.toJSONSchema(unwrapped, {
			io: "input",
			unrepresentable: "any",
			target: "draft-2020-12",
		}) as JSONSchema;
		return json;
	} catch {
		// A schema zod cannot describe (e.g. recursive without ids) still gets an operation.
		return {};
	}
}

/** Whether a request may leave the body or query out entirely. */
function acceptsAbsent(schema: unknown): boolean {
	return schema instanceof z.ZodType && schema.safeParse(undefined).success;
}

function methodsOf(endpoint: Endpoint): string[] {
	const method = endpoint.options.method as string | string[];
	const list = (Array.isArray(method) ? method : [method]).map((m) => String(m).toUpperCase());
	// "*" answers any method: describe the two a client uses.
	return list.includes("*") ? ["GET", "POST"] : list;
}

/** `/reset-password/:token` → `/reset-password/{token}` and its path parameter names. */
function openAPIPath(path: string): { path: string; params: string[] } {
	const params: string[] = [];
	const converted = path
		.split("/")
		.map((segment) => {
			if (segment.startsWith(":")) {
				params.push(segment.slice(1));
				return `{${segment.slice(1)}}`;
			}
			if (segment === "*" || segment === "**") {
				params.push("path");
				return "{path}";
			}
			return segment;
		})
		.join("/");
	return { path: converted.startsWith("/") ? converted : `/${converted}`, params };
}

function queryParameters(schema: unknown): JSONSchema[] {
	const json = toJSONSchema(schema);
	const properties = (json?.properties ?? {}) as Record<string, JSONSchema>;
	const required = new Set((json?.required as string[] | undefined) ?? []);
	return Object.entries(properties).map(([name, property]) => ({
		name,
		in: "query",
		...(required.has(name) ? { required: true } : {}),
		schema: property,
	}));
}

function operation(
	key: string,
	endpoint: Endpoint,
	method: string,
	index: number,
	tag: string,
	params: string[],
): OpenAPIOperation {
	const options = endpoint.options as {
		body?: unknown;
		query?: unknown;
		metadata?: { openapi?: EndpointOpenAPIMetadata };
	};
	const meta = options.metadata?.openapi ?? {};
	const parameters = [
		...queryParameters(options.query),
		...params.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
		...(meta.parameters ?? []),
	];
	const op: OpenAPIOperation = {
		tags: meta.tags ?? [tag],
		...(meta.summary ? { summary: meta.summary } : {}),
		...(meta.description ? { description: meta.description } : {}),
		operationId: meta.operationId
			? index === 0
				? meta.operationId
				: `${meta.operationId}${capitalize(method.toLowerCase())}`
			: index === 0
				? key
				: `${key}${capitalize(method.toLowerCase())}`,
		security: [{ bearerAuth: [] }],
		parameters,
		responses: {},
	};
	const body = BODY_METHODS.has(method) ? toJSONSchema(options.body) : null;
	if (meta.requestBody) op.requestBody = meta.requestBody;
	else if (body) {
		op.requestBody = {
			required: !acceptsAbsent(options.body),
			content: { "application/json": { schema: body } },
		};
	}
	op.responses = {
		"200": { description: "Success" },
		...ERROR_RESPONSES,
		...meta.responses,
	};
	return op;
}

/** Each HTTP-reachable endpoint with its key and tag; a plugin endpoint replaces a core one with its key. */
function documentedEndpoints(context: AuthContext) {
	const entries = new Map<string, { endpoint: Endpoint; tag: string }>();
	for (const [key, endpoint] of Object.entries(coreEndpoints as Record<string, Endpoint>)) {
		entries.set(key, { endpoint, tag: DEFAULT_TAG });
	}
	const plugins = (context.plugins ?? context.options.plugins ?? []) as BetterAuthPlugin[];
	for (const plugin of plugins) {
		if (plugin.id === OPEN_API_PLUGIN_ID) continue;
		for (const [key, endpoint] of Object.entries((plugin.endpoints ?? {}) as Record<string, Endpoint>)) {
			entries.set(key, { endpoint, tag: capitalize(plugin.id) });
		}
	}
	return [...entries].filter(([, { endpoint }]) => {
		const metadata = endpoint.options.metadata as { SERVER_ONLY?: boolean; hide?: boolean } | undefined;
		// `metadata.hide` keeps an HTTP endpoint out of the document (internal callbacks, say).
		return !metadata?.SERVER_ONLY && !metadata?.hide && typeof endpoint.path === "string";
	});
}

function fieldSchema(field: DBFieldAttribute): JSONSchema {
	const type = field.type as unknown;
	let schema: JSONSchema;
	if (Array.isArray(type)) schema = { type: "string", enum: type };
	else if (type === "date") schema = { type: "string", format: "date-time" };
	else if (type === "string[]") schema = { type: "array", items: { type: "string" } };
	else if (type === "number[]") schema = { type: "array", items: { type: "number" } };
	else if (type === "json") schema = {};
	else schema = { type: String(type) };
	if (field.defaultValue !== undefined && typeof field.defaultValue !== "function") {
		schema.default = field.defaultValue;
	}
	if (field.input === false) schema.readOnly = true;
	return schema;
}

/** One component schema per model (`User`, `Session`, ... and plugin tables), by logical field names. */
function modelSchemas(context: AuthContext): Record<string, JSONSchema> {
	const schemas: Record<string, JSONSchema> = {};
	for (const [key, table] of Object.entries(context.tables ?? {})) {
		if (key === "rateLimit") continue;
		const properties: Record<string, JSONSchema> = { id: { type: "string", readOnly: true } };
		const required = ["id"];
		for (const [name, field] of Object.entries(table.fields)) {
			properties[name] = fieldSchema(field);
			if (field.required !== false) required.push(name);
		}
		schemas[capitalize(key)] = { type: "object", properties, required };
	}
	return schemas;
}

/**
 * The OpenAPI document of the instance behind `context`. `requestURL` supplies the server URL
 * when the instance has no configured `baseURL` yet.
 */
export function generateOpenAPIDocument(context: AuthContext, requestURL?: string): OpenAPIDocument {
	const paths: OpenAPIDocument["paths"] = {};
	const tags = new Set<string>([DEFAULT_TAG]);
	for (const [key, { endpoint, tag }] of documentedEndpoints(context)) {
		const { path, params } = openAPIPath(endpoint.path as string);
		paths[path] ??= {};
		tags.add(tag);
		methodsOf(endpoint).forEach((method, index) => {
			paths[path][method.toLowerCase()] = operation(key, endpoint, method, index, tag, params);
		});
	}
	let server = context.baseURL;
	if (!server && requestURL) server = `${new URL(requestURL).origin}${context.basePath}`;
	return {
		openapi: "3.1.1",
		info: {
			title: context.appName || "Better Auth",
			description: "API Reference for your Better Auth Instance",
			version: "1.1.0",
		},
		components: {
			schemas: modelSchemas(context),
			securitySchemes: {
				apiKeyCookie: {
					type: "apiKey",
					in: "cookie",
					name: "apiKeyCookie",
					description: "API Key authentication via cookie",
				},
				bearerAuth: { type: "http", scheme: "bearer", description: "Bearer token authentication" },
			},
		},
		security: [{ apiKeyCookie: [], bearerAuth: [] }],
		servers: [{ url: server || context.basePath }],
		tags: [...tags].map((name) => ({
			name,
			description:
				name === DEFAULT_TAG
					? "Default endpoints that are included with Better Auth by default. These endpoints are not part of any plugin."
					: `Endpoints added by the ${name} plugin.`,
		})),
		paths,
	};
}
