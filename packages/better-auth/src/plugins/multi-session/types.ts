export interface MultiSessionOptions {
	/**
	 * How many sessions one browser keeps (one per account: signing in again as the same user
	 * replaces that user's earlier session). Past the limit, a new sign-in still works but is not
	 * added to the device's list.
	 * @default 5
	 */
	maximumSessions?: number;
}
