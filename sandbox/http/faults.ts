import { mulberry32 } from '../seed/prng';

export type FaultKind = '500' | '429' | 'timeout';
export const FAULT_KINDS: readonly FaultKind[] = ['500', '429', 'timeout'];

export interface FaultConfig {
	/** Share of requests that fail, 0–1. */
	rate: number;
	kinds: FaultKind[];
	/** How long a `timeout` holds the connection before cutting it. */
	timeoutMs: number;
}

export const NO_FAULTS: FaultConfig = { rate: 0, kinds: [...FAULT_KINDS], timeoutMs: 30_000 };

/**
 * Injected failures for the fault tests: a share of API requests answer 500 or 429 or never
 * answer, before anything is read or written, so a retry is always safe. Seeded, so a run repeats.
 */
export function createFaults(initial: Partial<FaultConfig> = {}, seed = 7) {
	let config: FaultConfig = normalize({ ...NO_FAULTS, ...initial });
	const random = mulberry32(seed);
	return {
		get config(): FaultConfig {
			return { ...config, kinds: [...config.kinds] };
		},
		set(next: Partial<FaultConfig>): FaultConfig {
			config = normalize({
				rate: next.rate ?? config.rate,
				kinds: next.kinds ?? config.kinds,
				timeoutMs: next.timeoutMs ?? config.timeoutMs,
			});
			return this.config;
		},
		/** The fault for this request, if any. */
		draw(): FaultKind | null {
			if (config.rate <= 0 || config.kinds.length === 0) return null;
			if (random() >= config.rate) return null;
			return config.kinds[Math.floor(random() * config.kinds.length)];
		},
	};
}

function normalize(config: FaultConfig): FaultConfig {
	const rate = Number(config.rate);
	if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError('rate must be between 0 and 1');
	if (!Array.isArray(config.kinds)) throw new RangeError('kinds must be a list of 500, 429, timeout');
	const kinds = [...new Set(config.kinds.map(String))];
	for (const kind of kinds) {
		if (!FAULT_KINDS.includes(kind as FaultKind)) throw new RangeError(`Unknown fault kind ${kind}`);
	}
	const timeoutMs = Number(config.timeoutMs);
	if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new RangeError('timeoutMs must be a number of ms');
	return { rate, kinds: kinds as FaultKind[], timeoutMs };
}

export type Faults = ReturnType<typeof createFaults>;
