import type { BetterAuthClientPlugin, BetterAuthPlugin, ClientFetchError, Session, User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { defineErrorCodes } from "@better-auth/core/error";
import { atom } from "nanostores";
import type { Accessor } from "solid-js";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod";
import { betterAuth } from "../auth";
import { createAuthClient } from "./index";
import { inferAdditionalFields } from "./plugins";
import { createAuthClient as createReactClient } from "./react";
import { createAuthClient as createSolidClient } from "./solid";
import { createAuthClient as createSvelteClient } from "./svelte";
import type { ClientResult } from "./types";
import { createAuthClient as createVueClient } from "./vue";

const answer = (body: unknown) => ({ customFetchImpl: async () => Response.json(body) });

// A server plugin and its client plugin, as a plugin folder would have them.
const NOTES_ERROR_CODES = defineErrorCodes({ NOTE_NOT_FOUND: "Note not found" });
const notes = () =>
	({
		id: "notes",
		endpoints: {
			createNote: createAuthEndpoint(
				"/notes/create-note",
				{ method: "POST", body: z.object({ text: z.string(), pinned: z.boolean().optional() }) },
				async (ctx) => ctx.json({ id: "n1", text: ctx.body.text }),
			),
			listNotes: createAuthEndpoint(
				"/notes/list",
				{ method: "GET", query: z.object({ limit: z.string().optional() }).optional() },
				async (ctx) => ctx.json([{ id: "n1", text: "hi", createdAt: new Date() }]),
			),
			purgeNotes: createAuthEndpoint("/notes/purge", { method: "POST", metadata: { SERVER_ONLY: true } }, async (ctx) =>
				ctx.json({ purged: 1 }),
			),
		},
		schema: { user: { fields: { noteCount: { type: "number", required: false, input: false } } } },
		$ERROR_CODES: NOTES_ERROR_CODES,
	}) satisfies BetterAuthPlugin;

const notesClient = () =>
	({
		id: "notes",
		$InferServerPlugin: {} as ReturnType<typeof notes>,
		getActions: () => ({ notes: { count: (list: unknown[]) => list.length } }),
		getAtoms: () => ({ draft: atom<string | null>(null), $notesSignal: atom(false) }),
		pathMethods: { "/notes/list": "GET" },
		$ERROR_CODES: NOTES_ERROR_CODES,
	}) satisfies BetterAuthClientPlugin;

describe("client types", () => {
	it("core endpoints: bodies, queries and results from the server's endpoints", async () => {
		const client = createAuthClient({ baseURL: "http://localhost:3000", fetchOptions: answer({ ok: true }) });
		const signIn = await client.signIn.email({ email: "a@example.com", password: "password123" });
		expectTypeOf(signIn.data?.user).toEqualTypeOf<User | undefined>();
		expectTypeOf(signIn.error).toEqualTypeOf<ClientFetchError | null>();
		expect(signIn.data).toEqual({ ok: true });

		expectTypeOf(client.signIn.email).parameter(0).toHaveProperty("password").toEqualTypeOf<string>();
		// @ts-expect-error: password is required.
		await client.signIn.email({ email: "a@example.com" });
		// @ts-expect-error: verifyEmail needs its query (the token).
		await client.verifyEmail();
		await client.verifyEmail({ query: { token: "t" } });

		const session = await client.getSession();
		expectTypeOf(session.data).toEqualTypeOf<{ session: Session; user: User } | null>();
		const sessions = await client.listSessions();
		expectTypeOf(sessions.data).toEqualTypeOf<Session[] | null>();
		const signOut = await client.signOut();
		expectTypeOf(signOut).toEqualTypeOf<ClientResult<{ success: boolean }>>();

		// Server-only endpoints are not on the client.
		expectTypeOf(client).not.toHaveProperty("setPassword");
		expectTypeOf(client).not.toHaveProperty("error");
		expectTypeOf(client.resetPassword).not.toHaveProperty(":token");
	});

	it("without options: the core endpoints and the core session", () => {
		const client = createAuthClient();
		expectTypeOf<typeof client.$Infer.Session>().toEqualTypeOf<{ session: Session; user: User }>();
		expectTypeOf(client.useSession.get().data).toEqualTypeOf<{ session: Session; user: User } | null>();
		expectTypeOf(client.signIn.email).toBeFunction();
		expect(typeof client.signIn.email).toBe("function");
	});

	it("throw: true (per call or client-wide) makes results plain data", async () => {
		const client = createAuthClient({ baseURL: "http://localhost:3000", fetchOptions: answer({ success: true }) });
		const data = await client.signOut({}, { throw: true });
		expectTypeOf(data).toEqualTypeOf<{ success: boolean }>();
		expect(data).toEqual({ success: true });
		const throwing = createAuthClient({
			baseURL: "http://localhost:3000",
			fetchOptions: { throw: true, ...answer({ success: true }) },
		});
		expectTypeOf(await throwing.signOut()).toEqualTypeOf<{ success: boolean }>();
	});

	it("plugins: inferred endpoints, schema fields, actions, atoms and error codes", async () => {
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			plugins: [notesClient()],
			fetchOptions: answer({ id: "n1", text: "hi" }),
		});
		const created = await client.notes.createNote({ text: "hi" });
		expectTypeOf(created.data).toEqualTypeOf<{ id: string; text: string } | null>();
		expect(created.data).toEqual({ id: "n1", text: "hi" });
		await client.notes.list();
		await client.notes.list({ query: { limit: "5" } });
		// @ts-expect-error: limit is a string (query values travel as text).
		await client.notes.list({ query: { limit: 5 } });
		expectTypeOf(client.notes).not.toHaveProperty("purge");
		expectTypeOf(client.notes.count).toEqualTypeOf<(list: unknown[]) => number>();
		expectTypeOf(client.useDraft.get()).toEqualTypeOf<string | null>();
		expectTypeOf(client).not.toHaveProperty("use$notesSignal");
		expectTypeOf(client.$ERROR_CODES.NOTE_NOT_FOUND.code).toEqualTypeOf<"NOTE_NOT_FOUND">();
		expectTypeOf(client.$ERROR_CODES.USER_NOT_FOUND.code).toEqualTypeOf<"USER_NOT_FOUND">();
		// A plugin's user fields reach the session; `input: false` keeps them out of sign-up.
		expectTypeOf<(typeof client.$Infer.Session)["user"]["noteCount"]>().toEqualTypeOf<number | null | undefined>();
		// @ts-expect-error: noteCount is not an input field.
		await client.signUp.email({ email: "a@example.com", password: "p", name: "A", noteCount: 1 });
	});

	it("inferAdditionalFields<typeof auth>(): sessions, sign-up and update-user bodies, responses", async () => {
		const auth = betterAuth({
			secret: "s".repeat(32),
			user: {
				additionalFields: {
					role: { type: "string", required: true },
					nickname: { type: "string", required: false },
					internal: { type: "string", required: false, returned: false },
					plan: { type: ["free", "pro"], required: false, input: false },
				},
			},
			session: { additionalFields: { device: { type: "string", required: false } } },
		});
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			plugins: [inferAdditionalFields<typeof auth>()],
			fetchOptions: answer({ token: "t", user: { role: "admin" } }),
		});
		type Infer = typeof client.$Infer.Session;
		expectTypeOf<Infer["user"]["role"]>().toEqualTypeOf<string>();
		expectTypeOf<Infer["user"]["nickname"]>().toEqualTypeOf<string | null | undefined>();
		expectTypeOf<Infer["user"]["plan"]>().toEqualTypeOf<"free" | "pro" | null | undefined>();
		expectTypeOf<Infer["user"]>().not.toHaveProperty("internal");
		expectTypeOf<Infer["session"]["device"]>().toEqualTypeOf<string | null | undefined>();
		expectTypeOf(client.useSession.get().data).toEqualTypeOf<Infer | null>();

		const signedUp = await client.signUp.email({ email: "a@example.com", password: "p", name: "A", role: "admin" });
		expectTypeOf(signedUp.data?.user.role).toEqualTypeOf<string | undefined>();
		expect(signedUp.data?.user.role).toBe("admin");
		// @ts-expect-error: role is required at sign-up.
		await client.signUp.email({ email: "a@example.com", password: "p", name: "A" });
		// @ts-expect-error: plan is not an input field.
		await client.signUp.email({ email: "a@example.com", password: "p", name: "A", role: "x", plan: "pro" });
		await client.updateUser({ nickname: "nick" });
		// @ts-expect-error: role is a string.
		await client.updateUser({ role: 1 });
	});

	it("inferAdditionalFields({ user: {...} }): fields spelled out for a separate client project", () => {
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			plugins: [inferAdditionalFields({ user: { role: { type: "string" } } })],
		});
		expectTypeOf<(typeof client.$Infer.Session)["user"]["role"]>().toEqualTypeOf<string>();
		expectTypeOf<(typeof client.$Infer.Session)["session"]>().toEqualTypeOf<Session>();
	});

	it("a plugin's get-session endpoint replaces the core one: custom session inference", async () => {
		const customSession = {
			id: "custom-session",
			endpoints: {
				getSession: createAuthEndpoint("/get-session", { method: "GET" }, async (ctx) =>
					ctx.json({ user: { id: "u1", name: "A" }, session: { id: "s1" }, roles: ["admin"] } as {
						user: Pick<User, "id" | "name">;
						session: Pick<Session, "id">;
						roles: string[];
					} | null),
				),
			},
		} satisfies BetterAuthPlugin;
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			plugins: [{ id: "custom-session", $InferServerPlugin: {} as typeof customSession }],
			fetchOptions: answer({ user: { id: "u1", name: "A" }, session: { id: "s1" }, roles: ["admin"] }),
		});
		expectTypeOf<typeof client.$Infer.Session>().toEqualTypeOf<{
			user: Pick<User, "id" | "name">;
			session: Pick<Session, "id">;
			roles: string[];
		}>();
		const { data } = await client.getSession();
		expect(data?.roles).toEqual(["admin"]);
	});

	it("each framework turns atoms into its own reactive value", () => {
		const options = { baseURL: "http://localhost:3000", plugins: [notesClient()] };
		type SessionValue = ReturnType<ReturnType<typeof createAuthClient<typeof options>>["useSession"]["get"]>;
		expectTypeOf(createReactClient(options).useSession).returns.toEqualTypeOf<SessionValue>();
		expectTypeOf(createReactClient(options).useDraft).returns.toEqualTypeOf<string | null>();
		expectTypeOf(createSolidClient(options).useSession).returns.toEqualTypeOf<Accessor<SessionValue>>();
		expectTypeOf(createSvelteClient(options).useSession).returns.toHaveProperty("subscribe");
		expectTypeOf(createVueClient(options).useSession).returns.toHaveProperty("value");
		expectTypeOf<SessionValue>().toHaveProperty("refetch");
		expectTypeOf<SessionValue["isPending"]>().toEqualTypeOf<boolean>();
	});
});
