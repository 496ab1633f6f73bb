import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { EMAIL_OTP_ERROR_CODES as CLIENT_CODES, emailOTPClient } from "../../client/plugins/email-otp";
import { createClientTestServer } from "../../client/test-utils";
import { EMAIL_OTP_ERROR_CODES, emailOTP } from "./index";

describe("emailOTPClient", () => {
	it("sends a code, signs in with it, verifies and resets by code", async () => {
		const sent: { email: string; otp: string; type: string }[] = [];
		const server = await createClientTestServer({
			plugins: [
				emailOTP({
					sendVerificationOTP: async (data) => {
						sent.push(data);
					},
				}),
			],
		});
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [emailOTPClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.emailOtp.sendVerificationOtp).toBeFunction();
		expectTypeOf(client.signIn.emailOtp).toBeFunction();
		expectTypeOf(client.emailOtp.verifyEmail).toBeFunction();
		expectTypeOf(client.emailOtp.resetPassword).toBeFunction();
		expectTypeOf(client.emailOtp.checkVerificationOtp).toBeFunction();
		expectTypeOf(client.emailOtp.requestPasswordReset).toBeFunction();
		expectTypeOf(client.forgetPassword.emailOtp).toBeFunction();

		expect((await client.emailOtp.sendVerificationOtp({ email: "a@x.com", type: "sign-in" })).data).toEqual({
			success: true,
		});
		const wrong = await client.signIn.emailOtp({ email: "a@x.com", otp: "wrong" });
		expect(wrong.error).toMatchObject({ status: 400, code: CLIENT_CODES.INVALID_OTP.code });

		const signedIn = await client.signIn.emailOtp({ email: "a@x.com", otp: sent[0].otp });
		expect(signedIn.data?.user.email).toBe("a@x.com");
		expect((await client.getSession()).data?.user.email).toBe("a@x.com");

		await client.emailOtp.requestPasswordReset({ email: "a@x.com" });
		const reset = await client.emailOtp.resetPassword({ email: "a@x.com", otp: sent[1].otp, password: "password123" });
		expect(reset.data).toEqual({ success: true });
		await client.signOut();
		expect((await client.signIn.email({ email: "a@x.com", password: "password123" })).data?.user.email).toBe("a@x.com");
	});

	it("carries the same error codes as the server", () => {
		expect(CLIENT_CODES).toEqual(EMAIL_OTP_ERROR_CODES);
		expect(emailOTPClient().$ERROR_CODES).toBe(CLIENT_CODES);
	});

	it("refreshes the session after sign-in, verify-email and change-email only", () => {
		const [listener] = emailOTPClient().atomListeners;
		expect(listener.signal).toBe("$sessionSignal");
		expect(
			[
				"/sign-in/email-otp",
				"/email-otp/verify-email",
				"/email-otp/change-email",
				"/email-otp/send-verification-otp",
			].map((path) => listener.matcher(path)),
		).toEqual([true, true, true, false]);
	});
});
