/** The plugin's options resolved once, with the lookups every endpoint shares. */
import type { User } from "@better-auth/core";
import type { FullAuthContext } from "../../context/full-context";
import type { OTPSettings } from "./otp";
import type { PhoneNumberOptions } from "./types";

export interface PhoneNumberConfig extends OTPSettings {
	options: PhoneNumberOptions;
	/** Whether a phone number passes `phoneNumberValidator` (always, without one). */
	isValid(phoneNumber: string): Promise<boolean>;
	/** The user holding a phone number, or null. */
	findUser(context: FullAuthContext, phoneNumber: string): Promise<User | null>;
}

export function resolveConfig(options: PhoneNumberOptions): PhoneNumberConfig {
	return {
		options,
		otpLength: options.otpLength ?? 6,
		expiresIn: options.expiresIn ?? 300,
		allowedAttempts: options.allowedAttempts ?? 3,
		async isValid(phoneNumber) {
			return options.phoneNumberValidator ? Boolean(await options.phoneNumberValidator(phoneNumber)) : true;
		},
		findUser(context, phoneNumber) {
			return context.adapter.findOne<User>({ model: "user", where: [{ field: "phoneNumber", value: phoneNumber }] });
		},
	};
}
