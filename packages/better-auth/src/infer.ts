/** Type-level inference of users and sessions from the options (additional fields included). */
import type { BetterAuthOptions, DBFieldAttribute, DBPrimitive, Session, User } from "@better-auth/core";

type Optional<F> = F extends { required: false } ? true : F extends { defaultValue: unknown } ? true : false;

/** The TypeScript type of a set of additional fields. */
export type InferAdditionalFields<Fields> =
	Fields extends Record<string, DBFieldAttribute>
		? {
				[K in keyof Fields as Optional<Fields[K]> extends true ? never : K]: DBPrimitive<Fields[K]["type"]>;
			} & {
				[K in keyof Fields as Optional<Fields[K]> extends true ? K : never]?: DBPrimitive<Fields[K]["type"]> | null;
			}
		: unknown;

type FieldsOf<Section> = Section extends { additionalFields: infer F } ? F : undefined;

export type InferUser<Options extends BetterAuthOptions> = User &
	InferAdditionalFields<FieldsOf<NonNullable<Options["user"]>>>;
export type InferSession<Options extends BetterAuthOptions> = Session &
	InferAdditionalFields<FieldsOf<NonNullable<Options["session"]>>>;

/** `auth.$Infer`: use as `typeof auth.$Infer.Session`. */
export interface InferTypes<Options extends BetterAuthOptions> {
	Session: { session: InferSession<Options>; user: InferUser<Options> };
	User: InferUser<Options>;
}
