/** A small seeded PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Random {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	weighted<T>(items: readonly T[], weights: readonly number[]): T;
	chance(p: number): boolean;
}

export function createRandom(seed: number): Random {
	const next = mulberry32(seed);
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted(items, weights) {
			const total = weights.reduce((a, b) => a + b, 0);
			let r = next() * total;
			for (let i = 0; i < items.length; i++) {
				r -= weights[i];
				if (r < 0) return items[i];
			}
			return items[items.length - 1];
		},
		chance: (p) => next() < p,
	};
}
