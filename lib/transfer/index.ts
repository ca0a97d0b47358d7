/** Membership transfer (SPEC §4): validation, the transfer state machine, bulk planning, expiry. */
export {
	DEFAULT_EXPIRES_AFTER_DAYS,
	OPEN_TRANSFER_STATES,
	TRANSFER_EVENTS,
	TRANSFER_REASONS,
	TRANSFER_STATES,
} from './types';
export type {
	ActorRole,
	TransferMember,
	MemberUpdate,
	Transfer,
	TransferContext,
	TransferEvent,
	TransferEventResult,
	TransferEventType,
	TransferReason,
	TransferRequest,
	TransferState,
	TransferValidation,
	TransitionRecord,
} from './types';
export { validateTransfer, openTransferOf } from './validate';
export { applyTransferEvent, TRANSITIONS } from './events';
export { planTransfersForNewUnion, readEstablishedEvent, PLANNED_RELATIONS } from './plan';
export type { MemberPlan, PlanOptions, EstablishedUnion } from './plan';
export { expireOverdue } from './expire';
export type { ExpiryOptions, ExpiryResult } from './expire';
