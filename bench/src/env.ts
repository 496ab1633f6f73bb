/**
 * The environment both libraries see: a normal production process. better-auth 1.7 relaxes some
 * checks when it believes a test runner is active (NODE_ENV=test, TEST, VITEST), so those markers
 * are removed; a real secret and an explicit baseURL are passed in the options.
 */
export function prepareEnvironment(): () => void {
	const saved = { ...process.env };
	process.env.NODE_ENV = "production";
	process.env.BETTER_AUTH_TELEMETRY = "0";
	for (const name of Object.keys(process.env)) {
		if (name === "TEST" || name === "VITEST" || name === "BETTER_AUTH_SECRET" || name === "BETTER_AUTH_URL") {
			delete process.env[name];
		}
	}
	return () => {
		for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
		Object.assign(process.env, saved);
	};
}
