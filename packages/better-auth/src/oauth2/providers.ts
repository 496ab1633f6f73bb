/**
 * `socialProviders` options → provider objects, once per instance. The registry (31 providers)
 * is loaded only when some are configured, so apps without social sign-in never load it.
 */
import type { AuthLogger, BetterAuthOptions } from "@better-auth/core";
import type { OAuthProvider } from "@better-auth/core/oauth2";

export async function createSocialProviders(options: BetterAuthOptions, logger: AuthLogger): Promise<OAuthProvider[]> {
	const configured = Object.entries(options.socialProviders ?? {}).filter(
		([, config]) => config && (config as { enabled?: boolean }).enabled !== false,
	);
	if (configured.length === 0) return [];
	const { socialProviders } = await import("@better-auth/core/social-providers");
	const registry = socialProviders as unknown as Record<string, (options: never) => OAuthProvider>;
	const providers: OAuthProvider[] = [];
	for (const [id, config] of configured) {
		const create = registry[id];
		if (!create) {
			logger.warn(`Unknown social provider "${id}" in socialProviders: it is ignored.`);
			continue;
		}
		providers.push(create(config as never));
	}
	return providers;
}
