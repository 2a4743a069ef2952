import { describeServer } from './helpers/server-suite';

// MariaDB on 127.0.0.1:3306 (MYSQL_HOST, MYSQL_TCP_PORT, MYSQL_USER, MYSQL_PWD move it); .ci/start-services starts it.
// Both DataSource types TypeORM offers for it: 'mariadb' and 'mysql'. Snapshots are per worker there.
describeServer('mariadb', ['mariadb', 'mysql'], false);
