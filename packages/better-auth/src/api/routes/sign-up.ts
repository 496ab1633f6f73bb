import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { originCheck } from "../middlewares/origin-check";
import { requestMeta, setSessionCookie } from "../session-cookie";
import { sendVerificationEmail } from "./email-verification";
import { CORE_USER_FIELDS, checkPasswordLength, clientFields, userOutput } from "./shared";

const signUpBody = z
	.object({
		name: z.string(),
		email: z.email(),
		password: z.string(),
		image: z.string().optional(),
		callbackURL: z.string().optional(),
		rememberMe: z.boolean().optional(),
	})
	.passthrough();

/** `POST /sign-up/email`: creates a user with a credential account; signs in unless told not to. */
export const signUpEmail = createAuthEndpoint(
	"/sign-up/email",
	{ method: "POST", body: signUpBody, use: [originCheck()] },
	async (ctx) => {
		const context = fullContext(ctx);
		const options = context.options.emailAndPassword;
		if (!options?.enabled || options.disableSignUp) {
			throw new APIError("BAD_REQUEST", {
				message: "Email and password sign up is not enabled",
				code: "EMAIL_PASSWORD_SIGN_UP_DISABLED",
			});
		}
		const { name, email, password, image, callbackURL, rememberMe, ...rest } = ctx.body;
		checkPasswordLength(password, context.password.config);
		const additional = clientFields(context.tables.user.fields, CORE_USER_FIELDS, rest, ignoredAtSignUp);
		if (await context.internalAdapter.findUserByEmail(email)) {
			throw new APIError("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
		}
		// Hash first: the transaction then holds the database only for the two inserts.
		const hash = await context.password.hash(password);
		// User and credential account together or not at all.
		const user = await context.adapter.transaction(async () => {
			const created = await context.internalAdapter.createUser({
				name,
				email,
				image,
				emailVerified: false,
				...additional,
			});
			if (!created) throw new APIError("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.FAILED_TO_CREATE_USER);
			const account = await context.internalAdapter.createAccount({
				userId: created.id,
				accountId: created.id,
				providerId: "credential",
				password: hash,
			});
			if (!account) throw new APIError("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.FAILED_TO_CREATE_USER);
			return created;
		});
		if (context.options.emailVerification?.sendOnSignUp ?? options.requireEmailVerification) {
			await sendVerificationEmail(context, user, callbackURL, ctx.request);
		}
		if (options.autoSignIn === false || options.requireEmailVerification) {
			return ctx.json({ token: null, user: userOutput(context, user) });
		}
		const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx), rememberMe === false);
		if (!session) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
		await setSessionCookie(ctx, { session, user }, rememberMe === false);
		return ctx.json({ token: session.token, user: userOutput(context, user) });
	},
);

/**
 * Sign-up is lenient where update-user is not: a server-owned field with a default value, or sent
 * empty (false, "", 0, null), is dropped rather than refused, as better-auth 1.7 answers.
 */
const ignoredAtSignUp = (field: { defaultValue?: unknown }, value: unknown) =>
	field.defaultValue !== undefined || !value;
