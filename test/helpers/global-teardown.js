// @ts-check
'use strict';

module.exports = async function globalTeardown() {
  // @ts-ignore set by global-setup
  const database = globalThis.__TEST_DATABASE__;
  if (database) await database.destroy();
};
