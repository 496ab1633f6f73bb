/** A `Ui` that records what the commands print and answers prompts from a script. */
import { stripVTControlCharacters } from "node:util";
import type { Ui } from "../utils/ui";

export interface RecordingUi extends Ui {
	/** Every line printed, prefixed by its kind (`success: ...`), colours removed. */
	lines: string[];
	/** Everything printed, as one string. */
	text(): string;
	/** Questions asked. */
	questions: string[];
}

/** `answers` are given to `confirm` in order (true when they run out). */
export function recordingUi(answers: boolean[] = []): RecordingUi {
	const lines: string[] = [];
	const questions: string[] = [];
	const record = (kind: string) => (message: string) => {
		lines.push(`${kind}: ${stripVTControlCharacters(message)}`);
	};
	return {
		interactive: true,
		lines,
		questions,
		text: () => lines.join("\n"),
		intro: record("intro"),
		outro: record("outro"),
		info: record("info"),
		success: record("success"),
		warn: record("warn"),
		error: record("error"),
		print: record("print"),
		async confirm(message) {
			questions.push(message);
			return answers.shift() ?? true;
		},
		async select(message, _choices, initial) {
			questions.push(message);
			return initial;
		},
		async task(message, run, done) {
			const result = await run();
			lines.push(`task: ${stripVTControlCharacters(done ? done(result) : message)}`);
			return result;
		},
	};
}
