/** The simulated public download site of the UDID bulk releases (see site.ts). */
export { startReleaseSite } from './site';
export type { DownloadLogEntry, ReleaseSite, ReleaseSiteOptions, ReleaseTrouble, TransferTrouble } from './site';
export { catalog, dailyPackage, packageRecords, SIM_RELEASE_KINDS } from './catalog';
export type { SimPackage, SimReleaseKind } from './catalog';
export { partCount, writePackage } from './build';
export type { ContentTrouble } from './build';
export { correctionOf, DIRT_KINDS, DIRTY_FIELD, dirtyValue, repairedDirtyValue } from './xml';
export type { DirtKind } from './xml';
