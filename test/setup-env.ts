import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes an encryption key into the user folder on first use; keep that out of the real home.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'nmpa-udid-n8n-'));
