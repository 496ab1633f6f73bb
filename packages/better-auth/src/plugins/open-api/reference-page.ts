/** The HTML page of the Scalar API reference, loading the generated schema from its URL. */

/** Scalar's built-in themes. */
export type ScalarTheme =
	| "alternate"
	| "default"
	| "moon"
	| "purple"
	| "solarized"
	| "bluePlanet"
	| "deepSpace"
	| "saturn"
	| "kepler"
	| "mars"
	| "none";

const SCALAR_CDN = "https://cdn.jsdelivr.net/npm/@scalar/api-reference";

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The page: Scalar's standalone script reads `data-url` and `data-configuration` from the
 * `#api-reference` element. Both values are escaped, so an odd base path cannot break out of the
 * attribute.
 */
export function referencePage(schemaURL: string, theme: ScalarTheme): string {
	const configuration = JSON.stringify({
		theme,
		metaData: { title: "Better Auth API", description: "API Reference for your Better Auth Instance" },
	});
	return `<!doctype html>
<html>
  <head>
    <title>Scalar API Reference</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <script id="api-reference" data-url="${escapeAttribute(schemaURL)}" data-configuration="${escapeAttribute(configuration)}"></script>
    <script src="${SCALAR_CDN}"></script>
  </body>
</html>
`;
}
