// What the API takes from the policy itself (吉民发〔2014〕53号), not from any deployment or the demo.

/** The policy's year: yearly series start here unless asked otherwise. */
export const POLICY_FIRST_YEAR = 2014;
