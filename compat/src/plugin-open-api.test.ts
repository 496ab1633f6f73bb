/**
 * The openAPI plugin against better-auth 1.7.24: same top-level keys, same set of paths and
 * methods (core only, and with plugins), same tags per operation, same component schemas, and
 * the reference page at the same places. Not compared (see docs/plugins/open-api.md): response
 * schemas and descriptions, operationIds, and the page's HTML (ours loads the schema by URL).
 */

import { openAPI, twoFactor, username } from "better-auth/plugins";
import {
	openAPI as referenceOpenAPI,
	twoFactor as referenceTwoFactor,
	username as referenceUsername,
} from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { createPair, type Options, type Pair } from "./harness";

// biome-ignore lint/suspicious/noExplicitAny: the document is compared structurally.
type Doc = Record<string, any>;

function pairFor(ours: unknown[] = [], reference: unknown[] = [], extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [openAPI(), ...ours] },
		{ ...base, plugins: [referenceOpenAPI(), ...reference] },
	);
}

async function documents(pair: Pair, path = "/open-api/generate-schema") {
	const { ours, reference } = await pair.request(path);
	expect(ours.status).toBe(reference.status);
	return { ours: (await ours.json()) as Doc, reference: (await reference.json()) as Doc };
}

/** "METHOD /path" for every operation, sorted. */
const operations = (doc: Doc) =>
	Object.entries<Doc>(doc.paths)
		.flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
		.sort();

/** "METHOD /path → tags". */
const tagsOf = (doc: Doc) =>
	Object.entries<Doc>(doc.paths)
		.flatMap(([path, item]) => Object.entries<Doc>(item).map(([m, op]) => `${m} ${path} → ${op.tags.join(",")}`))
		.sort();

describe("compat: openAPI plugin", () => {
	it("has the same top-level keys, version line, servers and security schemes", async () => {
		const { ours, reference } = await documents(await pairFor());
		expect(Object.keys(ours)).toEqual(Object.keys(reference));
		expect(ours.openapi).toBe(reference.openapi);
		expect(ours.info).toEqual(reference.info);
		expect(ours.servers).toEqual(reference.servers);
		expect(ours.security).toEqual(reference.security);
		expect(ours.components.securitySchemes).toEqual(reference.components.securitySchemes);
	});

	it("lists the same paths and methods for a core-only instance", async () => {
		const { ours, reference } = await documents(await pairFor());
		expect(operations(ours)).toEqual(operations(reference));
		expect(tagsOf(ours)).toEqual(tagsOf(reference));
	});

	it("lists the same paths, methods and tags with plugins", async () => {
		const { ours, reference } = await documents(
			await pairFor([username(), twoFactor()], [referenceUsername(), referenceTwoFactor()]),
		);
		expect(operations(ours)).toEqual(operations(reference));
		expect(tagsOf(ours)).toEqual(tagsOf(reference));
	});

	it("has the same component schemas (names, properties, required)", async () => {
		const { ours, reference } = await documents(
			await pairFor([username(), twoFactor()], [referenceUsername(), referenceTwoFactor()]),
		);
		expect(Object.keys(ours.components.schemas)).toEqual(Object.keys(reference.components.schemas));
		for (const [name, schema] of Object.entries<Doc>(reference.components.schemas)) {
			const mine = ours.components.schemas[name];
			expect(Object.keys(mine.properties).sort(), name).toEqual(Object.keys(schema.properties).sort());
			// Plugin tables: 1.7 lists as required only fields that say `required: true`; ours follows
			// the schema model, where a field is required unless it says otherwise (see the docs).
			if (["User", "Session", "Account", "Verification"].includes(name)) {
				expect([...mine.required].sort(), name).toEqual([...schema.required].sort());
			}
		}
	});

	it("describes the /sign-in/email body and /get-session query alike", async () => {
		const { ours, reference } = await documents(await pairFor());
		const body = (doc: Doc) => doc.paths["/sign-in/email"].post.requestBody.content["application/json"].schema;
		expect(Object.keys(body(ours).properties).sort()).toEqual(Object.keys(body(reference).properties).sort());
		expect(body(ours).required).toEqual(body(reference).required);
		const names = (doc: Doc) => doc.paths["/get-session"].get.parameters.map((p: Doc) => p.name);
		expect(names(ours)).toEqual(names(reference));
	});

	it("serves the reference page at the same places", async () => {
		const pair = await pairFor();
		for (const [path, method] of [
			["/reference", "GET"],
			["/reference", "POST"],
			["/open-api/generate-schema", "POST"],
		]) {
			const { ours, reference } = await pair.request(path, { method });
			expect(ours.status, `${method} ${path}`).toBe(reference.status);
			if (reference.status === 200) {
				expect(ours.headers.get("content-type")).toMatch(/text\/html/);
				expect(reference.headers.get("content-type")).toMatch(/text\/html/);
			}
		}
	});

	it("honours path and disableDefaultReference alike", async () => {
		const base = { logger: { disabled: true } };
		for (const options of [{ path: "/docs" }, { disableDefaultReference: true }]) {
			const pair = await createPair(
				{ ...base, plugins: [openAPI(options)] },
				{ ...base, plugins: [referenceOpenAPI(options)] },
			);
			for (const path of ["/docs", "/reference", "/open-api/generate-schema"]) {
				const { ours, reference } = await pair.request(path);
				expect(ours.status, `${JSON.stringify(options)} ${path}`).toBe(reference.status);
			}
		}
	});
});
