/**
 * npm run twilio:configure [-- --dry-run] [--allow-http]: points the line's Twilio numbers
 * (LINE_NUMBER and OUT_OF_AREA_NUMBER) at PUBLIC_BASE_URL — Voice URL /voice/incoming, fallback
 * URL /voice/fallback, status callback /voice/status, all POST — through Twilio's REST API with
 * TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN. Changes only what differs; --dry-run changes nothing.
 * Exits 1 when a number is not in the account or is tied to a TwiML App.
 */
import { configureNumbers, InsecureBaseUrlError } from '../src/twilio/configure-numbers.js';
import { loadConfig } from '../src/config.js';

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !['--dry-run', '--allow-http'].includes(a));
  if (unknown.length) {
    console.error('usage: npm run twilio:configure -- [--dry-run] [--allow-http]');
    return 2;
  }
  const config = loadConfig();
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) {
    console.error('Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to the account that owns the numbers.');
    return 2;
  }
  const dryRun = argv.includes('--dry-run');
  const numbers = [config.LINE_NUMBER ?? config.SMS_FROM, config.OUT_OF_AREA_NUMBER];
  let outcomes;
  try {
    outcomes = await configureNumbers({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      numbers,
      dryRun,
      allowHttp: argv.includes('--allow-http'),
    });
  } catch (err) {
    if (err instanceof InsecureBaseUrlError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  let failed = false;
  for (const outcome of outcomes) {
    switch (outcome.result) {
      case 'unchanged':
        console.log(`${outcome.number}: already points at ${config.PUBLIC_BASE_URL}`);
        break;
      case 'updated':
      case 'would-update':
        console.log(`${outcome.number}: ${outcome.result === 'updated' ? 'updated' : 'would update (dry run)'}`);
        for (const [key, { from, to }] of Object.entries(outcome.changes)) console.log(`  ${key}: ${from ?? '(none)'} -> ${to}`);
        break;
      case 'not-found':
        failed = true;
        console.error(`${outcome.number}: not a number of account ${config.TWILIO_ACCOUNT_SID}`);
        break;
      case 'uses-twiml-app':
        failed = true;
        console.error(`${outcome.number}: answered by TwiML App ${outcome.voiceApplicationSid}, which overrides the number's own URLs; detach it in the console or point the app at ${config.PUBLIC_BASE_URL}`);
        break;
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`twilio:configure failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
