import type { AuthLogger, BetterAuthOptions } from "@better-auth/core";

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** The instance logger: `options.logger.log` when given, else the console, from `level` up. */
export function createLogger(options: BetterAuthOptions["logger"] = {}): AuthLogger {
	const minimum = LEVELS.indexOf(options.level ?? "warn");
	const make =
		(level: (typeof LEVELS)[number]) =>
		(message: string, ...args: unknown[]) => {
			if (options.disabled || LEVELS.indexOf(level) < minimum) return;
			if (options.log) options.log(level, message, ...args);
			else console[level](`[Better Auth] ${message}`, ...args);
		};
	return { debug: make("debug"), info: make("info"), warn: make("warn"), error: make("error") };
}
