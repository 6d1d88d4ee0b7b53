/** Demo credentials of the simulator. They are public test values, not secrets of any real service. */
import type { SimulatorApp } from './types';

export const DEFAULT_APP: SimulatorApp = {
	appId: 'sim-app-id',
	appSecret: '7f3c9a1e5b2d4c8fa6e0b9d17c3f5a28',
	// Valid unified social credit codes (check characters computed with GB 32100-2015); they are also the
	// codes of the first three generated consumable makers (Suzhou, Shenzhen, Beijing).
	creditCodes: ['91320594MA1N8K7X37', '91440305MA5EXR4L2K', '91110114MA01Q7HW6Y'],
};

/** Days before this one hold no records: the UDID database went live in October 2019. */
export const FIRST_DAY = '2019-10-01';

/** Keeps DIs and record keys unique: (base count + published count) of one day must stay below this. */
export const MAX_RECORDS_PER_DAY = 100_000;
