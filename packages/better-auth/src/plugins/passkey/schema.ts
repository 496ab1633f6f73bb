import type { PasskeyOptions } from "./types";

/** The `passkey` table: one row per registered credential, owned by a user. */
export function passkeySchema(options: PasskeyOptions) {
	const table = options.schema?.passkey;
	const name = (field: keyof NonNullable<NonNullable<typeof table>["fields"]>) => table?.fields?.[field] ?? field;
	return {
		passkey: {
			modelName: table?.modelName ?? "passkey",
			fields: {
				name: { type: "string" as const, required: false, fieldName: name("name") },
				publicKey: { type: "string" as const, required: true, fieldName: name("publicKey") },
				userId: {
					type: "string" as const,
					required: true,
					references: { model: "user", field: "id", onDelete: "cascade" as const },
					index: true,
					fieldName: name("userId"),
				},
				credentialID: { type: "string" as const, required: true, index: true, fieldName: name("credentialID") },
				counter: { type: "number" as const, required: true, fieldName: name("counter") },
				deviceType: { type: "string" as const, required: true, fieldName: name("deviceType") },
				backedUp: { type: "boolean" as const, required: true, fieldName: name("backedUp") },
				transports: { type: "string" as const, required: false, fieldName: name("transports") },
				createdAt: { type: "date" as const, required: false, fieldName: name("createdAt") },
				aaguid: { type: "string" as const, required: false, fieldName: name("aaguid") },
			},
		},
	};
}
