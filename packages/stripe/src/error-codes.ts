import { defineErrorCodes } from "@better-auth/core/error";

/** The Stripe plugin's error codes (the first eight have better-auth 1.7's names and messages). */
export const STRIPE_ERROR_CODES = defineErrorCodes({
	SUBSCRIPTION_NOT_FOUND: "Subscription not found",
	SUBSCRIPTION_PLAN_NOT_FOUND: "Subscription plan not found",
	ALREADY_SUBSCRIBED_PLAN: "You're already subscribed to this plan",
	UNABLE_TO_CREATE_CUSTOMER: "Unable to create customer",
	FAILED_TO_FETCH_PLANS: "Failed to fetch plans",
	EMAIL_VERIFICATION_REQUIRED: "Email verification is required before you can subscribe to a plan",
	SUBSCRIPTION_NOT_ACTIVE: "Subscription is not active",
	SUBSCRIPTION_NOT_SCHEDULED_FOR_CANCELLATION: "Subscription is not scheduled for cancellation",
	SUBSCRIPTION_ALREADY_CANCELED: "Subscription is already scheduled for cancellation",
	PRICE_NOT_FOUND: "No Stripe price found for this plan",
	CUSTOMER_NOT_FOUND: "Stripe customer not found",
	REFERENCE_ID_NOT_ALLOWED: "Reference id is not allowed",
	UNAUTHORIZED_REFERENCE: "You are not allowed to manage subscriptions of this reference",
	STRIPE_SIGNATURE_NOT_FOUND: "Stripe signature not found",
	FAILED_TO_CONSTRUCT_STRIPE_EVENT: "Failed to construct Stripe event",
	STRIPE_WEBHOOK_ERROR: "Stripe webhook error",
	STRIPE_ERROR: "Stripe request failed",
});
