/** When a validator sees a value: as sent, or after the plugin's normalization. */
export type ValidationOrder = "pre-normalization" | "post-normalization";

export interface UsernameOptions {
	/**
	 * The shortest username accepted.
	 * @default 3
	 */
	minUsernameLength?: number;
	/**
	 * The longest username accepted.
	 * @default 30
	 */
	maxUsernameLength?: number;
	/**
	 * Returns false to refuse a username (`INVALID_USERNAME`).
	 * @default letters, digits, `_` and `.` only: `/^[a-zA-Z0-9_.]+$/`
	 */
	usernameValidator?: (username: string) => boolean | Promise<boolean>;
	/**
	 * Returns false to refuse a display username (`INVALID_DISPLAY_USERNAME`).
	 * @default none: any display username is accepted
	 */
	displayUsernameValidator?: (displayUsername: string) => boolean | Promise<boolean>;
	/**
	 * Turns a username into the form it is stored, looked up and compared in; `false` keeps it as sent
	 * (usernames are then case-sensitive).
	 * @default (username) => username.toLowerCase()
	 */
	usernameNormalization?: ((username: string) => string) | false;
	/**
	 * Turns a display username into the form it is stored in; `false` keeps it as sent.
	 * @default false
	 */
	displayUsernameNormalization?: ((displayUsername: string) => string) | false;
	/** Whether the validators run on the value as sent or after normalization. */
	validationOrder?: {
		/** @default "pre-normalization" */
		username?: ValidationOrder;
		/** @default "pre-normalization" */
		displayUsername?: ValidationOrder;
	};
	/** Column names, when yours differ from `username` and `displayUsername`. */
	schema?: { user?: { fields?: { username?: string; displayUsername?: string } } };
}
