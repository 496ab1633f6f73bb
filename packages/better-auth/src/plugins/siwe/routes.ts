/** `POST /siwe/nonce` and `POST /siwe/verify`. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES, type ErrorCode } from "@better-auth/core/error";
import * as z from "zod";
import { requestMeta, setSessionCookie } from "../../api/session-cookie";
import type { FullAuthContext } from "../../context/full-context";
import { fullContext } from "../../context/full-context";
import { SIWE_ERROR_CODES } from "./error-codes";
import { isAddress, parseSiweMessage, type SiweMessage, toChecksumAddress } from "./message";
import type { Cacao, SiweOptions } from "./types";

const NONCE_TTL_MS = 15 * 60 * 1000;
const PLACEHOLDER_EMAIL_DOMAIN = "siwe.placeholder.invalid";
const WALLET_MODEL = "walletAddress";

interface WalletAddress {
	id: string;
	userId: string;
	address: string;
	chainId: number;
	isPrimary: boolean;
	createdAt: Date;
}

const nonceBody = z.strictObject({}).optional();

function verifyBody(options: SiweOptions) {
	const email =
		options.anonymous === false
			? z.email({
					error: (issue) =>
						issue.input === undefined ? "Email is required when the anonymous plugin option is disabled." : undefined,
				})
			: z.email().optional();
	return z.strictObject({ message: z.string().min(1), signature: z.string().min(1), email });
}

/** A 401 in better-auth 1.7's shape for this plugin (`status` in the body too). */
function unauthorized(error: ErrorCode) {
	return new APIError("UNAUTHORIZED", { ...error, status: 401 });
}

/** `POST /siwe/nonce`, and `POST /siwe/get-nonce`, the same endpoint under its other 1.7 name. */
export function siweNonce(options: SiweOptions, path: "/siwe/nonce" | "/siwe/get-nonce" = "/siwe/nonce") {
	return createAuthEndpoint(path, { method: "POST", body: nonceBody }, async (ctx) => {
		const nonce = await options.getNonce();
		await fullContext(ctx).internalAdapter.createVerificationValue({
			identifier: `siwe:${nonce}`,
			value: nonce,
			expiresAt: new Date(Date.now() + NONCE_TTL_MS),
		});
		return ctx.json({ nonce });
	});
}

/** Checks the message's domain, address, chain and validity window; returns address and chain. */
function checkMessage(message: SiweMessage, options: SiweOptions) {
	const chainId = Number(message.chainId);
	if (message.domain !== options.domain || !isAddress(message.address) || !/^\d+$/.test(message.chainId ?? "")) {
		throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_SIWE_MESSAGE_MISMATCH);
	}
	const now = Date.now();
	const time = (value: string | undefined) => {
		if (value === undefined) return undefined;
		const parsed = Date.parse(value);
		if (Number.isNaN(parsed)) throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_SIWE_MESSAGE_MISMATCH);
		return parsed;
	};
	const expires = time(message.expirationTime);
	const notBefore = time(message.notBefore);
	if (expires !== undefined && expires <= now) throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_SIWE_MESSAGE_EXPIRED);
	if (notBefore !== undefined && notBefore > now) {
		throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_SIWE_MESSAGE_NOT_YET_VALID);
	}
	return { address: toChecksumAddress(message.address), chainId };
}

function toCacao(message: SiweMessage, address: string, chainId: number, signature: string): Cacao {
	return {
		h: { t: "caip122" },
		p: {
			domain: message.domain,
			aud: message.uri ?? message.domain,
			nonce: message.nonce ?? "",
			iss: `did:pkh:eip155:${chainId}:${address}`,
			version: message.version,
			iat: message.issuedAt,
			exp: message.expirationTime,
			nbf: message.notBefore,
			statement: message.statement,
			requestId: message.requestId,
			resources: message.resources.length > 0 ? message.resources : undefined,
		},
		s: { t: "eip191", s: signature },
	};
}

async function verifySignature(options: SiweOptions, args: Parameters<SiweOptions["verifyMessage"]>[0]) {
	let valid = false;
	try {
		valid = await options.verifyMessage(args);
	} catch {
		valid = false;
	}
	if (!valid) throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_INVALID_SIWE_SIGNATURE);
}

/** A new wallet user: ENS name and avatar when available, the chosen email if it is free. */
async function createWalletUser(context: FullAuthContext, options: SiweOptions, address: string, email?: string) {
	const ens = options.ensLookup ? await options.ensLookup({ walletAddress: address }).catch(() => null) : null;
	const free = email && !(await context.internalAdapter.findUserByEmail(email));
	const user = await context.internalAdapter.createUser({
		name: ens?.name || address,
		email: free ? email : `${address.toLowerCase()}@${options.emailDomainName ?? PLACEHOLDER_EMAIL_DOMAIN}`,
		emailVerified: false,
		image: ens?.avatar ?? "",
	});
	if (!user) throw new APIError("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_CREATE_USER);
	return user as User;
}

/** Finds the wallet's user, creating the user or linking the new chain as needed. */
async function userForWallet(
	context: FullAuthContext,
	options: SiweOptions,
	address: string,
	chainId: number,
	email?: string,
) {
	const wallets = await context.adapter.findMany<WalletAddress>({
		model: WALLET_MODEL,
		where: [{ field: "address", value: address }],
	});
	if (wallets.some((wallet) => wallet.chainId === chainId)) {
		const owner = wallets.find((wallet) => wallet.chainId === chainId) as WalletAddress;
		const user = await context.internalAdapter.findUserById(owner.userId);
		if (user) return user as User;
	}
	const user = wallets[0]
		? ((await context.internalAdapter.findUserById(wallets[0].userId)) as User | null)
		: await createWalletUser(context, options, address, email);
	if (!user) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.USER_NOT_FOUND);
	await context.adapter.create({
		model: WALLET_MODEL,
		data: { userId: user.id, address, chainId, isPrimary: wallets.length === 0, createdAt: new Date() },
	});
	await context.internalAdapter.createAccount({
		userId: user.id,
		providerId: "siwe",
		accountId: `${address}:${chainId}`,
	});
	return user;
}

export function siweVerify(options: SiweOptions) {
	return createAuthEndpoint("/siwe/verify", { method: "POST", body: verifyBody(options) }, async (ctx) => {
		const context = fullContext(ctx);
		const { signature, email } = ctx.body;
		const message = parseSiweMessage(ctx.body.message);
		if (!message?.nonce) throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_SIWE_MESSAGE_MISMATCH);
		// The nonce is spent by any attempt that names it, so a signature cannot be retried.
		const stored = await context.internalAdapter.consumeVerificationValue(`siwe:${message.nonce}`);
		if (!stored) throw unauthorized(SIWE_ERROR_CODES.UNAUTHORIZED_INVALID_OR_EXPIRED_NONCE);
		const { address, chainId } = checkMessage(message, options);
		await verifySignature(options, {
			message: ctx.body.message,
			signature,
			address,
			chainId,
			cacao: toCacao(message, address, chainId, signature),
		});
		const user = await userForWallet(context, options, address, chainId, email);
		const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
		if (!session) throw new APIError("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
		await setSessionCookie(ctx, { session, user });
		return ctx.json({ token: session.token, success: true, user: { id: user.id, walletAddress: address, chainId } });
	});
}
