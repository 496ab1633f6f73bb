import { BetterAuthError } from "@better-auth/core/error";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type AuthorizeResponse, createAccessControl, type Role, role } from "./index";

const statements = { project: ["create", "update", "delete"], user: ["ban"] } as const;
const ac = createAccessControl(statements);
const editor = ac.newRole({ project: ["create", "update"], user: ["ban"] });
const viewer = ac.newRole({ project: ["create", "update"] });

describe("createAccessControl", () => {
	it("keeps the statements and builds roles from subsets", () => {
		expect(ac.statements).toBe(statements);
		expect(viewer.statements).toEqual({ project: ["create", "update"] });
		expectTypeOf(viewer).toExtend<Role<{ readonly project: readonly ["create", "update"] }>>();
	});

	it("refuses, at the type level, actions the statements do not have", () => {
		// @ts-expect-error "fly" is not an action of project
		ac.newRole({ project: ["fly"] });
		// @ts-expect-error "team" is not a resource
		ac.newRole({ team: ["create"] });
		expect(true).toBe(true);
	});
});

describe("role.authorize", () => {
	const cases: [string, Record<string, unknown>, "AND" | "OR" | undefined, AuthorizeResponse][] = [
		["granted action", { project: ["create"] }, undefined, { success: true }],
		["duplicates are fine", { project: ["create", "create"] }, undefined, { success: true }],
		[
			"one action not granted",
			{ project: ["create", "delete"] },
			undefined,
			{ success: false, error: 'unauthorized to access resource "project"' },
		],
		[
			"a resource the role lacks",
			{ user: ["ban"] },
			undefined,
			{ success: false, error: "You are not allowed to access resource: user" },
		],
		[
			"an unknown resource",
			{ nope: ["x"] },
			undefined,
			{ success: false, error: "You are not allowed to access resource: nope" },
		],
		["an empty request", {}, undefined, { success: false, error: "Not authorized" }],
		[
			"an empty action list",
			{ project: [] },
			undefined,
			{ success: false, error: 'unauthorized to access resource "project"' },
		],
		["actions with OR", { project: { actions: ["create", "delete"], connector: "OR" } }, undefined, { success: true }],
		[
			"actions with AND",
			{ project: { actions: ["create", "delete"], connector: "AND" } },
			undefined,
			{ success: false, error: 'unauthorized to access resource "project"' },
		],
		[
			"actions without a connector mean AND",
			{ project: { actions: ["create", "delete"] } },
			undefined,
			{ success: false, error: 'unauthorized to access resource "project"' },
		],
		[
			"empty actions with OR",
			{ project: { actions: [], connector: "OR" } },
			undefined,
			{ success: false, error: 'unauthorized to access resource "project"' },
		],
		["OR: one granted resource is enough", { project: ["delete"], user: ["ban"] }, "OR", { success: true }],
		["OR: unknown resources are skipped", { nope: ["y"], project: ["create"] }, "OR", { success: true }],
		["OR: nothing granted", { nope: ["y"], project: ["delete"] }, "OR", { success: false, error: "Not authorized" }],
	];

	for (const [name, request, connector, expected] of cases) {
		it(name, () => {
			const subject = name.includes("lacks") || name.startsWith("OR: nothing") ? viewer : editor;
			expect(subject.authorize(request as never, connector)).toEqual(expected);
		});
	}

	it("AND: every resource must pass", () => {
		expect(editor.authorize({ project: ["create"], user: ["ban"] })).toEqual({ success: true });
		expect(editor.authorize({ project: ["create"], user: ["x" as "ban"] })).toEqual({
			success: false,
			error: 'unauthorized to access resource "user"',
		});
	});

	it("throws on a malformed request", () => {
		expect(() => editor.authorize({ project: "create" } as never)).toThrow(BetterAuthError);
		expect(() => editor.authorize({ project: null } as never)).toThrow("Invalid access control request");
		expect(() => editor.authorize(null as never)).toThrow(BetterAuthError);
	});

	it("does not treat inherited keys as resources", () => {
		expect(editor.authorize({ toString: ["x"] } as never)).toEqual({
			success: false,
			error: "You are not allowed to access resource: toString",
		});
	});
});

describe("role()", () => {
	it("builds a role without an access controller", () => {
		const standalone = role({ a: ["b"] });
		expect(standalone.authorize({ a: ["b"] })).toEqual({ success: true });
		expect(Object.keys(standalone).sort()).toEqual(["authorize", "statements"]);
	});
});
