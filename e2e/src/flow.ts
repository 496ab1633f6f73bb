/**
 * The flow every framework runs over real HTTP: sign up, sign in from a second "browser", read
 * the session, sign out, and see the session gone — server-side, not only the cookie.
 */
import { expect } from "vitest";
import { createCookieJar } from "./cookie-jar";

const SESSION_COOKIE = "better-auth.session_token";

export async function runAuthFlow(baseURL: string, user = { email: "e2e@example.com", name: "E2E User" }) {
	const password = "correct-horse-battery";
	const api = (path: string) => `${baseURL}/api/auth${path}`;
	// Browsers send Origin on POST; the auth server checks it against baseURL.
	const post = (body?: unknown): RequestInit => {
		const headers: Record<string, string> = { origin: baseURL };
		if (body === undefined) return { method: "POST", headers };
		headers["content-type"] = "application/json";
		return { method: "POST", headers, body: JSON.stringify(body) };
	};

	const ok = await fetch(api("/ok"));
	expect(ok.status).toBe(200);
	expect(await ok.json()).toEqual({ ok: true });

	const signUpJar = createCookieJar();
	const signUp = await signUpJar.fetch(api("/sign-up/email"), post({ ...user, password }));
	expect(signUp.status).toBe(200);
	const created = await signUp.json();
	expect(created.user).toMatchObject({ email: user.email, name: user.name });
	expect(signUpJar.get(SESSION_COOKIE)).toBeTruthy();

	const wrong = await fetch(api("/sign-in/email"), post({ email: user.email, password: "wrong-password" }));
	expect(wrong.status).toBe(401);
	expect((await wrong.json()).code).toBe("INVALID_EMAIL_OR_PASSWORD");

	const jar = createCookieJar();
	const signIn = await jar.fetch(api("/sign-in/email"), post({ email: user.email, password }));
	expect(signIn.status).toBe(200);
	expect((await signIn.json()).user.id).toBe(created.user.id);
	expect(jar.get(SESSION_COOKIE)).toBeTruthy();
	expect(jar.get(SESSION_COOKIE)).not.toBe(signUpJar.get(SESSION_COOKIE));

	// Two Set-Cookie headers in one response (session token and "don't remember"): both must
	// arrive as separate headers, or the second is lost inside the first.
	const shortJar = createCookieJar();
	const shortSignIn = await shortJar.fetch(
		api("/sign-in/email"),
		post({ email: user.email, password, rememberMe: false }),
	);
	expect(shortSignIn.status).toBe(200);
	expect(shortSignIn.headers.getSetCookie().map((cookie) => cookie.split("=")[0])).toEqual(
		expect.arrayContaining([SESSION_COOKIE, "better-auth.dont_remember"]),
	);
	expect((await (await shortJar.fetch(api("/get-session"))).json()).user.email).toBe(user.email);

	const session = await jar.fetch(api("/get-session"));
	expect(session.status).toBe(200);
	const current = await session.json();
	expect(current.user).toMatchObject({ id: created.user.id, email: user.email, name: user.name });
	expect(current.session.userId).toBe(created.user.id);

	const staleCookie = jar.header();
	const signOut = await jar.fetch(api("/sign-out"), post());
	expect(signOut.status).toBe(200);
	expect(await signOut.json()).toEqual({ success: true });
	expect(jar.get(SESSION_COOKIE)).toBeUndefined();

	const afterSignOut = await jar.fetch(api("/get-session"));
	expect(afterSignOut.status).toBe(200);
	expect(await afterSignOut.json()).toBeNull();
	// The old cookie is worthless too: the session was deleted on the server.
	const replayed = await fetch(api("/get-session"), { headers: { cookie: staleCookie } });
	expect(await replayed.json()).toBeNull();

	// The sign-up browser's session is untouched by the other browser signing out.
	const other = await signUpJar.fetch(api("/get-session"));
	expect((await other.json()).user.email).toBe(user.email);
	return { userId: created.user.id as string };
}
