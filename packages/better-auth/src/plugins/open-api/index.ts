/**
 * `openAPI`: describes the instance as an OpenAPI 3.1 document (`GET /open-api/generate-schema`,
 * also `auth.api.generateOpenAPISchema()`) and serves a Scalar API reference page that loads it
 * (`GET /reference`). Core endpoints are tagged "Default", plugin endpoints by plugin; server-only
 * endpoints are left out.
 *
 * @example
 * betterAuth({ plugins: [openAPI({ theme: "moon" })] }) // → /api/auth/reference
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { generateOpenAPIDocument, OPEN_API_PLUGIN_ID } from "./generator";
import { referencePage, type ScalarTheme } from "./reference-page";

export type { EndpointOpenAPIMetadata, OpenAPIDocument, OpenAPIOperation } from "./generator";
export { generateOpenAPIDocument } from "./generator";
export type { ScalarTheme } from "./reference-page";

export interface OpenAPIOptions {
	/**
	 * Where the reference page is served, under the base path (`/api/auth/reference`).
	 * @default "/reference"
	 */
	path?: string;
	/**
	 * Do not serve the Scalar reference page (the schema endpoint stays).
	 * @default false
	 */
	disableDefaultReference?: boolean;
	/**
	 * The Scalar theme of the reference page.
	 * @default "default"
	 */
	theme?: ScalarTheme;
}

const SCHEMA_PATH = "/open-api/generate-schema";

export function openAPI(options: OpenAPIOptions = {}) {
	const path = options.path ? (options.path.startsWith("/") ? options.path : `/${options.path}`) : "/reference";

	const generateOpenAPISchema = createAuthEndpoint(SCHEMA_PATH, { method: "GET" }, async (ctx) =>
		ctx.json(generateOpenAPIDocument(ctx.context, ctx.request?.url)),
	);

	const openAPIReference = createAuthEndpoint(path, { method: "GET", metadata: { isAction: false } }, async (ctx) => {
		if (options.disableDefaultReference) {
			// Not registered in that case; kept as a guard for direct `auth.api` calls.
			return new Response(null, { status: 404 });
		}
		const schemaURL = `${ctx.context.basePath}${SCHEMA_PATH}`;
		return new Response(referencePage(schemaURL, options.theme ?? "default"), {
			status: 200,
			headers: { "content-type": "text/html; charset=utf-8" },
		});
	});

	return {
		id: OPEN_API_PLUGIN_ID,
		endpoints: {
			generateOpenAPISchema,
			...(options.disableDefaultReference ? {} : { openAPIReference }),
		},
		options: options as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
