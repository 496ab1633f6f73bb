/**
 * The command line: `better-auth generate | migrate | init | secret | info`. Parses arguments with
 * commander, runs the command with a terminal `Ui`, and turns failures into a message and exit code 1.
 */
import { resolve } from "node:path";
import { Command, Option } from "commander";
import pc from "picocolors";
import cliPackage from "../package.json" with { type: "json" };
import { generateCommand } from "./commands/generate";
import { infoCommand } from "./commands/info";
import { initCommand } from "./commands/init";
import { migrateCommand } from "./commands/migrate";
import { secretCommand } from "./commands/secret";
import { CliError } from "./utils/errors";
import { createTerminalUi, type Ui } from "./utils/ui";

interface CommonOptions {
	cwd: string;
	config?: string;
	yes?: boolean;
	/** `--y`, the spelling the Better Auth docs use. */
	y?: boolean;
}

const cwdOption = () => new Option("--cwd <dir>", "the project root").default(process.cwd(), "the current directory");
const configOption = () =>
	new Option("--config <path>", "the Better Auth config file (default: auth.ts found in ./, lib/, utils/, src/...)");
const yesOptions = (command: Command) =>
	command.addOption(new Option("-y, --yes", "answer yes to every prompt")).addOption(new Option("--y").hideHelp());

/**
 * Runs from the project root, so paths in the app's config (a SQLite file, a certificate) resolve
 * as they do when the app runs there.
 */
function enter(cwd: string): string {
	const dir = resolve(cwd);
	if (dir !== process.cwd()) process.chdir(dir);
	return dir;
}

/** Builds the program; `ui` is where commands print (a terminal by default). */
export function createProgram(ui: Ui = createTerminalUi()): Command {
	const program = new Command("better-auth")
		.description("Better Auth CLI: database schema, project setup, secrets and diagnostics.")
		.version(cliPackage.version, "-v, --version")
		.showHelpAfterError()
		.exitOverride();

	yesOptions(
		program
			.command("generate")
			.description("write the schema your database or ORM needs (SQL, schema.prisma or a Drizzle schema)")
			.addOption(cwdOption())
			.addOption(configOption())
			.option("--output <path>", "where to write (default: schema.sql, prisma/schema.prisma or schema.ts)")
			.addOption(
				new Option("--adapter <adapter>", "the ORM, when the config's adapter cannot be created here").choices([
					"prisma",
					"drizzle",
				]),
			)
			.option(
				"--provider <provider>",
				"the ORM's database provider (prisma: postgresql, mysql, sqlite...; drizzle: pg, mysql, sqlite)",
			),
	).action((options: CommonOptions & { output?: string; adapter?: string; provider?: string }) =>
		generateCommand({ ...options, cwd: enter(options.cwd), yes: options.yes || options.y }, ui),
	);

	yesOptions(
		program
			.command("migrate")
			.description("create the missing tables, columns and indexes in your database (built-in Kysely adapter)")
			.addOption(cwdOption())
			.addOption(configOption()),
	).action((options: CommonOptions) =>
		migrateCommand({ ...options, cwd: enter(options.cwd), yes: options.yes || options.y }, ui),
	);

	yesOptions(
		program
			.command("init")
			.description("add Better Auth to your app: auth.ts, auth-client.ts, the route handler, .env and dependencies")
			.addOption(cwdOption())
			.option("--name <name>", "your application's name (default: package.json name)")
			.option("--framework <framework>", "next, sveltekit, hono, express or node (default: detected)")
			.option("--database <database>", "sqlite, postgres or mysql")
			.option("--plugins <list>", "plugins to add, comma-separated (e.g. two-factor,username)")
			.option("--package-manager <manager>", "npm, pnpm, yarn or bun (default: detected)")
			.option("--skip-install", "do not install the dependencies"),
	).action((options: CommonOptions & Record<string, string | boolean | undefined>) =>
		initCommand(
			{
				cwd: enter(options.cwd),
				name: options.name as string | undefined,
				framework: options.framework as string | undefined,
				database: options.database as string | undefined,
				plugins: options.plugins as string | undefined,
				packageManager: options.packageManager as string | undefined,
				skipInstall: Boolean(options.skipInstall),
				yes: options.yes || options.y,
			},
			ui,
		),
	);

	program
		.command("secret")
		.description("print a strong BETTER_AUTH_SECRET")
		.action(() => secretCommand(ui));

	program
		.command("info")
		.description("print versions, runtime, framework, database and your config (secrets redacted)")
		.addOption(cwdOption())
		.addOption(configOption())
		.option("--json", "print JSON")
		.action((options: { cwd: string; config?: string; json?: boolean }) =>
			infoCommand({ ...options, cwd: enter(options.cwd) }, ui),
		);

	return program;
}

/** Runs the CLI with `argv` (as `process.argv`); resolves to the exit code. */
export async function run(argv: string[], ui: Ui = createTerminalUi()): Promise<number> {
	const program = createProgram(ui);
	try {
		await program.parseAsync(argv);
		return 0;
	} catch (error) {
		const code = (error as { code?: string }).code;
		// commander has printed help, the version, or a usage error already.
		if (typeof code === "string" && code.startsWith("commander.")) {
			return code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help" ? 0 : 1;
		}
		if (error instanceof CliError) ui.error(error.message);
		else
			ui.error(
				`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${pc.dim("Please report it with the output of `npx @better-auth/cli info`.")}`,
			);
		return 1;
	}
}
