/**
 * `inferAdditionalFields`: tells the client about `user.additionalFields` and
 * `session.additionalFields`, from the server's type or spelled out, for typed sessions, sign-up
 * bodies and responses. Type only: nothing changes at runtime.
 */
import type { BetterAuthClientPlugin, BetterAuthOptions, DBFieldAttribute } from "@better-auth/core";

/** Additional fields spelled out for a client in another project. */
export interface AdditionalFieldsSpec {
	user?: Record<string, DBFieldAttribute>;
	session?: Record<string, DBFieldAttribute>;
}

type Fields = Record<string, DBFieldAttribute>;
type Empty = Record<never, never>;
/** The declared fields; the option's own type (`Record<string, ...>`, nothing declared) is none. */
type FieldsOf<Section> = Section extends { additionalFields?: infer F extends Fields }
	? string extends keyof F
		? Empty
		: F
	: Empty;

/** The plugin schema the client reads fields from (server plugins declare theirs the same way). */
type SchemaOf<Auth, Spec> = Auth extends { options: infer Options extends BetterAuthOptions }
	? {
			user: { fields: FieldsOf<NonNullable<Options["user"]>> };
			session: { fields: FieldsOf<NonNullable<Options["session"]>> };
		}
	: {
			user: { fields: Spec extends { user?: infer F extends Fields } ? F : Empty };
			session: { fields: Spec extends { session?: infer F extends Fields } ? F : Empty };
		};

/**
 * @example
 * inferAdditionalFields<typeof auth>()
 * inferAdditionalFields({ user: { role: { type: "string" } } })
 */
export function inferAdditionalFields<Auth = unknown, const Spec extends AdditionalFieldsSpec = Empty>(_spec?: Spec) {
	return {
		id: "additional-fields-client",
		$InferServerPlugin: {} as { id: "additional-fields-client"; schema: SchemaOf<Auth, Spec> },
	} satisfies BetterAuthClientPlugin;
}
