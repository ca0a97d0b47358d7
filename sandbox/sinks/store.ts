export type SinkChannel = 'wecom' | 'dingtalk' | 'sms';

/** One message a sink accepted, as the gateway would have delivered it. */
export interface SinkMessage {
	id: number;
	channel: SinkChannel;
	/** ISO time the sink received it (its own clock). */
	receivedAt: string;
	/** The robot's key / access token, or the AccessKey ID for SMS. */
	account: string;
	msgtype: string;
	/** What people see: the text, markdown, card title/text/buttons, or the SMS template values. */
	text: string;
	/** SMS recipients. */
	phoneNumbers?: string[];
	/** The request body as parsed (SMS: its parameters). */
	body: unknown;
}

export type SinkFilter = Partial<Pick<SinkMessage, 'channel' | 'account' | 'msgtype'>> | ((m: SinkMessage) => boolean);

export class MessageStore {
	private items: SinkMessage[] = [];
	private next = 1;

	constructor(private readonly capacity = 10_000) {}

	add(message: Omit<SinkMessage, 'id'>): SinkMessage {
		const kept = { id: this.next++, ...message };
		this.items.push(kept);
		if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
		return kept;
	}

	list(filter?: SinkFilter): SinkMessage[] {
		if (!filter) return [...this.items];
		if (typeof filter === 'function') return this.items.filter(filter);
		return this.items.filter((m) => Object.entries(filter).every(([k, v]) => v === undefined || m[k as keyof SinkMessage] === v));
	}

	clear(): void {
		this.items = [];
	}
}

/** Send times per key, to answer "over the limit" the way the gateways do. */
export class SendLog {
	private readonly sent = new Map<string, number[]>();

	times(key: string): number[] {
		return this.sent.get(key) ?? [];
	}

	record(key: string, at: number, keepMs: number): void {
		const kept = this.times(key).filter((t) => at - t < keepMs);
		kept.push(at);
		this.sent.set(key, kept);
	}

	clear(): void {
		this.sent.clear();
	}
}
