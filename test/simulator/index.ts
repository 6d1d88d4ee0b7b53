/** The NMPA UDID API simulator: a real HTTP server with the real wire format, deterministic under a seed. */
export { startSimulator } from './server';
export { DEFAULT_APP, FIRST_DAY } from './defaults';
export { FAULT_KINDS } from './types';
export type { RateLimitOptions } from './rate-limit';
export type {
	AnswerVariant,
	DeviceRecord,
	EndpointName,
	FaultEndpoint,
	FaultKind,
	FaultOptions,
	ResolvedSimulatorOptions,
	Simulator,
	SimulatorApp,
	SimulatorOptions,
	SimulatorStats,
	WireRow,
} from './types';
