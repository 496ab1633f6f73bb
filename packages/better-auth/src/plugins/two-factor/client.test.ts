import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { twoFactorClient } from "../../client/plugins/two-factor";
import { createClientTestServer } from "../../client/test-utils";
import { twoFactor } from "./index";
import { secretOf } from "./test-helpers";
import { generateTOTP } from "./totp";

const password = "password123";
const code = (secret: string) => generateTOTP(secret, { digits: 6, period: 30 });

async function setup(onTwoFactorRedirect?: (context: { twoFactorMethods?: string[] }) => void) {
	const sent: string[] = [];
	const server = await createClientTestServer({
		plugins: [twoFactor({ otpOptions: { sendOTP: ({ otp }) => void sent.push(otp) } })],
	});
	const client = createAuthClient({
		baseURL: server.baseURL,
		plugins: [twoFactorClient({ onTwoFactorRedirect })],
		fetchOptions: { customFetchImpl: server.customFetchImpl },
	});
	return { server, client, sent };
}

describe("twoFactorClient", () => {
	it("enrols, signs in through the redirect callback, and verifies each way", async () => {
		const redirects: unknown[] = [];
		const { server, client, sent } = await setup((context) => void redirects.push(context));
		expectTypeOf(client.twoFactor.enable).toBeFunction();
		expectTypeOf(client.twoFactor.verifyTotp).toBeFunction();
		expectTypeOf(client.twoFactor.verifyOtp).toBeFunction();
		expectTypeOf(client.twoFactor.sendOtp).toBeFunction();
		expectTypeOf(client.twoFactor.verifyBackupCode).toBeFunction();
		expectTypeOf(client.twoFactor.generateBackupCodes).toBeFunction();
		expectTypeOf(client.twoFactor.getTotpUri).toBeFunction();
		expectTypeOf(client.twoFactor.disable).toBeFunction();
		// Server-only endpoints stay off the client.
		expectTypeOf(client.twoFactor).not.toHaveProperty("viewBackupCodes");
		expectTypeOf(client).not.toHaveProperty("totp");

		await client.signUp.email({ email: "a@x.com", password, name: "A" });
		const enabled = await client.twoFactor.enable({ password });
		expectTypeOf<NonNullable<typeof enabled.data>["method"]>().toEqualTypeOf<"otp" | "totp">();
		const uri = enabled.data && "totpURI" in enabled.data ? enabled.data.totpURI : "";
		const backupCodes = enabled.data && "backupCodes" in enabled.data ? enabled.data.backupCodes : [];
		const secret = secretOf(uri);
		const verified = await client.twoFactor.verifyTotp({ code: code(secret) });
		expect(verified.data?.user.twoFactorEnabled).toBe(true);
		const session = await client.getSession();
		expect(session.data?.user.twoFactorEnabled).toBe(true);
		await client.signOut();

		let signals = 0;
		const unsubscribe = client.$store.listen("$sessionSignal", () => {
			signals++;
		});
		const signedIn = await client.signIn.email({ email: "a@x.com", password });
		expect(signedIn.data).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
		expect(redirects).toEqual([{ twoFactorMethods: ["totp", "otp"] }]);
		expect(server.jar.has("better-auth.two_factor")).toBe(true);
		expect((await client.getSession()).data).toBeNull();

		// send-otp has no body: the plugin makes it a POST.
		expect((await client.twoFactor.sendOtp()).data).toEqual({ status: true });
		expect(server.requests.at(-1)).toEqual({ method: "POST", path: "/two-factor/send-otp" });
		const wrong = await client.twoFactor.verifyOtp({ code: "bad" });
		expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_CODE" });
		const done = await client.twoFactor.verifyOtp({ code: sent.at(-1) as string, trustDevice: true });
		expect(done.data?.token).toEqual(expect.any(String));
		// The sign-in, send-otp and the right verify-otp raised the session signal; the wrong code did not.
		expect(signals).toBe(3);
		unsubscribe();
		expect((await client.getSession()).data?.user.email).toBe("a@x.com");

		await client.signOut();
		// The trusted device skips the challenge.
		const trusted = await client.signIn.email({ email: "a@x.com", password });
		expect(trusted.data).toMatchObject({ token: expect.any(String) });
		expect(redirects).toHaveLength(1);
		await client.signOut();
		server.jar.delete("better-auth.trust_device");
		await client.signIn.email({ email: "a@x.com", password });
		const backup = await client.twoFactor.verifyBackupCode({ code: backupCodes[0] });
		expect(backup.data?.user.email).toBe("a@x.com");

		const codes = await client.twoFactor.generateBackupCodes({ password });
		expect(codes.data?.backupCodes).toHaveLength(10);
		const totpUri = await client.twoFactor.getTotpUri({ password });
		expect(totpUri.data?.totpURI).toBe(uri);
		const disabled = await client.twoFactor.disable({ password });
		expect(disabled.data).toEqual({ status: true });
		expect((await client.getSession()).data?.user.twoFactorEnabled).toBe(false);
	});

	it("exposes the error codes and works without options", async () => {
		const { client } = await setup();
		expect(client.$ERROR_CODES.INVALID_TWO_FACTOR_COOKIE).toEqual({
			code: "INVALID_TWO_FACTOR_COOKIE",
			message: "Invalid two factor cookie",
		});
		const result = await client.twoFactor.verifyTotp({ code: "123456" });
		expect(result.error).toMatchObject({ status: 401, code: "INVALID_TWO_FACTOR_COOKIE" });
	});

	it("refreshes the session after /two-factor/* calls only", () => {
		const plugin = twoFactorClient();
		const [listener] = plugin.atomListeners;
		expect(listener.signal).toBe("$sessionSignal");
		expect(
			["/two-factor/enable", "/two-factor/verify-otp", "/totp/generate", "/sign-in/email"].map(listener.matcher),
		).toEqual([true, true, false, false]);
	});
});
