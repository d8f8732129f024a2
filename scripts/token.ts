// `fuhua token`: mints a development token and prints it alone, so `TOKEN=$(npx fuhua token …)` works.
import { parseArgs } from 'node:util';
import { cliConfig } from '../subgraphs/kit/config';
import { ROLE_ALIASES, ROLES, signUserToken, type Role } from '../subgraphs/kit/identity';
import { developmentSecrets } from './secrets';

export const TOKEN_HELP = `fuhua token --role ROLE [--region CODE] [--station ID] [--expires-in 8h]

Prints a development token signed with FUHUA_JWT_SECRET, or the secret \`npm start\` keeps beside its
data folder. Send it as "Authorization: Bearer <token>".

  --role        admin | prefecture | county | station | analyst (or the full role names)
  --region      a prefecture code (prefecture) or county code (county, station)
  --station     the station id (station)
  --sub         the subject (default: role@region)
  --expires-in  e.g. 8h (default), 30m; --expires-in=-1h makes an already expired token (for tests)
  --audience    another audience than the service's (tests use it to forge a wrong one)
  --secret      sign with this secret instead`;

export async function mint(args: string[], env = process.env): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      region: { type: 'string' },
      station: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
      audience: { type: 'string' },
      secret: { type: 'string' },
    },
    allowNegative: false,
  });
  const given = values.role ?? '';
  const role = ROLE_ALIASES[given] ?? (ROLES.includes(given as Role) ? (given as Role) : undefined);
  if (!role || role === 'public') throw new Error(`--role must be one of ${Object.keys(ROLE_ALIASES).join(', ')} (anonymous callers need no token)`);
  const config = cliConfig(env);
  const secret = values.secret ?? config.jwtSecret ?? developmentSecrets({}, config.dataDir).FUHUA_JWT_SECRET;
  const expiresIn = values['expires-in']!;
  return signUserToken(
    { role, region: values.region, station: values.station, sub: values.sub },
    {
      secret,
      issuer: config.issuer,
      audience: values.audience ?? config.audience,
      // jose reads "-1h" as an hour ago: an already expired token, for tests.
      expiresIn: expiresIn.startsWith('-') ? `${expiresIn.slice(1)} ago` : expiresIn,
    },
  );
}

export async function run(args: string[]): Promise<void> {
  process.stdout.write((await mint(args)) + '\n');
}
