import { createAuthEndpoint } from "@better-auth/core/api";

const escapeHTML = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The page `onAPIError.errorURL` points to by default: shows `?error=` safely. */
function errorPage(code: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>Error</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#fafafa;color:#111}
main{max-width:32rem;padding:2rem;text-align:center}code{background:#eee;padding:.2rem .4rem;border-radius:.25rem}</style></head>
<body><main><h1>Something went wrong</h1><p>Error code: <code>${escapeHTML(code)}</code></p>
<p>Go back and try again. If the problem continues, contact the site's support.</p></main></body>
</html>`;
}

/** `GET /error`: a small HTML page for authentication errors (OAuth callbacks redirect here). */
export const error = createAuthEndpoint("/error", { method: "GET", metadata: { isAction: false } }, async (ctx) => {
	const code = new URL(ctx.request?.url ?? "http://localhost/").searchParams.get("error") ?? "unknown";
	return new Response(errorPage(code.slice(0, 200)), {
		status: 200,
		headers: { "content-type": "text/html" },
	});
});
