/** `POST /sso/register`: a signed-in user registers an OIDC or SAML identity provider. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { currentSession, fullContext, sessionMiddleware } from "better-auth/api";
import * as z from "zod";
import { SSO_ERROR_CODES } from "../error-codes";
import { discover, needsDiscovery } from "../oidc";
import { countUserProviders, fromRow, hasOrganizationPlugin } from "../providers";
import { fromIdpMetadata } from "../saml";
import type { OIDCConfig, SAMLConfig, SSOOptions, SSOProvider } from "../types";

const DEFAULT_PROVIDERS_LIMIT = 10;

const mappingFields = {
	id: z.string().optional(),
	email: z.string().optional(),
	emailVerified: z.string().optional(),
	name: z.string().optional(),
	extraFields: z.record(z.string(), z.string()).optional(),
};

const keyMaterial = {
	entityID: z.string().optional(),
	privateKey: z.string().optional(),
	privateKeyPass: z.string().optional(),
	isAssertionEncrypted: z.boolean().optional(),
	encPrivateKey: z.string().optional(),
	encPrivateKeyPass: z.string().optional(),
};

const oidcConfigSchema = z.object({
	clientId: z.string().min(1),
	clientSecret: z.string().min(1),
	authorizationEndpoint: z.url().optional(),
	tokenEndpoint: z.url().optional(),
	userInfoEndpoint: z.url().optional(),
	tokenEndpointAuthentication: z.enum(["client_secret_post", "client_secret_basic"]).optional(),
	jwksEndpoint: z.url().optional(),
	discoveryEndpoint: z.url().optional(),
	scopes: z.array(z.string()).optional(),
	pkce: z.boolean().optional(),
	mapping: z.object({ ...mappingFields, image: z.string().optional() }).optional(),
});

const samlConfigSchema = z.object({
	entryPoint: z.string(),
	cert: z.string(),
	callbackUrl: z.string(),
	audience: z.string().optional(),
	idpMetadata: z
		.object({
			metadata: z.string().optional(),
			cert: z.string().optional(),
			singleSignOnService: z.array(z.object({ Binding: z.string(), Location: z.string() })).optional(),
			...keyMaterial,
		})
		.optional(),
	spMetadata: z.object({ metadata: z.string().optional(), binding: z.string().optional(), ...keyMaterial }).optional(),
	wantAssertionsSigned: z.boolean().optional(),
	signatureAlgorithm: z.enum(["sha1", "sha256", "sha512"]).optional(),
	digestAlgorithm: z.string().optional(),
	identifierFormat: z.string().optional(),
	privateKey: z.string().optional(),
	decryptionPvk: z.string().optional(),
	additionalParams: z.record(z.string(), z.string()).optional(),
	mapping: z.object({ ...mappingFields, firstName: z.string().optional(), lastName: z.string().optional() }).optional(),
});

const registerBody = z.object({
	providerId: z.string().min(1).max(128),
	issuer: z.string(),
	domain: z.string().min(1),
	oidcConfig: oidcConfigSchema.optional(),
	samlConfig: samlConfigSchema.optional(),
	organizationId: z.string().optional(),
	overrideUserInfo: z.boolean().optional(),
});

const isURL = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** A provider as answered: secrets and private keys are not echoed back. */
export function providerOutput(provider: SSOProvider, baseURL: string) {
	const { clientSecret: _secret, ...oidcConfig } = provider.oidcConfig ?? ({} as OIDCConfig);
	const { privateKey: _key, decryptionPvk: _pvk, ...samlConfig } = provider.samlConfig ?? ({} as SAMLConfig);
	return {
		...provider,
		oidcConfig: provider.oidcConfig ? oidcConfig : null,
		samlConfig: provider.samlConfig ? samlConfig : null,
		redirectURI: `${baseURL}/sso/callback/${provider.providerId}`,
	};
}

async function providersLimit(
	options: SSOOptions,
	user: Parameters<Exclude<SSOOptions["providersLimit"], number | undefined>>[0],
) {
	const limit = options.providersLimit;
	return typeof limit === "function" ? await limit(user) : (limit ?? DEFAULT_PROVIDERS_LIMIT);
}

export function registerSSOProvider(options: SSOOptions) {
	return createAuthEndpoint(
		"/sso/register",
		{ method: "POST", body: registerBody, use: [sessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user } = currentSession(ctx);
			const body = ctx.body;
			const limit = await providersLimit(options, user);
			if (limit <= 0) throw new APIError("FORBIDDEN", SSO_ERROR_CODES.SSO_REGISTRATION_DISABLED);
			if ((await countUserProviders(context, user.id)) >= limit) {
				throw new APIError("FORBIDDEN", SSO_ERROR_CODES.SSO_PROVIDERS_LIMIT_REACHED);
			}
			if (!isURL(body.issuer)) throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.INVALID_ISSUER);
			if (!body.oidcConfig && !body.samlConfig)
				throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.MISSING_PROVIDER_CONFIG);
			// Without the organization plugin an organizationId is kept as plain data.
			if (body.organizationId && hasOrganizationPlugin(context))
				await requireMembership(context, user.id, body.organizationId);
			const existing = await context.adapter.findOne({
				model: "ssoProvider",
				where: [{ field: "providerId", value: body.providerId }],
			});
			if (existing) throw new APIError("UNPROCESSABLE_ENTITY", SSO_ERROR_CODES.PROVIDER_ID_ALREADY_EXISTS);

			let oidcConfig: OIDCConfig | undefined;
			if (body.oidcConfig) {
				oidcConfig = { ...body.oidcConfig, issuer: body.issuer, overrideUserInfo: body.overrideUserInfo };
				if (needsDiscovery(oidcConfig)) {
					const found = await discover(body.issuer, oidcConfig);
					if (!found.ok) {
						const code = found.error === "issuer_mismatch" ? "OIDC_ISSUER_MISMATCH" : "OIDC_DISCOVERY_FAILED";
						throw new APIError("BAD_REQUEST", SSO_ERROR_CODES[code]);
					}
					oidcConfig = found.config;
				}
			}
			let samlConfig: SAMLConfig | undefined;
			if (body.samlConfig) {
				samlConfig = { ...body.samlConfig, issuer: body.issuer, overrideUserInfo: body.overrideUserInfo };
				const idp = fromIdpMetadata(samlConfig);
				if (!idp.entryPoint || !isURL(idp.entryPoint) || !idp.cert) {
					throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.INVALID_SAML_CONFIGURATION);
				}
			}
			const row = await context.adapter.create<Record<string, unknown>>({
				model: "ssoProvider",
				data: {
					issuer: body.issuer,
					domain: body.domain.toLowerCase(),
					oidcConfig: oidcConfig ? JSON.stringify(oidcConfig) : undefined,
					samlConfig: samlConfig ? JSON.stringify(samlConfig) : undefined,
					userId: user.id,
					providerId: body.providerId,
					organizationId: body.organizationId,
				},
			});
			return ctx.json(providerOutput(fromRow(row as never), context.baseURL));
		},
	);
}

async function requireMembership(context: ReturnType<typeof fullContext>, userId: string, organizationId: string) {
	const member = await context.adapter.findOne({
		model: "member",
		where: [
			{ field: "userId", value: userId },
			{ field: "organizationId", value: organizationId },
		],
	});
	if (!member) throw new APIError("FORBIDDEN", SSO_ERROR_CODES.NOT_ORGANIZATION_MEMBER);
}
