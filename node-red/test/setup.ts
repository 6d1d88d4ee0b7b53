import { closeSharedDispatchers } from '../../nodes/udid/client/http';

// The core keeps keep-alive connections per process; close them so Jest can exit.
afterAll(() => closeSharedDispatchers());
