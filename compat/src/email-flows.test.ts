import { describe, expect, it } from "vitest";
import { BASE_URL, createPair, read, shapeOf } from "./harness";

type Mail = { kind: string; url: string; token: string };

async function setup(extra: Record<string, unknown> = {}) {
	const mails: Mail[] = [];
	const pair = await createPair({
		...extra,
		emailAndPassword: {
			enabled: true,
			sendResetPassword: async ({ url, token }: Mail) => void mails.push({ kind: "reset", url, token }),
		},
		emailVerification: {
			sendVerificationEmail: async ({ url, token }: Mail) => void mails.push({ kind: "verify", url, token }),
		},
	});
	const sides = { ours: pair.ours, reference: pair.reference };
	/** Runs the request on one side, then the other, so each side's email is the last one sent. */
	const cookies: Record<"ours" | "reference", string> = { ours: "", reference: "" };
	const each = async (
		path: (side: "ours" | "reference", mail?: Mail) => string,
		bodyOf?: unknown | ((side: "ours" | "reference", mail?: Mail) => unknown),
		keepCookie = false,
	) => {
		const out = {} as Record<
			"ours" | "reference",
			{ status: number; body: unknown; location: string | null; mail?: Mail }
		>;
		for (const side of ["ours", "reference"] as const) {
			const mailBefore = mails.length;
			const body = typeof bodyOf === "function" ? bodyOf(side, lastMail[side]) : bodyOf;
			const response = await sides[side].handler(
				new Request(`${BASE_URL}/api/auth${path(side, lastMail[side])}`, {
					method: body === undefined ? "GET" : "POST",
					headers: {
						origin: BASE_URL,
						...(body === undefined ? {} : { "content-type": "application/json" }),
						...(cookies[side] ? { cookie: cookies[side] } : {}),
					},
					body: body === undefined ? undefined : JSON.stringify(body),
				}),
			);
			const mail = mails.length > mailBefore ? mails.at(-1) : undefined;
			if (keepCookie) {
				cookies[side] = response.headers
					.getSetCookie()
					.map((cookie) => cookie.split(";")[0])
					.join("; ");
			}
			if (mail) lastMail[side] = mail;
			out[side] = { ...(await read(response)), location: response.headers.get("location"), mail };
		}
		expect(out.ours.status).toBe(out.reference.status);
		expect(shapeOf(out.ours.body)).toEqual(shapeOf(out.reference.body));
		// Values are compared too, except ids, tokens and dates inside users and sessions.
		const reference = out.reference.body;
		const hasVolatile =
			typeof reference === "object" &&
			reference !== null &&
			("token" in reference || ("user" in reference && (reference as { user: unknown }).user !== null));
		if (!hasVolatile) expect(out.ours.body).toEqual(reference);
		return out;
	};
	const lastMail: Record<"ours" | "reference", Mail | undefined> = { ours: undefined, reference: undefined };
	return { each, lastMail, pair };
}

