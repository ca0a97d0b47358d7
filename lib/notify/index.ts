/** Notifications: gateway signatures, byte-safe splitting, pacing, masking and message bodies. */
export {
	type Clock as NotifyClock,
	systemClock as systemNotifyClock,
	getClock as getNotifyClock,
	setClock as setNotifyClock,
	FakeClock as FakeNotifyClock,
} from './clock';
export * from './utf8';
export * from './pacer';
export * from './dingtalk';
export * from './aliyun';
export * from './masking';
export * from './messages';
export * from './multipart';
export * from './url';
