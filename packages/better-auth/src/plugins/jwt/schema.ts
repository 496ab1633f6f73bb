import type { JwtOptions } from "./types";

/**
 * The `jwks` table: one row per key pair. `expiresAt` is set when keys rotate; `alg` and `crv`
 * say what the key is for (rows from before those columns existed have them null).
 */
export function jwtSchema(options: JwtOptions) {
	const names = options.schema?.jwks;
	const column = (name: keyof NonNullable<NonNullable<typeof names>["fields"]>) => names?.fields?.[name] ?? name;
	return {
		jwks: {
			...(names?.modelName ? { modelName: names.modelName } : {}),
			fields: {
				publicKey: { type: "string" as const, required: true, fieldName: column("publicKey") },
				privateKey: { type: "string" as const, required: true, fieldName: column("privateKey") },
				createdAt: { type: "date" as const, required: true, fieldName: column("createdAt") },
				expiresAt: { type: "date" as const, required: false, fieldName: column("expiresAt") },
				alg: { type: "string" as const, required: false, fieldName: column("alg") },
				crv: { type: "string" as const, required: false, fieldName: column("crv") },
			},
		},
	};
}
