import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { phoneNumberClient } from "../../client/plugins/phone-number";
import { createClientTestServer } from "../../client/test-utils";
import { phoneNumber } from "./index";

describe("phoneNumberClient", () => {
	it("signs up by code, refreshes the session, resets the password and signs in with it", async () => {
		const codes: string[] = [];
		const server = await createClientTestServer({
			plugins: [
				phoneNumber({
					sendOTP: ({ code }) => {
						codes.push(code);
					},
					sendPasswordResetOTP: ({ code }) => {
						codes.push(code);
					},
					signUpOnVerification: { getTempEmail: (phone) => `${phone.slice(1)}@phone.test` },
				}),
			],
		});
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [phoneNumberClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.signIn.phoneNumber).toBeFunction();
		expectTypeOf(client.phoneNumber.sendOtp).toBeFunction();
		expectTypeOf(client.phoneNumber.verify).toBeFunction();
		expectTypeOf(client.phoneNumber.requestPasswordReset).toBeFunction();
		expectTypeOf(client.phoneNumber.resetPassword).toBeFunction();

		expect((await client.phoneNumber.sendOtp({ phoneNumber: "+15550001111" })).data).toEqual({ message: "code sent" });
		const verified = await client.phoneNumber.verify({ phoneNumber: "+15550001111", code: codes.at(-1) ?? "" });
		expect(verified.data).toMatchObject({ status: true, user: { phoneNumber: "+15550001111" } });
		const session = await client.getSession();
		expect(session.data?.user.phoneNumber).toBe("+15550001111");
		expectTypeOf<NonNullable<typeof session.data>["user"]["phoneNumberVerified"]>().toEqualTypeOf<
			boolean | null | undefined
		>();

		await client.phoneNumber.requestPasswordReset({ phoneNumber: "+15550001111" });
		const reset = await client.phoneNumber.resetPassword({
			phoneNumber: "+15550001111",
			otp: codes.at(-1) ?? "",
			newPassword: "new-password-1",
		});
		expect(reset.data).toEqual({ status: true });
		await client.signOut();

		const signedIn = await client.signIn.phoneNumber({ phoneNumber: "+15550001111", password: "new-password-1" });
		expect(signedIn.data?.user.phoneNumber).toBe("+15550001111");
		expect((await client.getSession()).data?.user.phoneNumber).toBe("+15550001111");

		const wrong = await client.phoneNumber.verify({ phoneNumber: "+15550001111", code: "nope" });
		expect(wrong.error).toMatchObject({ status: 400, code: "OTP_NOT_FOUND" });
	});

	it("refetches the session after verify", () => {
		const [listener] = phoneNumberClient().atomListeners;
		expect(listener.signal).toBe("$sessionSignal");
		expect(["/phone-number/verify", "/phone-number/update", "/sign-in/phone-number"].every(listener.matcher)).toBe(
			true,
		);
		expect(listener.matcher("/phone-number/send-otp")).toBe(false);
	});
});
