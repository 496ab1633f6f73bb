/**
 * Reading providers: from `defaultSSO` first, then the `ssoProvider` table, by providerId,
 * email domain, domain or organization slug. Configs are stored as JSON text and parsed here.
 */
import type { AuthContext } from "@better-auth/core";
import type { OIDCConfig, SAMLConfig, SSOOptions, SSOProvider } from "./types";

interface ProviderRow {
	id: string;
	issuer: string;
	domain: string;
	providerId: string;
	userId: string;
	organizationId?: string | null;
	oidcConfig?: string | null;
	samlConfig?: string | null;
}

function parseJSON<T>(text: string | null | undefined): T | null {
	if (!text) return null;
	try {
		return JSON.parse(text) as T;
	} catch {
		return null;
	}
}

export function fromRow(row: ProviderRow): SSOProvider {
	return {
		...row,
		oidcConfig: parseJSON<OIDCConfig>(row.oidcConfig),
		samlConfig: parseJSON<SAMLConfig>(row.samlConfig),
	};
}

function defaults(options: SSOOptions): SSOProvider[] {
	return (options.defaultSSO ?? []).map((entry) => ({
		id: entry.providerId,
		issuer: entry.issuer ?? entry.oidcConfig?.issuer ?? entry.samlConfig?.issuer ?? "",
		domain: entry.domain,
		providerId: entry.providerId,
		userId: "default",
		organizationId: entry.organizationId ?? null,
		oidcConfig: entry.oidcConfig ?? null,
		samlConfig: entry.samlConfig ?? null,
	}));
}

async function findOne(context: AuthContext, field: string, value: string): Promise<SSOProvider | null> {
	const row = await context.adapter.findOne<ProviderRow>({ model: "ssoProvider", where: [{ field, value }] });
	return row ? fromRow(row) : null;
}

export function hasOrganizationPlugin(context: AuthContext): boolean {
	return context.options.plugins?.some((plugin) => plugin.id === "organization") ?? false;
}

export interface ProviderQuery {
	providerId?: string;
	email?: string;
	domain?: string;
	organizationSlug?: string;
}

/** The provider a sign-in names: providerId, then organization slug, then email domain / domain. */
export async function findProvider(
	context: AuthContext,
	options: SSOOptions,
	query: ProviderQuery,
): Promise<SSOProvider | null> {
	const builtIn = defaults(options);
	if (query.providerId) {
		return builtIn.find((p) => p.providerId === query.providerId) ?? findOne(context, "providerId", query.providerId);
	}
	if (query.organizationSlug) {
		if (!hasOrganizationPlugin(context)) return null;
		const organization = await context.adapter.findOne<{ id: string }>({
			model: "organization",
			where: [{ field: "slug", value: query.organizationSlug }],
		});
		if (!organization) return null;
		return (
			builtIn.find((p) => p.organizationId === organization.id) ?? findOne(context, "organizationId", organization.id)
		);
	}
	const domain = (query.email ? query.email.split("@")[1] : query.domain)?.toLowerCase();
	if (!domain) return null;
	return builtIn.find((p) => p.domain.toLowerCase() === domain) ?? findOne(context, "domain", domain);
}

export async function countUserProviders(context: AuthContext, userId: string): Promise<number> {
	return context.adapter.count({ model: "ssoProvider", where: [{ field: "userId", value: userId }] });
}
