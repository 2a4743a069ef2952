import { describeServer } from './helpers/server-suite';

// PostgreSQL on 127.0.0.1:5432 (PGHOST, PGPORT, PGUSER, PGPASSWORD move it); .ci/start-services starts it.
describeServer('postgres', ['postgres'], true);
