import { describe, expectTypeOf, it } from "vitest";
import type { OAuthProvider } from "../oauth2";
import {
	type GoogleProfile,
	google,
	type SocialProviderList,
	type SocialProviders,
	type socialProviders,
} from "./index";

describe("social provider types", () => {
	it("types each provider's options, with `enabled`", () => {
		expectTypeOf<SocialProviders["google"]>().toEqualTypeOf<
			(Parameters<typeof google>[0] & { enabled?: boolean }) | undefined
		>();
		expectTypeOf<NonNullable<SocialProviders["microsoft"]>["tenantId"]>().toEqualTypeOf<string | undefined>();
		expectTypeOf<NonNullable<SocialProviders["tiktok"]>["clientKey"]>().toEqualTypeOf<string | undefined>();
		expectTypeOf<SocialProviderList[number]>().toEqualTypeOf<keyof typeof socialProviders>();
	});

	it("gives mapProfileToUser the provider's profile", () => {
		google({
			clientId: "id",
			mapProfileToUser: (profile) => {
				expectTypeOf(profile).toEqualTypeOf<GoogleProfile>();
				return {};
			},
		});
		expectTypeOf(google({ clientId: "id" })).toExtend<OAuthProvider<GoogleProfile>>();
	});
});
