/**
 * The username plugin against better-auth 1.7.24: sign-up and update-user validation, sign-in by
 * username, availability checks. Same statuses, error codes, body shapes, cookies and rows.
 * Not compared here (deliberate differences, see docs/plugins/username.md): non-string usernames,
 * and sign-in by username with email and password turned off.
 */

import { type UsernameOptions, username } from "better-auth/plugins";
import { username as referenceUsername } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { agree, BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read } from "./harness";

const password = "password123";

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

function pairFor(options: UsernameOptions = {}, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [username(options)] },
		{ ...base, plugins: [referenceUsername(options as never)] },
	);
}

async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	agree(path, a, b);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference, body: a.body };
}

const rows = (side: Pair["ours"]) =>
	side.database.prepare("select email, username, displayUsername from user order by email").all();

describe("compat: username plugin", () => {
	it("adds the same columns", async () => {
		const pair = await pairFor();
		const columns = (side: Pair["ours"]) =>
			(side.database.prepare("pragma table_info(user)").all() as { name: string; notnull: number }[])
				.filter((column) => column.name.toLowerCase().includes("username"))
				.map(({ name, notnull }) => ({ name, notnull }));
		expect(columns(pair.ours)).toEqual(columns(pair.reference));
		const unique = (side: Pair["ours"]) =>
			(
				side.database.prepare("select sql from sqlite_master where name = 'user'").get() as { sql: string }
			).sql.includes('"username" text unique');
		expect(unique(pair.ours)).toBe(true);
		expect(unique(pair.reference)).toBe(true);
	});

	it("sign-up: normalization, display username, each error code", async () => {
		const pair = await pairFor();
		const signUp = (email: string, body: Options) => json({ email, password, name: "U", ...body });
		await same(pair, "/sign-up/email", signUp("a@x.com", { username: "TestUser" }));
		for (const body of [
			{ username: "testuser" },
			{ username: "ab" },
			{ username: "" },
			{ username: "a".repeat(31) },
			{ username: "bad name!" },
			{ username: " spaced " },
			{ username: "ÄÖÜname" },
			{ username: "bad name", password: "short" },
			{ displayUsername: "TESTUSER" },
		]) {
			await same(pair, "/sign-up/email", signUp("b@x.com", body));
		}
		await same(pair, "/sign-up/email", signUp("a@x.com", { username: "fresh" }));
		await same(pair, "/sign-up/email", signUp("b@x.com", { displayUsername: "Disp_Only" }));
		await same(pair, "/sign-up/email", signUp("c@x.com", { displayUsername: "x" }));
		await same(pair, "/sign-up/email", signUp("d@x.com", { username: "dname", displayUsername: "D Name!" }));
		await same(pair, "/sign-up/email", signUp("e@x.com", {}));
		await same(pair, "/sign-up/email", signUp("f@x.com", { username: null }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("sign-in/username: success, each failure, malformed input", async () => {
		const pair = await pairFor();
		await same(pair, "/sign-up/email", json({ email: "a@x.com", password, name: "A", username: "TestUser" }));
		for (const body of [
			{ username: "TESTUSER", password },
			{ username: "testuser", password: "wrong-password" },
			{ username: "testuser", password: "" },
			{ username: "nobody", password },
			{ username: "ab", password },
			{ username: "a".repeat(31), password },
			{ username: "bad name!", password },
			{ username: "testuser" },
			{ password },
			{ username: 5, password },
			"not an object",
			{ username: "testuser", password, rememberMe: false, callbackURL: "/dash" },
			{ username: "testuser", password, callbackURL: "http://evil.com" },
		]) {
			await same(pair, "/sign-in/username", json(body));
		}
	});

	it("sign-in/username refuses an unverified email after the password check", async () => {
		const pair = await pairFor(
			{},
			{
				emailAndPassword: { enabled: true, requireEmailVerification: true },
				emailVerification: { sendVerificationEmail: async () => {} },
			},
		);
		await same(pair, "/sign-up/email", json({ email: "a@x.com", password, name: "A", username: "someone" }));
		await same(pair, "/sign-in/username", json({ username: "someone", password: "wrong-password" }));
		await same(pair, "/sign-in/username", json({ username: "someone", password }));
	});

	it("is-username-available", async () => {
		const pair = await pairFor();
		await same(pair, "/sign-up/email", json({ email: "a@x.com", password, name: "A", username: "TestUser" }));
		for (const body of [
			{ username: "TestUser" },
			{ username: "free_one" },
			{ username: "ab" },
			{ username: "a".repeat(31) },
			{ username: "bad name" },
			{},
			{ username: 5 },
		]) {
			const { body: answer } = await same(pair, "/is-username-available", json(body));
			if (body.username === "TestUser") expect(answer).toEqual({ available: false });
		}
		await same(pair, "/is-username-available", { method: "POST", headers: { origin: BASE_URL } });
	});

	it("update-user: own, taken, malformed, display username", async () => {
		const pair = await pairFor({ displayUsernameValidator: (name) => !name.includes("!") });
		await same(pair, "/sign-up/email", json({ email: "b@x.com", password, name: "B", username: "other" }));
		const { ours, reference } = await same(
			pair,
			"/sign-up/email",
			json({ email: "a@x.com", password, name: "A", username: "TestUser" }),
		);
		const cookies = { ours: cookieOf(ours), reference: cookieOf(reference) };
		const update = async (body: Options) => {
			const url = `${BASE_URL}/api/auth/update-user`;
			const a = await read(await pair.ours.handler(new Request(url, json(body, { cookie: cookies.ours }))));
			const b = await read(await pair.reference.handler(new Request(url, json(body, { cookie: cookies.reference }))));
			agree(`/update-user ${JSON.stringify(body)}`, a, b);
		};
		for (const body of [
			{ username: "testuser" },
			{ username: "OTHER" },
			{ username: "ab" },
			{ username: "bad name" },
			{ displayUsername: "x!" },
			{ username: "ab", displayUsername: "x!" },
			{ username: "NewName" },
			{ displayUsername: "Another" },
			{ name: "Renamed" },
		]) {
			await update(body);
		}
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		// Without a session: validation still comes first.
		await same(pair, "/update-user", json({ username: "bad name" }));
		await same(pair, "/update-user", json({ username: "other" }));
		await same(pair, "/update-user", json({ username: "free_name" }));
	});

	it("options: lengths, validators, normalizers, validation order", async () => {
		const custom = await pairFor({
			minUsernameLength: 5,
			maxUsernameLength: 8,
			usernameValidator: (name) => name !== "admin5",
			displayUsernameValidator: (name) => !name.includes("!"),
			usernameNormalization: (name) => name.toUpperCase(),
			displayUsernameNormalization: (name) => name.trim(),
		});
		const signUp = (email: string, body: Options) => json({ email, password, name: "U", ...body });
		for (const body of [
			{ username: "abcd" },
			{ username: "abcdefghi" },
			{ username: "admin5" },
			{ username: "hello", displayUsername: "Hi!" },
			{ username: "ab", displayUsername: "Hi!" },
			{ username: "hello", displayUsername: "  Hi  " },
		]) {
			await same(custom, "/sign-up/email", signUp("a@x.com", body));
		}
		await same(custom, "/sign-up/email", signUp("c@x.com", { displayUsername: " Byeee " }));
		await same(custom, "/sign-in/username", json({ username: "hello", password }));
		await same(custom, "/is-username-available", json({ username: "admin5" }));
		expect(rows(custom.ours)).toEqual(rows(custom.reference));

		const plain = await pairFor({ usernameNormalization: false });
		await same(plain, "/sign-up/email", signUp("a@x.com", { username: "MixedCase" }));
		await same(plain, "/sign-in/username", json({ username: "mixedcase", password }));
		await same(plain, "/sign-in/username", json({ username: "MixedCase", password }));
		const available = await same(plain, "/is-username-available", json({ username: "mixedcase" }));
		expect(available.body).toEqual({ available: true });
		expect(rows(plain.ours)).toEqual(rows(plain.reference));

		const post = await pairFor({
			usernameNormalization: (name) => name.replace(/-/g, ""),
			displayUsernameNormalization: (name) => name.toUpperCase(),
			displayUsernameValidator: (name) => name === name.toUpperCase(),
			validationOrder: { username: "post-normalization", displayUsername: "post-normalization" },
		});
		await same(post, "/sign-up/email", signUp("a@x.com", { username: "ab-c-d", displayUsername: "lower" }));
		await same(post, "/sign-in/username", json({ username: "ab-c-d", password }));
		await same(post, "/is-username-available", json({ username: "ab-cd" }));
		expect(rows(post.ours)).toEqual(rows(post.reference));
	});

	it("exposes the same error codes", () => {
		const ours = username().$ERROR_CODES;
		const reference = referenceUsername().$ERROR_CODES as Record<string, { code: string; message: string }>;
		expect(Object.keys(ours).sort()).toEqual(Object.keys(reference).sort());
		for (const [key, value] of Object.entries(reference)) {
			expect(ours[key as keyof typeof ours]).toEqual({ code: value.code, message: value.message });
		}
	});
});
