/** A row of the `deviceCode` table. */
export interface DeviceCode {
	id: string;
	deviceCode: string;
	userCode: string;
	userId?: string | null;
	expiresAt: Date;
	status: "pending" | "approved" | "denied";
	lastPolledAt?: Date | null;
	/** Milliseconds. */
	pollingInterval?: number | null;
	clientId?: string | null;
	scope?: string | null;
}

/** A duration: milliseconds, or a string such as "5s", "30m", "1h", "2d". */
export type TimeString = string | number;

export interface DeviceAuthorizationOptions {
	/**
	 * How long a device code and its user code stay valid.
	 * @default "30m"
	 */
	expiresIn?: TimeString;
	/**
	 * The polling interval devices are given; faster polling is answered `slow_down`.
	 * @default "5s"
	 */
	interval?: TimeString;
	/** @default 40 */
	deviceCodeLength?: number;
	/** @default 8 */
	userCodeLength?: number;
	/** Custom device code generator. */
	generateDeviceCode?: () => string | Promise<string>;
	/** Custom user code generator (users type it: keep it short and unambiguous). */
	generateUserCode?: () => string | Promise<string>;
	/** Whether a `client_id` may use the flow. Default: any. */
	validateClient?: (clientId: string) => boolean | Promise<boolean>;
	/** Called for each new device authorization request (logging, quotas). */
	onDeviceAuthRequest?: (clientId: string, scope: string | undefined) => void | Promise<void>;
	/** Table and column names. */
	schema?: {
		deviceCode?: {
			modelName?: string;
			fields?: Partial<Record<Exclude<keyof DeviceCode, "id">, string>>;
		};
	};
}
