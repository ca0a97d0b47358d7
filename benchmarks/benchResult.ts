/** One row of benchmarks/results.json and of the README's table. */
export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	baseline: number | null;
	ratio: number | null;
	target: string;
	pass: boolean;
}