describe("compat: password reset and email verification", () => {
	it("reset: request, link, invalid link, short password, reset, reuse", async () => {
		const { each, lastMail } = await setup();
		await each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" });
		await each(() => "/request-password-reset", { email: "nobody@b.com", redirectTo: "/reset" });
		const requested = await each(() => "/request-password-reset", { email: "a@b.com", redirectTo: "/reset" });
		expect(requested.ours.mail?.url.replace(requested.ours.mail.token, "T")).toBe(
			requested.reference.mail?.url.replace(requested.reference.mail.token, "T"),
		);
		expect(lastMail.ours?.token).toMatch(/^[A-Za-z0-9]{24}$/);
		const link = await each((_, mail) => `/reset-password/${mail?.token}?callbackURL=%2Freset`);
		expect(link.ours.location?.replace(/token=\w+/, "token=T")).toBe(
			link.reference.location?.replace(/token=\w+/, "token=T"),
		);
		const bad = await each(() => "/reset-password/not-a-token?callbackURL=%2Freset");
		expect(bad.ours.location).toBe(bad.reference.location);
		await each(() => "/reset-password", { newPassword: "short", token: "x" });
		await each(() => "/reset-password", { newPassword: "newpassword1" });
		const withToken = (_: unknown, mail?: Mail) => ({ newPassword: "newpassword1", token: mail?.token });
		const first = await each(() => "/reset-password", withToken);
		expect(first.ours.status).toBe(200);
		const second = await each(() => "/reset-password", withToken);
		expect(second.ours.status).toBe(400);
		const signIn = await each(() => "/sign-in/email", { email: "a@b.com", password: "newpassword1" });
		expect(signIn.ours.status).toBe(200);
	});

	it("verification: send, invalid token JSON and redirect, verify", async () => {
		const { each } = await setup();
		await each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" });
		const sent = await each(() => "/send-verification-email", { email: "a@b.com", callbackURL: "/done?a=b&c=d" });
		expect(sent.ours.mail?.url.split("?token=")[0]).toBe(sent.reference.mail?.url.split("?token=")[0]);
		expect(sent.ours.mail?.url.split("&callbackURL=")[1]).toBe(sent.reference.mail?.url.split("&callbackURL=")[1]);
		expect(sent.ours.mail?.token.split(".")).toHaveLength(3);
		await each(() => "/send-verification-email", { email: "nobody@b.com" });
		await each(() => "/verify-email?token=bad");
		const badRedirect = await each(() => "/verify-email?token=bad&callbackURL=%2Fdone");
		expect(badRedirect.ours.location).toBe(badRedirect.reference.location);
		await each((_, mail) => `/verify-email?token=${mail?.token}`);
		await each((_, mail) => `/verify-email?token=${mail?.token}`);
	});
});

describe("compat: change email and delete user", () => {
	it("change-email sends a link to the new address; opening it changes the email", async () => {
		const { each, pair } = await setup({ user: { changeEmail: { enabled: true } } });
		await each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" }, true);
		await each(() => "/change-email", { newEmail: "nope" });
		const sent = await each(() => "/change-email", { newEmail: "new@b.com", callbackURL: "/x" });
		expect(sent.ours.mail?.url.split("&callbackURL=")[1]).toBe(sent.reference.mail?.url.split("&callbackURL=")[1]);
		const verified = await each((_, mail) => `/verify-email?token=${mail?.token}`);
		void verified;
		for (const side of [pair.ours, pair.reference]) {
			expect(side.database.prepare(`select email from "user"`).all()).toEqual([{ email: "new@b.com" }]);
		}
	});

	it("change-email is refused when disabled", async () => {
		const { each } = await setup();
		await each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" }, true);
		await each(() => "/change-email", { newEmail: "new@b.com" });
	});

	it("delete-user with a password, a fresh session, or an emailed link", async () => {
		const direct = await setup({ user: { deleteUser: { enabled: true } } });
		await direct.each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" }, true);
		await direct.each(() => "/delete-user", { password: "wrongwrong" });
		await direct.each(() => "/delete-user", {});

		const disabled = await setup();
		await disabled.each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" }, true);
		await disabled.each(() => "/delete-user", {});

		const mails: Mail[] = [];
		const linked = await setup({
			user: { deleteUser: { enabled: true, sendDeleteAccountVerification: async (m: Mail) => void mails.push(m) } },
		});
		await linked.each(() => "/sign-up/email", { email: "a@b.com", password: "password123", name: "A" }, true);
		await linked.each(() => "/delete-user", { callbackURL: "/bye" });
		expect(mails).toHaveLength(2);
		expect(mails[0].token).toMatch(/^[a-z0-9]{32}$/);
		await linked.each(() => "/delete-user/callback?token=bad");
		let index = 0;
		const result = await linked.each(() => `/delete-user/callback?token=${mails[index++].token}&callbackURL=%2Fbye`);
		expect(result.ours.location).toBe(result.reference.location);
		for (const side of [linked.pair.ours, linked.pair.reference]) {
			expect(side.database.prepare(`select count(*) as n from "user"`).get()).toEqual({ n: 0 });
		}
	});
});
