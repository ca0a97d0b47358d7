/**
 * Samples other processes from /proc while a benchmark phase runs: the peak of their resident
 * memory together, and the CPU each used (cores busy on average); this process (the local
 * platform's server) is counted as `platform`.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number {
	// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function rssBytes(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

export class ProcessSampler {
	private readonly startedAt = process.hrtime.bigint();
	private readonly cpuAtStart: Record<string, number>;
	private readonly ownCpuAtStart = process.cpuUsage();
	private peakRss = 0;
	private readonly timer: NodeJS.Timeout;

	constructor(private readonly pids: Record<string, number>) {
		this.cpuAtStart = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
		this.sample();
		this.timer = setInterval(() => this.sample(), 100);
	}

	private sample() {
		const total = Object.values(this.pids).reduce((sum, pid) => sum + rssBytes(pid), 0);
		this.peakRss = Math.max(this.peakRss, total);
	}

	stop(): { peakRssMb: number; cpu: Record<string, number> } {
		clearInterval(this.timer);
		this.sample();
		const seconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
		const cpu = Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, (cpuSeconds(pid) - this.cpuAtStart[name]) / seconds]));
		const own = process.cpuUsage(this.ownCpuAtStart);
		cpu.platform = (own.user + own.system) / 1e6 / seconds;
		return { peakRssMb: this.peakRss / 1024 / 1024, cpu };
	}
}
