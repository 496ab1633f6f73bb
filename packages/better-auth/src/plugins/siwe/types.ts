/** The CAIP-74 ("CACAO") form of a SIWE message, passed to `verifyMessage` for verifiers that want it. */
export interface Cacao {
	h: { t: "caip122" };
	p: {
		domain: string;
		aud: string;
		nonce: string;
		iss: string;
		version?: string;
		iat?: string;
		exp?: string;
		nbf?: string;
		statement?: string;
		requestId?: string;
		resources?: string[];
	};
	s: { t: "eip191"; s: string };
}

/** What `verifyMessage` receives. The address is checksummed; the chain id comes from the message. */
export interface SiweVerifyMessageArgs {
	message: string;
	signature: string;
	address: string;
	chainId: number;
	cacao?: Cacao;
}

/** An ENS name and avatar for a new user. */
export interface EnsLookupResult {
	name: string;
	avatar: string;
}

export interface SiweOptions {
	/** The domain the SIWE message must name (its first line): a message for another site is refused. */
	domain: string;
	/**
	 * Domain of the placeholder email new wallet users get (`<lowercase address>@<domain>`).
	 * @default "siwe.placeholder.invalid"
	 */
	emailDomainName?: string;
	/**
	 * Sign-in without an email. When false, `/siwe/verify` requires `email`.
	 * @default true
	 */
	anonymous?: boolean;
	/** Returns a fresh, unpredictable nonce (EIP-4361: at least 8 alphanumeric characters). */
	getNonce: () => Promise<string>;
	/** Checks the signature (e.g. viem's `verifyMessage`); true when `address` signed `message`. */
	verifyMessage: (args: SiweVerifyMessageArgs) => Promise<boolean>;
	/** Looks up an ENS name and avatar for a new user (its name and image). */
	ensLookup?: (args: { walletAddress: string }) => Promise<EnsLookupResult>;
	/** Table and column names. */
	schema?: {
		walletAddress?: {
			modelName?: string;
			fields?: Partial<Record<"userId" | "address" | "chainId" | "isPrimary" | "createdAt", string>>;
		};
	};
}
