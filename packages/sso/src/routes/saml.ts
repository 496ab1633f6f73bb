/**
 * SAML endpoints: the assertion consumer (`POST /sso/saml2/callback/:providerId`, also mounted
 * as `/sso/saml2/sp/acs/:providerId`) and the SP metadata (`GET /sso/saml2/sp/metadata`).
 * The consumer is a cross-site form POST from the IdP, so it has no origin check: the signed,
 * unexpired assertion for our audience from the registered issuer is the proof.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import type { Profile } from "@node-saml/node-saml";
import { fullContext } from "better-auth/api";
import * as z from "zod";
import { SSO_ERROR_CODES } from "../error-codes";
import { findProvider } from "../providers";
import { signInSSOUser } from "../provision";
import { createSAML, expectedIdpIssuer, mapSAMLProfile, rememberAssertion, spMetadataXML } from "../saml";
import { consumeState } from "../state";
import type { SSOOptions } from "../types";
import { withError } from "./callback";

const acsBody = z.object({ SAMLResponse: z.string().min(1), RelayState: z.string().optional() });

function assertionConsumer(
	path: "/sso/saml2/callback/:providerId" | "/sso/saml2/sp/acs/:providerId",
	options: SSOOptions,
) {
	return createAuthEndpoint(
		path,
		{
			method: "POST",
			body: acsBody,
			metadata: { isAction: false, allowedMediaTypes: ["application/x-www-form-urlencoded", "application/json"] },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const provider = await findProvider(context, options, { providerId: ctx.params.providerId });
			if (!provider?.samlConfig) throw new APIError("NOT_FOUND", SSO_ERROR_CODES.PROVIDER_NOT_FOUND);
			const config = provider.samlConfig;
			let profile: Profile | null;
			try {
				const saml = createSAML(context, provider, config);
				profile = (await saml.validatePostResponseAsync({ SAMLResponse: ctx.body.SAMLResponse })).profile;
				// node-saml checks the issuer of logout messages only; the signed assertion's is checked here.
				const expected = expectedIdpIssuer(provider, config);
				if (profile && profile.issuer !== expected) {
					throw new Error(`Unknown SAML issuer. Expected: ${expected} Received: ${profile.issuer}`);
				}
				if (profile && !(await rememberAssertion(context, profile))) throw new Error("SAML assertion replayed");
			} catch (error) {
				context.logger.error("SSO: SAML response refused", error);
				throw new APIError("BAD_REQUEST", {
					...SSO_ERROR_CODES.INVALID_SAML_RESPONSE,
					details: error instanceof Error ? error.message : undefined,
				});
			}
			if (!profile) throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.INVALID_SAML_RESPONSE);
			const userInfo = mapSAMLProfile(profile, config, options.trustEmailVerified ?? false);
			if (!userInfo) throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.SAML_USER_INFO_MISSING);

			// SP-initiated: RelayState names our stored state. Otherwise (IdP-initiated) the
			// provider's callbackUrl; a RelayState URL is never followed (open redirect).
			const parsed = await consumeState(ctx, ctx.body.RelayState, { checkCookie: false });
			const state =
				parsed.ok && parsed.data.providerId === provider.providerId
					? parsed.data
					: { callbackURL: fallbackCallback(config.callbackUrl), requestSignUp: undefined };
			const { errorURL, newUserURL } = state as { errorURL?: string; newUserURL?: string };
			const result = await signInSSOUser(ctx, options, {
				provider,
				userInfo,
				raw: { ...profile },
				requestSignUp: state.requestSignUp,
			});
			if ("error" in result) throw ctx.redirect(withError(errorURL ?? state.callbackURL, result.error));
			throw ctx.redirect(result.isRegister ? (newUserURL ?? state.callbackURL) : state.callbackURL);
		},
	);
}

/** The provider's `callbackUrl`, unless it points at this plugin's own SAML endpoints. */
function fallbackCallback(callbackUrl: string | undefined): string {
	if (!callbackUrl || callbackUrl.includes("/sso/saml2/")) return "/";
	return callbackUrl;
}

export function callbackSSOSAML(options: SSOOptions) {
	return assertionConsumer("/sso/saml2/callback/:providerId", options);
}

export function acsEndpoint(options: SSOOptions) {
	return assertionConsumer("/sso/saml2/sp/acs/:providerId", options);
}

const metadataQuery = z.object({ providerId: z.string().min(1), format: z.enum(["xml", "json"]).optional() });

export function spMetadata(options: SSOOptions) {
	return createAuthEndpoint("/sso/saml2/sp/metadata", { method: "GET", query: metadataQuery }, async (ctx) => {
		const context = fullContext(ctx);
		const provider = await findProvider(context, options, { providerId: ctx.query.providerId });
		if (!provider?.samlConfig) throw new APIError("NOT_FOUND", SSO_ERROR_CODES.PROVIDER_NOT_FOUND);
		const metadata = spMetadataXML(context, provider, provider.samlConfig);
		if (ctx.query.format === "json") return ctx.json({ providerId: provider.providerId, metadata });
		return new Response(metadata, { status: 200, headers: { "content-type": "application/samlmetadata+xml" } });
	});
}
