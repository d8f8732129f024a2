// Mints a development token:  npm run token -- --role county --region 220102
//   --role      admin | prefecture | county | station | analyst (or the full role names)
//   --region    a prefecture code (prefecture) or county code (county, station)
//   --station   the station id (station)
//   --expires-in  e.g. 8h (default), 30m, or a negative span like -1h for an expired token
//   --audience  another audience than the service's (tests use it to forge a wrong one)
// The secret is FUHUA_JWT_SECRET, or the one `npm start` keeps beside its data folder.
import { ROLES, signUserToken, type Role } from '../subgraphs/kit';
import { developmentSecrets } from './secrets';

const ALIASES: Record<string, Role> = {
  admin: 'province_admin',
  province: 'province_admin',
  prefecture: 'prefecture_officer',
  county: 'county_operator',
  station: 'station_operator',
  analyst: 'analyst',
};

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function mint(args: string[], env = process.env): Promise<string> {
  const given = option(args, 'role') ?? '';
  const role = ALIASES[given] ?? (ROLES.includes(given as Role) ? (given as Role) : undefined);
  if (!role || role === 'public') throw new Error(`--role must be one of ${Object.keys(ALIASES).join(', ')} (anonymous callers need no token)`);
  const expiresIn = option(args, 'expires-in') ?? '8h';
  const secrets = developmentSecrets(env);
  return signUserToken(
    { role, region: option(args, 'region'), station: option(args, 'station'), sub: option(args, 'sub') },
    {
      // jose reads "-1h" as an hour ago: an already expired token, for tests.
      expiresIn: expiresIn.startsWith('-') ? `${expiresIn.slice(1)} ago` : expiresIn,
      audience: option(args, 'audience'),
      env: { ...env, FUHUA_JWT_SECRET: option(args, 'secret') ?? secrets.FUHUA_JWT_SECRET },
    },
  );
}

if (require.main === module) {
  mint(process.argv.slice(2)).then(
    (token) => console.log(token),
    (error) => {
      console.error((error as Error).message);
      process.exit(2);
    },
  );
}
