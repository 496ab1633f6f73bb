import { describe, expect, it } from "vitest";
import { BASE_URL, createPair, read, shapeOf } from "./harness";

type Mail = { kind: string; url: string; token: string };

async function setup() {
	const mails: Mail[] = [];
	const pair = await createPair({
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
	const each = async (
		path: (side: "ours" | "reference", mail?: Mail) => string,
		bodyOf?: unknown | ((side: "ours" | "reference", mail?: Mail) => unknown),
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
					headers: body === undefined ? {} : { "content-type": "application/json", origin: BASE_URL },
					body: body === undefined ? undefined : JSON.stringify(body),
				}),
			);
			const mail = mails.length > mailBefore ? mails.at(-1) : undefined;
			if (mail) lastMail[side] = mail;
			out[side] = { ...(await read(response)), location: response.headers.get("location"), mail };
		}
		expect(out.ours.status).toBe(out.reference.status);
		expect(shapeOf(out.ours.body)).toEqual(shapeOf(out.reference.body));
		expect(out.ours.body).toEqual(
			typeof out.reference.body === "object" && out.reference.body && "token" in out.reference.body
				? expect.anything()
				: out.reference.body,
		);
		return out;
	};
	const lastMail: Record<"ours" | "reference", Mail | undefined> = { ours: undefined, reference: undefined };
	return { each, lastMail };
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
