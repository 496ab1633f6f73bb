import type { PhoneNumberOptions } from "./types";

/**
 * `user.phoneNumber` (unique, optional) and `user.phoneNumberVerified` (optional boolean, not
 * writable through sign-up or update-user: only a verified code sets it).
 */
export function phoneNumberSchema(options: PhoneNumberOptions) {
	const fields = options.schema?.user?.fields;
	return {
		user: {
			fields: {
				phoneNumber: {
					type: "string" as const,
					required: false as const,
					unique: true,
					sortable: true,
					returned: true,
					fieldName: fields?.phoneNumber ?? "phoneNumber",
				},
				phoneNumberVerified: {
					type: "boolean" as const,
					required: false as const,
					returned: true,
					input: false as const,
					fieldName: fields?.phoneNumberVerified ?? "phoneNumberVerified",
				},
			},
		},
	};
}
