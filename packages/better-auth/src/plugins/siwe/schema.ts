import type { SiweOptions } from "./types";

/** `walletAddress`: the wallets (address + chain) each user has signed in with. */
export function siweSchema(options: SiweOptions) {
	const custom = options.schema?.walletAddress;
	const name = (field: "userId" | "address" | "chainId" | "isPrimary" | "createdAt") =>
		custom?.fields?.[field] ?? field;
	return {
		walletAddress: {
			modelName: custom?.modelName ?? "walletAddress",
			fields: {
				userId: {
					type: "string" as const,
					required: true,
					index: true,
					references: { model: "user", field: "id", onDelete: "cascade" as const },
					fieldName: name("userId"),
				},
				address: { type: "string" as const, required: true, fieldName: name("address") },
				chainId: { type: "number" as const, required: true, fieldName: name("chainId") },
				isPrimary: { type: "boolean" as const, required: true, defaultValue: false, fieldName: name("isPrimary") },
				createdAt: { type: "date" as const, required: true, fieldName: name("createdAt") },
			},
		},
	};
}
