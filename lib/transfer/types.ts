import type { Reason } from '../core/reasons';
import type { Organization } from '../core/vocabulary';

/** Why a membership moves (SPEC §4). */
export const TRANSFER_REASONS = [
	'employer_union_established',
	'changed_employer',
	'moved_city',
	'employer_dissolved',
	'member_request',
] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export const TRANSFER_STATES = ['requested', 'released', 'completed', 'rejected', 'cancelled', 'expired'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** Unfinished: the member is still at `fromOrg` and may not start another transfer. */
export const OPEN_TRANSFER_STATES: readonly TransferState[] = ['requested', 'released'];

export const TRANSFER_EVENTS = ['release', 'complete', 'reject', 'cancel', 'expire'] as const;
export type TransferEventType = (typeof TRANSFER_EVENTS)[number];

export const DEFAULT_EXPIRES_AFTER_DAYS = 30;

export interface TransitionRecord {
	state: TransferState;
	/** What moved it: `request` first, then the event type. */
	event: 'request' | TransferEventType;
	at: string;
	actorId: string;
	actorOrgId: string | null;
	comment: string | null;
}

export interface Transfer {
	transferId: string;
	memberId: string;
	fromOrgId: string;
	toOrgId: string;
	reason: TransferReason;
	state: TransferState;
	requestedAt: string;
	/** The last day (China date) by which the transfer must complete. */
	expiresOn: string;
	/** The end of that day, China time. */
	expiresAt: string;
	/** The member's original joining date (会龄), carried to the new organisation. */
	joinedAt: string | null;
	fromCityCode: string | null;
	toCityCode: string | null;
	/** From and to are in different cities (CROSS_CITY). */
	crossCity: boolean;
	history: TransitionRecord[];
	[field: string]: unknown;
}

export interface TransferRequest {
	transferId?: string;
	memberId?: string;
	/** Defaults to the member's current organisation. */
	fromOrgId?: string;
	/** Defaults to the target organisation's id. */
	toOrgId?: string;
	/** Defaults to `member_request`. */
	reason?: TransferReason;
	requestedAt?: string;
	/** Who asks (the member, an admin, or `system`); defaults to the member. */
	actorId?: string;
	actorOrgId?: string;
	/** The platform API's spelling of actorId / actorOrgId. */
	requestedBy?: { actorId?: string; actorOrgId?: string | null };
	comment?: string;
	expiresAfterDays?: number;
}

/** A member as registered on the platform. */
export interface TransferMember {
	memberId: string;
	/** The organisation the member is registered at now. */
	orgId?: string;
	joinedAt?: string;
	employmentRelation?: string;
	employer?: { name?: string; usci?: string };
	employerUsci?: string;
	[field: string]: unknown;
}

export interface TransferContext {
	member: TransferMember;
	/** The organisation the transfer leaves (for its city). */
	fromOrg?: Organization;
	/** The organisation the transfer goes to (status, type, city, usci). */
	toOrg?: Organization;
	/** Transfers already under way (of this member or of anyone; others are ignored). */
	openTransfers?: ReadonlyArray<Partial<Transfer>>;
	expiresAfterDays?: number;
	now?: Date | string;
}

export interface TransferValidation {
	ok: boolean;
	outcome: 'accepted' | 'rejected';
	/** The new transfer in state `requested`, when accepted. */
	transfer: Transfer | null;
	reasons: Reason[];
}

export type ActorRole = 'admin' | 'member' | 'system';

export interface TransferEvent {
	/** `event` in the platform API's spelling is read too. */
	type: TransferEventType;
	actorId?: string;
	/** The organisation the actor administers and acts for. */
	actorOrgId?: string;
	/** Inferred when absent: `system` for actorId "system", `admin` with an actorOrgId, else `member`. */
	actorRole?: ActorRole;
	at?: string;
	comment?: string;
}

/** The member's new registration, produced only by a completed transfer. */
export interface MemberUpdate {
	memberId: string;
	fromOrgId: string;
	orgId: string;
	joinedAt: string | null;
	since: string;
}

export interface TransferEventResult {
	ok: boolean;
	outcome: 'applied' | 'rejected';
	/** The transfer after the event (unchanged when rejected). */
	transfer: Transfer;
	memberUpdate?: MemberUpdate;
	reasons: Reason[];
}
