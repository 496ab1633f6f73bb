/** `socialProviders` options → provider objects, once per instance. */
import type { AuthLogger, BetterAuthOptions } from "@better-auth/core";
import type { OAuthProvider } from "@better-auth/core/oauth2";
import { socialProviders } from "@better-auth/core/social-providers";

const registry = socialProviders as unknown as Record<string, (options: never) => OAuthProvider>;

export function createSocialProviders(options: BetterAuthOptions, logger: AuthLogger): OAuthProvider[] {
	const providers: OAuthProvider[] = [];
	for (const [id, config] of Object.entries(options.socialProviders ?? {})) {
		if (!config || (config as { enabled?: boolean }).enabled === false) continue;
		const create = registry[id];
		if (!create) {
			logger.warn(`Unknown social provider "${id}" in socialProviders: it is ignored.`);
			continue;
		}
		providers.push(create(config as never));
	}
	return providers;
}
