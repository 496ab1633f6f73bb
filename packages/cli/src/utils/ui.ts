/**
 * Everything the commands print or ask goes through a `Ui`, so the commands run the same in a
 * terminal (colours, spinners, prompts from @clack/prompts), in a pipe or CI (plain lines, no
 * prompts) and in tests (recorded).
 */
import * as clack from "@clack/prompts";
import pc from "picocolors";
import { CliError } from "./errors";

export interface Ui {
	/** Whether the user can answer prompts. */
	readonly interactive: boolean;
	intro(title: string): void;
	outro(message: string): void;
	info(message: string): void;
	success(message: string): void;
	warn(message: string): void;
	error(message: string): void;
	/** Text printed as is (SQL, a summary block). */
	print(text: string): void;
	/** Asks a yes/no question; false when the user declines or cancels. */
	confirm(message: string, initial?: boolean): Promise<boolean>;
	/** Asks to pick one of a few values. */
	select<T extends string>(message: string, choices: { value: T; label: string }[], initial: T): Promise<T>;
	/** Runs a long step behind a spinner; `done` words the result. */
	task<T>(message: string, run: () => Promise<T>, done?: (result: T) => string): Promise<T>;
}

/** Sentence used when a prompt is needed but nobody can answer it. */
const NEEDS_YES = "This step needs confirmation, and there is no terminal to ask in. Re-run with --yes to go ahead.";

/** The terminal Ui: clack in a TTY, plain coloured lines otherwise. */
export function createTerminalUi(options: { interactive?: boolean } = {}): Ui {
	const tty = Boolean(process.stdout.isTTY);
	const interactive = options.interactive ?? (tty && Boolean(process.stdin.isTTY));
	const line = (text: string) => process.stdout.write(`${text}\n`);
	const errLine = (text: string) => process.stderr.write(`${text}\n`);

	return {
		interactive,
		intro(title) {
			if (tty) clack.intro(pc.bgCyan(pc.black(` ${title} `)));
			else line(pc.bold(title));
		},
		outro(message) {
			if (tty) clack.outro(message);
			else line(message);
		},
		info(message) {
			if (tty) clack.log.info(message);
			else line(message);
		},
		success(message) {
			if (tty) clack.log.success(message);
			else line(`${pc.green("✔")} ${message}`);
		},
		warn(message) {
			if (tty) clack.log.warn(message);
			else errLine(`${pc.yellow("!")} ${message}`);
		},
		error(message) {
			if (tty) clack.log.error(message);
			else errLine(`${pc.red("✖")} ${message}`);
		},
		print(text) {
			line(text);
		},
		async confirm(message, initial = true) {
			if (!interactive) throw new CliError(NEEDS_YES);
			const answer = await clack.confirm({ message, initialValue: initial });
			return !clack.isCancel(answer) && answer === true;
		},
		async select(message, choices, initial) {
			if (!interactive) return initial;
			const answer = await clack.select({ message, options: choices as never[], initialValue: initial });
			if (clack.isCancel(answer)) throw new CliError("Cancelled.");
			return answer as typeof initial;
		},
		async task(message, run, done) {
			if (!tty) {
				// No spinner in a pipe or CI log: one line once the step is done.
				const result = await run();
				line(`${pc.green("✔")} ${done ? done(result) : message}`);
				return result;
			}
			const spin = clack.spinner();
			spin.start(message);
			try {
				const result = await run();
				spin.stop(done ? done(result) : message);
				return result;
			} catch (error) {
				spin.error(`${message}: failed`);
				throw error;
			}
		},
	};
}
