/**
 * The simulator in a process of its own, driven over IPC, so that its CPU (answer building, JSON) runs on the
 * other core and its caches stay out of the measured process's heap. `SimProcess` is the parent's handle.
 */
import type { ChildProcess } from 'node:child_process';
import type { Simulator, SimulatorOptions, SimulatorStats } from '../test/simulator';
import { forkTs } from './lib';

type Request = { id: number; cmd: string; simId?: number; options?: SimulatorOptions; date?: string };

if (require.main === module) {
	void (async () => {
		const { startSimulator } = await import('../test/simulator');
		const sims: Simulator[] = [];
		const handle = async (m: Request): Promise<unknown> => {
			const sim = m.simId === undefined ? undefined : sims[m.simId];
			switch (m.cmd) {
				case 'start': {
					const started = await startSimulator({ port: 0, ...m.options });
					sims.push(started);
					return { simId: sims.length - 1, url: started.url };
				}
				case 'dayCount':
					// Also fills the simulator's whole-day cache, so later pages are served without generating records.
					return sim!.dayRecords(m.date!).length;
				case 'stats':
					return JSON.parse(JSON.stringify(sim!.stats)) as SimulatorStats;
				case 'cpu':
					return process.cpuUsage();
				case 'close':
					await Promise.all(sims.map((s) => s.close()));
					setImmediate(() => process.exit(0));
					return true;
				default:
					throw new Error(`unknown command ${m.cmd}`);
			}
		};
		process.on('message', (m: Request) => {
			handle(m).then(
				(data) => process.send!({ id: m.id, data }),
				(error: unknown) => process.send!({ id: m.id, error: String(error) }),
			);
		});
		process.send!({ ready: true });
	})();
}

export class SimProcess {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (m: { id?: number; data?: unknown; error?: string }) => {
			if (m.id === undefined) return;
			const p = this.pending.get(m.id);
			this.pending.delete(m.id);
			if (m.error !== undefined) p?.reject(new Error(m.error));
			else p?.resolve(m.data);
		});
	}

	static spawn(): Promise<SimProcess> {
		const child = forkTs('sim-process.ts');
		return new Promise((resolve, reject) => {
			child.once('message', () => resolve(new SimProcess(child)));
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`simulator process exited early (${code})`)));
		});
	}

	private call<T>(req: Omit<Request, 'id'>): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.child.send({ ...req, id });
		});
	}

	start(options: SimulatorOptions): Promise<{ simId: number; url: string }> {
		return this.call({ cmd: 'start', options });
	}
	dayCount(simId: number, date: string): Promise<number> {
		return this.call({ cmd: 'dayCount', simId, date });
	}
	stats(simId: number): Promise<SimulatorStats> {
		return this.call({ cmd: 'stats', simId });
	}
	/** CPU time the simulator process has used so far, microseconds. */
	async cpuMicros(): Promise<number> {
		const u = await this.call<NodeJS.CpuUsage>({ cmd: 'cpu' });
		return u.user + u.system;
	}
	async close(): Promise<void> {
		this.child.removeAllListeners('exit');
		const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
		await this.call({ cmd: 'close' }).catch(() => undefined);
		await exited;
	}
}
